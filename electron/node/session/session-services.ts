// The session machine with its real actors and actions: the card, the gateway, the
// submission courier, operating hours and the audit trail. Everything the machine does to
// the world goes through here.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromCallback, fromPromise } from 'xstate';
import type { InformationItem } from '../../common/income-items.ts';
import { isTransient, type CertificateProblem, type GatewayClient } from '../gateway/gateway-client.ts';
import type { RetrievalFailure } from '../gateway/gateway-schemas.ts';
import { wipe } from '../../../native/jpki/pin.ts';
import type { CardMechanics, MechanicsEvent } from '../../../native/reader/card-mechanics.ts';
import type { ReaderEvent } from '../../../native/reader/reader-events.ts';
import type { ReaderPort } from '../../../native/reader/reader-port.ts';
import type { CardAccess } from '../card/card-access.ts';
import { resolveQuery } from '../services/resolve-query.ts';
import type { Service } from '../services/service-catalog.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { ReceiptPrinter } from '../printing/receipt-printer.ts';
import type { RetrievalDeleter } from '../submission/retrieval-deleter.ts';
import type { SubmissionCourier } from '../submission/submission-courier.ts';
import { sessionMachine, type AuthenticationInput, type SubmissionInput } from './session-machine.ts';
import type {
  AuthenticationOutcome,
  AvailabilityCheck,
  CardCheck,
  CardInspection,
  CardProblem,
  ReceiptPrintOutcome,
  RetrievalOutcome,
  RetrievalProblem,
  SessionEvent,
  SubmissionOutcome,
} from './session-types.ts';

export interface SessionServices {
  readonly services: readonly Service[];
  /**
   * Whether a service can be offered now, from every layer that has a say (the schedule, the
   * branch's overrides and staffed hours, staff's switches: maintenance/effective-availability.ts),
   * read at each check so that a change applies without a restart.
   */
  readonly availability: (serviceId: string) => { readonly available: boolean; readonly nextAvailableAt: string | undefined };
  readonly now: () => Date;
  readonly port: ReaderPort;
  readonly reader: string;
  readonly mechanics: CardMechanics;
  readonly card: CardAccess;
  readonly gateway: GatewayClient;
  readonly courier: SubmissionCourier;
  /** Deletes retrievals at the gateway, durably, and says when the gateway confirmed. */
  readonly deleter: Pick<RetrievalDeleter, 'request' | 'onDeleted'>;
  readonly audit: AuditTrail;
  /** The receipt printer, where the terminal has one. */
  readonly printer?: ReceiptPrinter | undefined;
  /** How often gateway health is checked between customers. */
  readonly healthIntervalMs?: number;
  /** How long マイナポータル may take before the customer is told. */
  readonly retrievalTimeoutMs?: number;
  readonly delay?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  /** Told (by name only) when a device or the database fails inside an action. */
  readonly onFault?: (action: string) => void;
  /**
   * Aborted when the session actor is gone. XState does not stop what a failed machine
   * invoked (statelyai/xstate#5153): the watchers end on this too, or a crashed session would
   * go on watching the reader and polling the gateway next to the new one.
   */
  readonly ended?: AbortSignal;
  /** Overrides of the machine's named delays (idle, idleCountdown, cardTake, …), e.g. for tests. */
  readonly delays?: Readonly<Partial<Record<SessionDelay, number>>>;
}

export type SessionDelay =
  'idle' | 'reviewIdle' | 'idleCountdown' | 'noticeScreen' | 'cardTake' | 'cardReminder' | 'cardLastCall' | 'completeScreen';

const CERTIFICATE_PROBLEMS: Record<CertificateProblem, CardProblem> = {
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  revoked: 'revoked',
  untrusted: 'untrusted',
  profile: 'untrusted',
};

/**
 * Reads the card, then asks the gateway whether its certificate is revoked, so that no PIN try
 * is spent on a card that cannot be used. Where the gateway cannot tell (unreachable, no current
 * CRL, an answer that is not the protocol) the customer goes on to the PIN: the gateway checks
 * revocation again at authentication, before anything is retrieved, so nothing is lost but a
 * PIN try on a card that would have been refused anyway; refusing instead would turn every
 * gateway hiccup into a rejected card for every customer.
 */
async function inspectCard(deps: SessionServices): Promise<CardInspection> {
  const inspection = await deps.card.inspect();
  if (inspection.kind !== 'ready') return inspection;
  const certificate = deps.card.certificate(inspection.handle);
  if (!certificate) return inspection;
  const status = await deps.gateway.certificateStatus(certificate);
  if (!status.ok) deps.onFault?.('certificate-status');
  return status.ok && status.value.revocation === 'revoked' ? { kind: 'problem', problem: 'revoked' } : inspection;
}

/**
 * 利用者証明 for one retrieval: challenge from the gateway, PIN and signature on the card,
 * verification at the gateway. Works only on this session's card (`handle`), stops at every
 * step once the session has left (`signal`), and tells the gateway to delete a retrieval
 * that did not end authenticated.
 */
async function authenticate(deps: SessionServices, input: AuthenticationInput, signal: AbortSignal): Promise<AuthenticationOutcome> {
  // Taken at once: whatever happens below, these digits are wiped when it ends.
  const digits = input.pin.takeSealed();
  let retrievalId: string | undefined;
  let outcome: AuthenticationOutcome = { kind: 'card-lost' };
  // A function, not the property: the session may leave at any await.
  const left = (): boolean => signal.aborted;
  try {
    outcome = await (async (): Promise<AuthenticationOutcome> => {
      const service = deps.services.find((candidate) => candidate.id === input.serviceId);
      // No retrieval without the customer's agreement to it (図3.3-3), which goes with the request.
      if (!service || !input.agreement) return { kind: 'gateway-error', retryable: false };
      // The challenge first: a gateway that is down or closed must not cost the customer a PIN try.
      // Told to wait (Retry-After), the client may hold this a few seconds; it stops when the session leaves.
      const started = await deps.gateway.startRetrieval(
        { mynaportalServiceId: service.mynaportalServiceId, query: resolveQuery(service.query, deps.now()), agreement: input.agreement },
        signal,
      );
      if (!started.ok) {
        if (started.error.kind === 'outside-hours') return { kind: 'outside-hours', nextAvailableAt: started.error.nextAvailableAt };
        return { kind: 'gateway-error', retryable: isTransient(started.error) };
      }
      retrievalId = started.value.retrievalId;
      if (left()) return { kind: 'card-lost' };
      // The verified state belongs to this session's hold on the card, never to an earlier one.
      if (!deps.card.pinVerified(input.handle)) {
        if (!digits) return { kind: 'pin-required' };
        const verified = await deps.card.verifyPin(input.handle, digits);
        wipe(digits);
        if (verified.kind === 'wrong-pin') return { kind: 'wrong-pin', triesLeft: verified.triesLeft };
        if (verified.kind === 'pin-blocked') return { kind: 'pin-blocked' };
        if (verified.kind === 'problem') return verified;
        if (verified.kind === 'card-lost' || verified.kind === 'reader-lost') return { kind: verified.kind };
      }
      if (left()) return { kind: 'card-lost' };
      const signed = await deps.card.sign(input.handle, started.value.challenge);
      if (signed.kind !== 'signed') return signed;
      const certificate = deps.card.certificate(input.handle);
      if (!certificate || left()) return { kind: 'card-lost' };
      const result = await deps.gateway.authenticate(started.value.retrievalId, certificate, signed.signature);
      if (result.ok) return { kind: 'authenticated', retrievalId: started.value.retrievalId, processId: result.value.processId };
      if (result.error.kind === 'certificate') return { kind: 'problem', problem: CERTIFICATE_PROBLEMS[result.error.problem] };
      if (result.error.kind === 'signature-invalid') return { kind: 'problem', problem: 'untrusted' };
      // A challenge that expired while the customer typed can be retried with a new one.
      return { kind: 'gateway-error', retryable: result.error.kind === 'challenge-expired' || isTransient(result.error) };
    })();
    return outcome;
  } finally {
    if (digits) wipe(digits);
    // Anything the gateway may have asked マイナポータル for, without a session to show it to, is deleted.
    if (retrievalId && (outcome.kind !== 'authenticated' || left())) deps.deleter.request(retrievalId);
  }
}

/**
 * Only the items the service announced on the confirmation screen, with its labels: the
 * gateway cannot add an item or relabel one the customer is asked to provide. Every record of
 * the answer is kept (範囲指定 answers one per year), record by record in the order the
 * gateway gave them, each in the service's order; an item repeated within a record counts once.
 */
export function announcedItems(service: Service, items: readonly InformationItem[]): InformationItem[] {
  const records = [...new Set(items.map((item) => item.record))];
  return records.flatMap((record) =>
    service.items.flatMap(({ id, label }) => {
      const item = items.find((candidate) => candidate.id === id && candidate.record === record);
      return item ? [{ id, label, value: item.value, ...(record === undefined ? {} : { record }) }] : [];
    }),
  );
}

/** The gateway's reasons a retrieval failed, as the customer is told them. */
const RETRIEVAL_PROBLEMS: Readonly<Record<RetrievalFailure, RetrievalProblem>> = {
  'no-information': 'no-information',
  'not-registered': 'not-registered',
  refused: 'refused',
  'holding-server-unavailable': 'unavailable',
  'mynaportal-error': 'unavailable',
  expired: 'unavailable',
};

/** Polls the gateway until マイナポータル has answered, within the retrieval deadline. */
const MIN_POLL_MS = 250;

async function retrieve(deps: SessionServices, retrievalId: string, serviceId: string, signal: AbortSignal): Promise<RetrievalOutcome> {
  const service = deps.services.find((candidate) => candidate.id === serviceId);
  if (!service) return { kind: 'failed', reason: 'unavailable', retryable: false };
  const delay = deps.delay ?? ((ms, abort) => sleep(ms, undefined, { signal: abort }));
  const deadline = deps.now().getTime() + (deps.retrievalTimeoutMs ?? 120_000);
  while (!signal.aborted) {
    const status = await deps.gateway.retrievalStatus(retrievalId);
    if (!status.ok) return { kind: 'failed', reason: 'unavailable', retryable: isTransient(status.error) };
    if (status.value.status === 'ready') {
      const items = announcedItems(service, status.value.items);
      return items.length > 0
        ? { kind: 'ready', items, heldUntil: status.value.heldUntil }
        : { kind: 'failed', reason: 'no-information', retryable: false };
    }
    if (status.value.status === 'failed') {
      const reason = RETRIEVAL_PROBLEMS[status.value.reason];
      // Registering with マイナポータル, or what マイナポータル refused, is not changed by trying again here.
      const final = reason === 'not-registered' || reason === 'refused';
      return { kind: 'failed', reason, retryable: status.value.retryable && !final };
    }
    // However soon the gateway says to ask again, the kiosk never polls it in a tight loop.
    const wait = Math.max(MIN_POLL_MS, status.value.retryAfterMs);
    if (deps.now().getTime() + wait > deadline) return { kind: 'failed', reason: 'timeout', retryable: true };
    await delay(wait, signal);
  }
  return { kind: 'failed', reason: 'timeout', retryable: true };
}

/** Turns the reader's and the card mechanics' events into session events for the configured reader. */
function watchDevices(deps: SessionServices, sendBack: (event: SessionEvent) => void): () => void {
  const readerPresent = (): boolean =>
    deps.port.snapshot().serviceAvailable && deps.port.snapshot().readers.some((reader) => reader.name === deps.reader);
  const onReader = (event: ReaderEvent): void => {
    if (event.type === 'service' || event.type === 'reader-attached' || event.type === 'reader-detached')
      sendBack({ type: 'READER', available: readerPresent() });
    if (event.type === 'card-inserted' && event.reader === deps.reader) sendBack({ type: 'CARD_INSERTED' });
    if (event.type === 'card-removed' && event.reader === deps.reader) sendBack({ type: 'CARD_REMOVED', outage: event.outage === true });
  };
  const onMechanics = (event: MechanicsEvent): void => {
    if (event.type === 'held-card-removed') sendBack({ type: 'HELD_CARD_REMOVED', outage: event.outage === true });
    if (event.type === 'card-taken') sendBack({ type: 'CARD_TAKEN' });
  };
  deps.port.on('event', onReader);
  deps.mechanics.on('event', onMechanics);
  sendBack({ type: 'READER', available: readerPresent() });
  if (deps.port.snapshot().readers.some((reader) => reader.name === deps.reader && reader.card !== 'empty'))
    sendBack({ type: 'CARD_INSERTED' });
  return () => {
    deps.port.off('event', onReader);
    deps.mechanics.off('event', onMechanics);
  };
}

/** Tells the session when the gateway confirmed the deletion of a retrieval. */
function watchDeletions(deps: SessionServices, sendBack: (event: SessionEvent) => void): () => void {
  return deps.deleter.onDeleted((retrievalId) => sendBack({ type: 'RETRIEVAL_DELETED', retrievalId }));
}

function monitorGateway(deps: SessionServices, sendBack: (event: SessionEvent) => void): () => void {
  let stopped = false;
  // One check at a time: a check that hung must not answer "down" after a later one said "up".
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const health = await deps.gateway.health();
      if (!stopped) sendBack({ type: 'GATEWAY', up: health.ok && health.value.status === 'ok' });
    } finally {
      checking = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), deps.healthIntervalMs ?? 30_000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** Runs `stop` when the session ends, whichever of XState or the kiosk notices first. */
function untilEnded(deps: SessionServices, stop: () => void): () => void {
  const once = (): void => {
    deps.ended?.removeEventListener('abort', once);
    stop();
  };
  deps.ended?.addEventListener('abort', once, { once: true });
  return once;
}

function safely(deps: SessionServices, action: string, run: () => void): void {
  try {
    run();
  } catch {
    deps.onFault?.(action);
  }
}

export function provideSessionServices(deps: SessionServices) {
  // One id per customer session links its audit records, from leaving the attract loop until
  // back at it (the card's return comes after session-ended); it says nothing about the customer.
  let session: string | undefined;
  return sessionMachine.provide({
    ...(deps.delays ? { delays: deps.delays } : {}),
    actors: {
      watchDevices: fromCallback<SessionEvent>(({ sendBack }) => untilEnded(deps, watchDevices(deps, sendBack))),
      monitorGateway: fromCallback<SessionEvent>(({ sendBack }) => untilEnded(deps, monitorGateway(deps, sendBack))),
      watchDeletions: fromCallback<SessionEvent>(({ sendBack }) => untilEnded(deps, watchDeletions(deps, sendBack))),
      checkAvailability: fromPromise<AvailabilityCheck, { serviceId: string }>(({ input }) => {
        const { available, nextAvailableAt } = deps.availability(input.serviceId);
        return Promise.resolve(available ? { available: true } : { available: false, nextAvailableAt });
      }),
      inspectCard: fromPromise<CardInspection>(() => inspectCard(deps)),
      authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(({ input, signal }) => authenticate(deps, input, signal)),
      retrieve: fromPromise<RetrievalOutcome, { retrievalId: string; serviceId: string }>(({ input, signal }) =>
        retrieve(deps, input.retrievalId, input.serviceId, signal),
      ),
      checkCard: fromPromise<CardCheck, { fingerprint: string; handle: string }>(({ input }) =>
        deps.card.check(input.handle, input.fingerprint),
      ),
      submit: fromPromise<SubmissionOutcome, SubmissionInput>(({ input }) => {
        const service = deps.services.find((candidate) => candidate.id === input.serviceId);
        if (!service || input.items.length === 0 || !input.consent || !input.heldUntil) return Promise.resolve({ kind: 'failed' });
        // The consent as the customer gave it: at 確認, to the statement then on screen, for the service's retention.
        return deps.courier.submit(
          {
            retrievalId: input.retrievalId,
            mynaportalServiceId: service.mynaportalServiceId,
            submissionTarget: service.submissionTarget,
            consent: { ...input.consent, retentionDays: service.retention.days },
            items: [...input.items],
          },
          input.heldUntil,
        );
      }),
      ejectCard: fromPromise<undefined>(() => deps.card.eject().then(() => undefined)),
      retainCard: fromPromise<boolean>(() => deps.card.retain()),
      printReceipt: fromPromise<ReceiptPrintOutcome, { receiptId: string; serviceId: string }>(({ input }) => {
        const service = deps.services.find((candidate) => candidate.id === input.serviceId);
        if (!deps.printer || !input.receiptId || !service) return Promise.resolve({ kind: 'none' });
        return deps.printer.print({
          receiptId: input.receiptId,
          printedAt: deps.now(),
          service: service.name,
          recipient: service.recipient,
        });
      }),
    },
    // An action that throws would stop the session for good (no 取消, no wipe, no card
    // return): device and database faults are reported and the session goes on.
    actions: {
      audit: ({ context }, entry: AuditEntry) =>
        safely(deps, 'audit', () => {
          if (entry.event === 'session-started') session = randomUUID();
          const card = context.cardFingerprint ? deps.audit.cardHash(context.cardFingerprint) : undefined;
          deps.audit.record(entry, { session, card });
        }),
      closeAuditSession: () => {
        session = undefined;
      },
      discardRetrieval: (_, params: { retrievalId: string | undefined }) => {
        if (params.retrievalId) deps.deleter.request(params.retrievalId);
      },
      acceptCard: () => safely(deps, 'acceptCard', () => deps.card.accept()),
      refuseCard: () => safely(deps, 'refuseCard', () => deps.card.refuse()),
      holdCard: () => safely(deps, 'holdCard', () => deps.card.hold()),
      releaseCard: () => void deps.card.release().catch(() => deps.onFault?.('releaseCard')),
    },
  });
}
