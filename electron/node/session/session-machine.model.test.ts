// Model-based tests of the session machine. xstate/graph explores every state the machine
// can reach with every event it can get (screen events, device events, actor outcomes and
// timers); every path is then replayed on a real actor, whose inspection reports the
// transitions actually taken. Asserted: every state and every transition is reached, every
// state shows exactly one screen and holds to what its tags say, and every way back to the
// attract loop wipes the PIN and the personal data and gives the card back.
import {
  createActor,
  fromCallback,
  fromPromise,
  SimulatedClock,
  waitFor,
  type AnyStateNode,
  type InspectionEvent,
  type SnapshotFrom,
  type TransitionDefinition,
} from 'xstate';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAdjacencyMap, getShortestPaths, type StatePath } from 'xstate/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPromptPack, promptToolsMissing, PROMPT_EXTENSION } from '../../../build/prompts/prompt-pack.ts';
import type { ViewModel } from '../../common/view-model.ts';
import { screenScriptBase, voiceOf } from '../../common/voice/voice-prompts.ts';
import { describeWhenAvailable } from '../../../test/support/components.ts';
import type { InformationItem } from '../../common/income-items.ts';
import { itemKey } from '../../common/item-key.ts';
import { DEMO_SERVICES } from '../services/service-catalog.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import { sessionMachine, type AuthenticationInput, type SubmissionInput } from './session-machine.ts';
import { SCREEN_TAGS, screenTagsOf, viewOf } from './session-view.ts';
import type {
  AuthenticationOutcome,
  AvailabilityCheck,
  CardCheck,
  CardInspection,
  ReceiptPrintOutcome,
  RetrievalOutcome,
  ScreenTag,
  SessionEvent,
  SubmissionOutcome,
} from './session-types.ts';

type Snapshot = SnapshotFrom<typeof sessionMachine>;

/** Two wrong cards end the session here (3 by default): the retry and the limit, in a smaller model. */
const INPUT = { serviceIds: ['housing-loan-income'], wrongCardTries: 2 };
type AnyTransition = TransitionDefinition<never, never>;

/** An answer of two records (範囲指定): the same items once per year, told apart by their keys. */
const ITEMS: InformationItem[] = [2024, 2025].flatMap((year) => [
  { id: 'taxYear', label: { ja: '課税年度', en: 'Tax year' }, value: { kind: 'fiscal-year', year }, record: String(year) },
  { id: 'salaryIncome', label: { ja: '給与収入額', en: 'Salary income' }, value: { kind: 'yen', amount: 6_000_000 }, record: String(year) },
]);
const KEYS = ITEMS.map(itemKey);
const RETRIEVAL = 'r'.repeat(24);
/** Until when the gateway holds the retrieval for consent. */
const HELD_UNTIL = '2026-11-24T05:30:00.000Z';
/** The evidence the kiosk core stamps on 同意して進む and on 確認 (before the retrieval is let go, and after). */
const AGREEMENT = { agreedAt: '2026-11-24T05:00:00.000Z', textVersion: 'a'.repeat(64) };
const CONSENT = { consentedAt: '2026-11-24T05:05:00.000Z', textVersion: 'c'.repeat(64) };
const LATE_CONSENT = { consentedAt: '2026-11-24T05:30:00.000Z', textVersion: 'c'.repeat(64) };

/** Outcomes each actor may report, by its source. */
const OUTCOMES: Record<string, unknown[]> = {
  checkAvailability: [{ available: true }, { available: false, nextAvailableAt: '2026-11-22T23:00:00.000Z' }],
  inspectCard: [
    { kind: 'ready', pinTriesLeft: 3, fingerprint: 'f1', handle: 'h1' },
    { kind: 'pin-blocked', fingerprint: 'f1', handle: 'h1' },
    { kind: 'problem', problem: 'smartphone' },
    { kind: 'problem', problem: 'unresponsive' },
    { kind: 'card-lost' },
    { kind: 'reader-lost' },
  ],
  authenticate: [
    { kind: 'authenticated', retrievalId: RETRIEVAL, processId: 'p'.repeat(24) },
    { kind: 'wrong-pin', triesLeft: 2 },
    { kind: 'pin-required' },
    { kind: 'pin-blocked' },
    { kind: 'problem', problem: 'revoked' },
    { kind: 'outside-hours', nextAvailableAt: undefined },
    { kind: 'gateway-error', retryable: true },
    { kind: 'gateway-error', retryable: false },
    { kind: 'card-lost' },
    { kind: 'reader-lost' },
  ],
  retrieve: [
    { kind: 'ready', items: ITEMS, heldUntil: HELD_UNTIL },
    { kind: 'failed', reason: 'unavailable', retryable: true },
    { kind: 'failed', reason: 'not-registered', retryable: false },
  ],
  checkCard: [
    { kind: 'same' },
    { kind: 'swapped' },
    { kind: 'problem', problem: 'unresponsive' },
    { kind: 'card-lost' },
    { kind: 'reader-lost' },
  ],
  submit: [{ kind: 'delivered', receiptId: 'R-0001' }, { kind: 'queued', reference: 'K7MN-4QRT', until: HELD_UNTIL }, { kind: 'failed' }],
  printReceipt: [{ kind: 'printed' }, { kind: 'failed', reason: 'printer-stopped' }, { kind: 'none' }],
  ejectCard: [undefined],
  retainCard: [true, false],
};

const SCREEN_EVENTS: SessionEvent[] = [
  { type: 'TOUCH' },
  { type: 'START' },
  { type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' },
  { type: 'SELECT_SERVICE', serviceId: 'not-a-service' },
  { type: 'AGREE', ...AGREEMENT },
  { type: 'BACK' },
  { type: 'CANCEL' },
  { type: 'DIGIT', digit: 7 },
  { type: 'BACKSPACE' },
  { type: 'SUBMIT_PIN' },
  // The review screen's report: its last row on screen, or (a stale or partial list) another.
  { type: 'REVIEW_SEEN', lastItemKey: 'salaryIncome@2025' },
  { type: 'REVIEW_SEEN', lastItemKey: 'salaryIncome' },
  // To what was shown, in time and too late; and to something never shown.
  { type: 'CONFIRM', itemKeys: KEYS, ...CONSENT },
  { type: 'CONFIRM', itemKeys: KEYS, ...LATE_CONSENT },
  { type: 'CONFIRM', itemKeys: ['somethingElse'], ...CONSENT },
  { type: 'DECLINE' },
  { type: 'RETRY' },
  { type: 'CONTINUE' },
  { type: 'DISMISS' },
  { type: 'ACTIVITY' },
];
const DEVICE_EVENTS: SessionEvent[] = [
  { type: 'CARD_INSERTED' },
  { type: 'CARD_REMOVED', outage: false },
  { type: 'CARD_REMOVED', outage: true },
  { type: 'HELD_CARD_REMOVED', outage: false },
  { type: 'HELD_CARD_REMOVED', outage: true },
  { type: 'CARD_TAKEN' },
  { type: 'SCREEN_LOST' },
];
/** The gateway's confirmation that it deleted the session's retrieval, or another one. */
const DELETION_EVENTS: SessionEvent[] = [
  { type: 'RETRIEVAL_DELETED', retrievalId: RETRIEVAL },
  { type: 'RETRIEVAL_DELETED', retrievalId: 'x'.repeat(24) },
];
/** Service-state flips only matter between customers; offering them everywhere would multiply the model. */
const SERVICE_EVENTS: SessionEvent[] = [
  { type: 'READER', available: true },
  { type: 'READER', available: false },
  { type: 'GATEWAY', up: true },
  { type: 'GATEWAY', up: false },
  { type: 'OPERATOR', enabled: false },
  { type: 'OPERATOR', enabled: true },
  { type: 'SET_LANGUAGE', language: 'en' },
  // Like the language, the customer's display modes and assisted mode belong to the session.
  { type: 'SET_DISPLAY_MODE', mode: 'large-text', on: true },
  { type: 'ASSIST' },
  { type: 'HEADSET', plugged: true },
  { type: 'HEADSET', plugged: false },
];

/** The top-level state: `customer` for any of its screens. */
const topOf = (state: Snapshot): string => (typeof state.value === 'string' ? state.value : (Object.keys(state.value)[0] ?? ''));

/** The one screen a state shows (the first test checks that there is exactly one). */
const screenOf = (state: Snapshot): ScreenTag | undefined => screenTagsOf(state)[0];

/** Whether the machine takes this event in this state. */
const takes = (state: Snapshot, event: SessionEvent): boolean => sessionMachine.getTransitionData(state, event).length > 0;

const activeNodes = (snapshot: Snapshot): AnyStateNode[] => (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;

/** Every event the machine can receive in this snapshot, including its actors' outcomes and timers. */
function eventsFor(snapshot: Snapshot): SessionEvent[] {
  const events: unknown[] = [...SCREEN_EVENTS, ...DEVICE_EVENTS];
  if (snapshot.matches('attract') || snapshot.matches('outOfService')) events.push(...SERVICE_EVENTS);
  // Only where the retrieval was let go: offered everywhere, it would only multiply the model.
  if (snapshot.hasTag('retrieval-settled') && snapshot.context.retrievalId) events.push(...DELETION_EVENTS);
  for (const node of activeNodes(snapshot)) {
    for (const invoke of node.invoke) {
      if (typeof invoke.src !== 'string') continue;
      for (const output of OUTCOMES[invoke.src] ?? []) events.push({ type: `xstate.done.actor.${invoke.id}`, output });
      events.push({ type: `xstate.error.actor.${invoke.id}`, error: new Error('actor failed') });
    }
    for (const delayed of node.after) events.push({ type: String(delayed.eventType) });
  }
  return events as SessionEvent[];
}

/** What distinguishes two states for this model (the PIN entry object and ids are left out). */
function serializeState(snapshot: Snapshot): string {
  const { context } = snapshot;
  return JSON.stringify({
    value: snapshot.value,
    pinLength: context.pinLength,
    cardAccepted: context.cardAccepted,
    cardPresent: context.cardPresent,
    ready: [context.readerAvailable, context.gatewayUp, context.operatorEnabled],
    retryable: context.retrievalProblem?.retryable,
    leftBehind: context.cardLeftBehind,
    retained: context.cardRetained,
    retrieved: context.dataRetrieved,
    items: context.items !== undefined,
    seen: context.reviewSeen,
    retrieval: context.retrievalId !== undefined,
    deleted: context.retrievalDeleted !== undefined,
    // Wrong cards count only until a card was read: after that they change nothing.
    wrongCards: context.cardFingerprint === undefined ? context.wrongCards : undefined,
  });
}

const serializeEvent = (event: SessionEvent): string => JSON.stringify(event, (key, value: unknown) => (key === 'error' ? 'error' : value));

/** A transition's name, the same for the machine and for a copy made by `provide`. */
function nameOf(transition: AnyTransition): string {
  const source = transition.source;
  const always = source.always?.indexOf(transition) ?? -1;
  if (always >= 0) return `${source.id} --always#${String(always)}`;
  const index = source.transitions.get(transition.eventType)?.indexOf(transition) ?? -1;
  return `${source.id} --${transition.eventType}#${String(index)}`;
}

interface Replay {
  readonly final: Snapshot;
  /** Names of the transitions taken, and ids of every state entered, even for a moment. */
  readonly taken: Set<string>;
  readonly visited: Set<string>;
  /** Snapshots after each step, with what the provided side effects saw. */
  readonly trace: {
    /** The event of this step, and the snapshot after it. */
    readonly event: SessionEvent;
    readonly snapshot: Snapshot;
    /** Taken at this step: the PIN entry is one mutable object for the whole replay. */
    readonly pinEmpty: boolean;
    /** How often the card was given back so far. */
    readonly ejects: number;
    readonly released: number;
    readonly discarded: (string | undefined)[];
    /** What this step recorded in the audit trail. */
    readonly audited: AuditEntry[];
    /** What the authenticate and submit actors were given so far. */
    readonly authenticated: AuthenticationInput[];
    readonly submitted: SubmissionInput[];
  }[];
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
/** An actor that never reports: the test delivers its outcome as an event. */
const pending = <Output, Input = unknown>() => fromPromise<Output, Input>(() => never<Output>());

/** Replays the path's events on a real actor, recording the transitions it takes. */
function replay(events: readonly SessionEvent[]): Replay {
  const taken = new Set<string>();
  const visited = new Set<string>();
  let ejects = 0;
  let released = 0;
  const discarded: (string | undefined)[] = [];
  let audited: AuditEntry[] = [];
  const authenticated: AuthenticationInput[] = [];
  const submitted: SubmissionInput[] = [];
  const machine = sessionMachine.provide({
    actors: {
      watchDevices: fromCallback(() => () => undefined),
      monitorGateway: fromCallback(() => () => undefined),
      checkAvailability: pending<AvailabilityCheck, { serviceId: string }>(),
      inspectCard: pending<CardInspection>(),
      authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(({ input }) => {
        authenticated.push(input);
        return never<AuthenticationOutcome>();
      }),
      retrieve: pending<RetrievalOutcome, { retrievalId: string; serviceId: string }>(),
      checkCard: pending<CardCheck, { fingerprint: string; handle: string }>(),
      submit: fromPromise<SubmissionOutcome, SubmissionInput>(({ input }) => {
        submitted.push(input);
        return never<SubmissionOutcome>();
      }),
      ejectCard: fromPromise<undefined>(() => {
        ejects += 1;
        return never<undefined>();
      }),
      retainCard: pending<boolean>(),
      printReceipt: pending<ReceiptPrintOutcome, { receiptId: string; serviceId: string }>(),
    },
    actions: {
      releaseCard: () => {
        released += 1;
      },
      discardRetrieval: (_, params) => {
        discarded.push(params.retrievalId);
      },
      audit: (_, entry) => {
        audited.push(entry);
      },
    },
  });
  const actor = createActor(machine, {
    input: INPUT,
    inspect: (event: InspectionEvent) => {
      if (event.type !== '@xstate.microstep') return;
      for (const transition of event._transitions) taken.add(nameOf(transition as AnyTransition));
      for (const node of activeNodes(event.snapshot as Snapshot)) visited.add(node.id);
    },
  });
  actor.start();
  const trace: Replay['trace'][number][] = [];
  for (const event of events) {
    audited = [];
    actor.send(event);
    const snapshot = actor.getSnapshot();
    trace.push({
      event,
      snapshot,
      pinEmpty: snapshot.context.pin.empty,
      ejects,
      released,
      discarded: [...discarded],
      audited,
      authenticated: [...authenticated],
      submitted: [...submitted],
    });
  }
  const final = actor.getSnapshot();
  actor.stop();
  return { final, taken, visited, trace };
}

function allNodes(): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(sessionMachine.root);
  return nodes;
}

function allTransitions(): string[] {
  return allNodes().flatMap((node) =>
    [...[...node.transitions.values()].flat(), ...(node.always ?? [])].map((transition) => nameOf(transition as AnyTransition)),
  );
}

// Hundreds of replayed paths per test: seconds on a busy machine.
describe('the session machine, explored as a model', { timeout: 30_000 }, () => {
  let paths: StatePath<Snapshot, SessionEvent>[];
  let replays: { events: SessionEvent[]; result: Replay }[];

  beforeAll(() => {
    // Start where a kiosk in service waits for a customer.
    const options = { events: eventsFor, serializeState, serializeEvent, input: INPUT };
    const ready: SessionEvent[] = [
      { type: 'READER', available: true },
      { type: 'GATEWAY', up: true },
    ];
    paths = getShortestPaths(sessionMachine, options);
    // Every state plus one more step with every event it accepts: that takes every transition.
    replays = [];
    const seen = new Set<string>();
    for (const path of paths) {
      const events = path.steps.map((step) => step.event);
      for (const next of [undefined, ...eventsFor(path.state)]) {
        if (next && sessionMachine.getTransitionData(path.state, next).length === 0) continue;
        const full = next ? [...events, next] : events;
        const key = full.map(serializeEvent).join('>');
        if (seen.has(key)) continue;
        seen.add(key);
        replays.push({ events: full, result: replay(full) });
      }
    }
    // The kiosk comes up out of service until its reader and gateway report in.
    expect(replay(ready).final.value).toBe('attract');
  }, 120_000); // exploring the whole model takes seconds, more on a busy machine

  it('reaches every state', () => {
    const reached = new Set(replays.flatMap(({ result }) => [...result.visited]));
    const everyState = allNodes()
      .filter((node) => node.type !== 'history')
      .map((node) => node.id);
    expect(everyState.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every transition on a real actor', () => {
    const defined = allTransitions();
    expect(defined.length).toBeGreaterThan(100);
    const taken = new Set(replays.flatMap(({ result }) => [...result.taken]));
    expect(defined.filter((name) => !taken.has(name))).toEqual([]);
  });

  it('shows exactly one screen in every state it can reach, and draws that screen', () => {
    // A state added, or remade, without its screen tag fails here, not on the customer's screen.
    const shown = new Set<ScreenTag>();
    for (const { state } of paths) {
      const tags = screenTagsOf(state);
      expect({ at: state.value, tags }).toEqual({ at: state.value, tags: [expect.any(String)] });
      const [tag] = tags;
      if (!tag) continue;
      shown.add(tag);
      // Not the fail-safe screen of a state the view cannot draw (a service it cannot name).
      const { screen } = viewOf(state, DEMO_SERVICES);
      expect({ at: state.value, screen }).toEqual({ at: state.value, screen: tag.split(':')[1] });
    }
    expect(SCREEN_TAGS.filter((tag) => !shown.has(tag))).toEqual([]);
  });

  it('holds to what its tags say, in every state it can reach', () => {
    for (const { state } of paths) {
      const at = state.value;
      // 取消 ends the session exactly where the state says so.
      expect({ at, cancel: takes(state, { type: 'CANCEL' }) }).toEqual({ at, cancel: state.hasTag('cancellable') });
      // A held card pulled out ends on the card-removed notice exactly where the card must stay
      // in; one whose reader went away, on the reader-lost notice.
      const ends = (outage: boolean, id: string): boolean =>
        sessionMachine
          .getTransitionData(state, { type: 'HELD_CARD_REMOVED', outage })
          .some((transition) => transition.target?.some((node) => node.id === id) ?? false);
      expect({ at, removed: ends(false, 'session.cardRemoved') }).toEqual({ at, removed: state.hasTag('holds-card') });
      expect({ at, lost: ends(true, 'session.readerLost') }).toEqual({ at, lost: state.hasTag('holds-card') });
      // A card on its way out may be taken at any moment; a notice has its one button.
      if (state.hasTag('card-out')) expect({ at, taken: takes(state, { type: 'CARD_TAKEN' }) }).toEqual({ at, taken: true });
      if (state.hasTag('notice')) expect({ at, dismiss: takes(state, { type: 'DISMISS' }) }).toEqual({ at, dismiss: true });
    }
  });

  it('has deleted the retrieval or handed it over with consent wherever the retrieval is tagged settled', () => {
    // A crashed session's retrieval is deleted by the kiosk unless its last state says so.
    let checked = 0;
    for (const { result } of replays) {
      let consented = false;
      let sessionStart = 0;
      for (const { snapshot, discarded } of result.trace) {
        if (snapshot.matches('attract')) {
          consented = false;
          sessionStart = discarded.length;
        }
        consented ||= snapshot.matches('finishing');
        const { retrievalId } = snapshot.context;
        if (!retrievalId || !snapshot.hasTag('retrieval-settled')) continue;
        checked += 1;
        const settled = consented || discarded.slice(sessionStart).includes(retrievalId);
        expect({ at: snapshot.value, settled }).toEqual({ at: snapshot.value, settled: true });
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('takes 確認 only once the review screen reported the last item on screen, and only while the gateway holds the retrieval', () => {
    const outcomes = new Set<string>();
    for (const { result } of replays) {
      let seen = false;
      result.trace.forEach(({ event, snapshot, audited, discarded }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        // A list just retrieved (also after a retry) has not been seen yet.
        if (before?.context.items === undefined || before.matches({ customer: 'retrieving' })) seen = false;
        if (!before?.matches({ customer: 'review' })) return;
        const last = before.context.items?.at(-1);
        if (event.type === 'REVIEW_SEEN') {
          // Only the last item of the session's own list counts (not a stale or shortened list's).
          seen ||= last !== undefined && event.lastItemKey === itemKey(last);
          const noted = { at: snapshot.value, audited, seen: snapshot.context.reviewSeen };
          expect({ event, ...noted }).toEqual({ event, at: before.value, audited: [], seen });
        }
        if (event.type !== 'CONFIRM') return;
        const shownOnly = event.itemKeys.every((key) => before.context.items?.some((item) => itemKey(item) === key));
        const late = Date.parse(event.consentedAt) >= Date.parse(before.context.heldUntil ?? '');
        const expected = !seen ? 'refused:not-seen' : !shownOnly ? 'refused:not-shown' : late ? 'ended:expired' : 'taken';
        const reasons = audited.flatMap((entry) => (entry.event === 'consent-refused' ? [entry.reason] : []));
        const outcome = snapshot.matches({ customer: 'checkingCard' })
          ? 'taken'
          : snapshot.matches({ customer: 'review' })
            ? `refused:${reasons.join()}`
            : `ended:${String(snapshot.context.endReason)}`;
        outcomes.add(expected);
        expect({ seen, event, outcome }).toEqual({ seen, event, outcome: expected });
        // Too late: recorded as such, nothing provided, and the retrieval deleted like any other end.
        if (outcome === 'ended:expired') {
          expect(reasons).toEqual(['expired']);
          expect(discarded).toContain(before.context.retrievalId);
        }
      });
    }
    expect([...outcomes].sort()).toEqual(['ended:expired', 'refused:not-seen', 'refused:not-shown', 'taken']);
  });

  it('sends the agreement given at 同意して進む with the retrieval request, and the consent given at 確認 with the submission', () => {
    let agreements = 0;
    let consents = 0;
    for (const { events, result } of replays) {
      const agreed = events.filter((event) => event.type === 'AGREE').at(-1);
      result.trace.forEach(({ event, audited, authenticated, submitted }, i) => {
        const before = result.trace[i - 1];
        // The evidence the core stamped, as it was: when it was pressed and to which statement.
        if (authenticated.length > (before?.authenticated.length ?? 0)) {
          agreements += 1;
          expect(authenticated.at(-1)?.agreement).toEqual({ agreedAt: agreed?.agreedAt, textVersion: agreed?.textVersion });
        }
        if (event.type === 'AGREE' && before?.snapshot.matches({ customer: 'confirmation' }))
          expect(audited).toContainEqual({ event: 'agreed', textVersion: AGREEMENT.textVersion, language: 'ja' });
        if (submitted.length > (before?.submitted.length ?? 0)) {
          consents += 1;
          const confirmed = result.trace.findLast(
            (step) => step.event.type === 'CONFIRM' && step.snapshot.matches({ customer: 'checkingCard' }),
          );
          if (confirmed?.event.type !== 'CONFIRM') throw new Error('submitted without a 確認');
          const input = submitted.at(-1);
          expect(input?.consent).toEqual({ consentedAt: confirmed.event.consentedAt, textVersion: confirmed.event.textVersion });
          expect(input?.heldUntil).toBe(HELD_UNTIL);
          // Only what was shown and consented to.
          expect(input?.items.map(itemKey)).toEqual(confirmed.event.itemKeys);
          expect(audited).toContainEqual({ event: 'consent-given', textVersion: CONSENT.textVersion, language: 'ja' });
        }
      });
    }
    expect({ agreements: agreements > 0, consents: consents > 0 }).toEqual({ agreements: true, consents: true });
  });

  it('wipes the PIN and the personal data, and has given the card back, whenever it is back at the attract loop', () => {
    let checked = 0;
    for (const { result } of replays) {
      let sessionSeen = false;
      for (const { snapshot, pinEmpty } of result.trace) {
        if (!snapshot.matches('attract')) {
          sessionSeen ||= snapshot.matches('customer');
          continue;
        }
        if (!sessionSeen) continue;
        checked += 1;
        const { context } = snapshot;
        expect(pinEmpty).toBe(true);
        expect(context.pinLength).toBe(0);
        expect(context.items).toBeUndefined();
        expect(context.consentedItemKeys).toBeUndefined();
        expect(context.consent).toBeUndefined();
        expect(context.agreement).toBeUndefined();
        expect(context.retrievalId).toBeUndefined();
        expect(context.cardFingerprint).toBeUndefined();
        expect(context.submission).toBeUndefined();
        expect(context.cardAccepted).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('wipes the PIN and the personal data and ends the card connection at the very moment of every exit', () => {
    let checked = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, released, pinEmpty }, i) => {
        const previous = result.trace[i - 1];
        // Onto a notice or an end screen, from a customer's session (a card found at the
        // attract loop has no connection to end).
        const exit = snapshot.hasTag('notice') || snapshot.hasTag('screen:ended') || snapshot.hasTag('screen:returning-card');
        if (!exit || !previous?.snapshot.hasTag('cancellable') || topOf(previous.snapshot) === topOf(snapshot)) return;
        checked += 1;
        expect({ from: previous.snapshot.value, to: snapshot.value, pinEmpty }).toMatchObject({
          pinEmpty: true,
        });
        expect(snapshot.context.items).toBeUndefined();
        // The notices that offer a retry keep the card for it; every other exit releases it.
        if (!snapshot.hasTag('holds-card')) {
          expect({ from: previous.snapshot.value, to: snapshot.value, released: released > previous.released }).toMatchObject({
            released: true,
          });
        }
      });
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('can always get back to the attract loop, from every state it can reach', () => {
    const options = { events: eventsFor, serializeState, serializeEvent, input: INPUT };
    type Vertex = { state: Snapshot; transitions: Record<string, { state: Snapshot }> };
    const vertices = Object.entries(getAdjacencyMap(sessionMachine, options)) as [string, Vertex][];
    const canReachAttract = new Set(vertices.filter(([, vertex]) => vertex.state.matches('attract')).map(([key]) => key));
    for (let grew = true; grew;) {
      grew = false;
      for (const [key, vertex] of vertices) {
        if (canReachAttract.has(key)) continue;
        if (Object.values(vertex.transitions).some((edge) => canReachAttract.has(serializeState(edge.state)))) {
          canReachAttract.add(key);
          grew = true;
        }
      }
    }
    const stuck = vertices.filter(([key]) => !canReachAttract.has(key)).map(([key]) => key);
    expect(vertices.length).toBeGreaterThan(100);
    expect(stuck).toEqual([]);
  });

  it('keeps the card in until consent: nothing ejects it while a customer screen is showing', () => {
    // (A wrong card is given back on its own notice, outside the customer's screens.)
    const ejectedOn = new Set<string>();
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, ejects }, i) => {
        const before = result.trace[i - 1]?.ejects ?? 0;
        if (ejects > before && (snapshot.matches('customer') || snapshot.matches('idleWarning')))
          ejectedOn.add(JSON.stringify(snapshot.value));
      });
    }
    expect([...ejectedOn]).toEqual([]);
  });

  it('asks the gateway to delete a retrieval whenever a session ends without consent', () => {
    let checked = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, discarded }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        // A completed session's retrieval was consumed by its submission: nothing to delete.
        if (!before?.context.retrievalId || before.matches('complete') || !(snapshot.matches('returningCard') || snapshot.matches('ended')))
          return;
        checked += 1;
        expect(discarded).toContain(before.context.retrievalId);
      });
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('keeps personal data only from retrieval until the submission is handed over', () => {
    for (const { result } of replays) {
      for (const { snapshot } of result.trace) {
        if (snapshot.context.items === undefined) continue;
        expect({ at: snapshot.value, allowed: snapshot.hasTag('personal-data') }).toEqual({ at: snapshot.value, allowed: true });
      }
    }
  });
  it('records one session start per customer: on leaving the attract loop, and not again until back at it', () => {
    // Coming back from the idle warning, a retry or the unavailable screen is the same customer:
    // a second start would split one customer's audit records over two sessions.
    let started = 0;
    const wrong: unknown[] = [];
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        const leftAttract = (before?.matches('attract') ?? false) && snapshot.matches('customer');
        const starts = audited.filter((entry) => entry.event === 'session-started').length;
        if (starts !== (leftAttract ? 1 : 0)) wrong.push({ from: before?.value, to: snapshot.value, starts });
        started += starts;
      });
    }
    expect(wrong).toEqual([]);
    expect(started).toBeGreaterThan(50);
  });

  it('records 取消 as cancelled on every screen that takes it, notices included', () => {
    const screens = new Set<ScreenTag | undefined>();
    for (const { result } of replays) {
      result.trace.forEach(({ event, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'CANCEL' || !before) return;
        for (const entry of audited) {
          if (entry.event !== 'session-ended') continue;
          screens.add(screenOf(before));
          expect({ from: before.value, reason: entry.reason }).toEqual({ from: before.value, reason: 'cancelled' });
        }
      });
    }
    const cancellable = new Set(paths.filter(({ state }) => state.hasTag('cancellable')).map(({ state }) => screenOf(state)));
    expect([...screens].sort()).toEqual([...cancellable].sort());
    for (const { state } of paths) if (state.hasTag('notice')) expect(screens).toContain(screenOf(state));
  });

  it('ends on the card-removed screen whenever the held card leaves before it was given back, on reader-lost when its reader went away', () => {
    // The card stays held on the unavailable and retrieval-error screens too (for a retry).
    const from = new Set<ScreenTag | undefined>();
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'HELD_CARD_REMOVED' || !before?.hasTag('holds-card')) return;
        from.add(screenOf(before));
        const [to, record] = event.outage ? ['readerLost', 'reader-lost'] : ['cardRemoved', 'card-removed'];
        expect({ from: before.value, to: snapshot.value }).toEqual({ from: before.value, to });
        expect(audited).toContainEqual({ event: record });
      });
    }
    const holding = new Set(paths.filter(({ state }) => state.hasTag('holds-card')).map(({ state }) => screenOf(state)));
    expect([...from].sort()).toEqual([...holding].sort());
    expect(from).toContain('screen:unavailable');
    expect(from).toContain('screen:retrieval-error');
  });

  it('asks for a card only once: a card taken from the slot is out of the reader and is not returned again', () => {
    // On a desk reader "taken" comes before the reader's own "removed": the kiosk must not
    // still count the card as present, or it would return it (and record it) a second time.
    let checked = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'CARD_TAKEN' || !before || sessionMachine.getTransitionData(before, event).length === 0) return;
        checked += 1;
        expect({ from: before.value, cardPresent: snapshot.context.cardPresent }).toEqual({ from: before.value, cardPresent: false });
        expect(snapshot.matches('returningCard')).toBe(false);
        // Staff taking a card recorded as left behind is not a return to its owner.
        if (before.matches('cardLeftBehind')) expect(audited).not.toContainEqual({ event: 'card-returned' });
      });
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('records every error screen the customer is shown, whichever step led there', () => {
    const expected: Partial<Record<ScreenTag, AuditEntry['event']>> = {
      'screen:retrieval-error': 'retrieval-failed',
      'screen:unavailable': 'service-unavailable',
      'screen:card-error': 'card-rejected',
      'screen:pin-blocked': 'pin-blocked',
      'screen:card-removed': 'card-removed',
      'screen:reader-lost': 'reader-lost',
      'screen:card-swapped': 'card-swapped',
      'screen:wrong-card': 'card-rejected',
    };
    const reached = new Set<ScreenTag>();
    let entries = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        const screen = screenOf(snapshot);
        if (!before || !snapshot.hasTag('notice') || !screen || screenOf(before) === screen) return;
        reached.add(screen);
        entries += 1;
        const record = expected[screen];
        expect({ screen, recorded: audited.some((entry) => entry.event === record) }).toEqual({ screen, recorded: true });
      });
    }
    expect([...reached].sort()).toEqual(Object.keys(expected).sort());
    expect(entries).toBeGreaterThan(20);
  });

  it('gives the card back on every card notice, and ends the notice as soon as the card is taken', () => {
    // Not when the notice times out: the customer who took the card has gone.
    const cardNotice = (state: Snapshot): boolean => state.hasTag('notice') && state.hasTag('card-out');
    const taken = new Set<ScreenTag | undefined>();
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited, ejects }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (cardNotice(snapshot)) expect({ at: snapshot.value, ejected: ejects > 0 }).toEqual({ at: snapshot.value, ejected: true });
        if (event.type !== 'CARD_TAKEN' || !before || !cardNotice(before)) return;
        taken.add(screenOf(before));
        expect({ from: before.value, to: snapshot.value }).toEqual({ from: before.value, to: 'attract' });
        expect(audited.map((entry) => entry.event).filter((name) => name === 'card-returned' || name === 'session-ended')).toEqual([
          'card-returned',
          'session-ended',
        ]);
      });
    }
    expect([...taken].sort()).toEqual([
      'screen:card-error',
      'screen:card-swapped',
      'screen:pin-blocked',
      'screen:reader-lost',
      'screen:wrong-card',
    ]);
  });

  it('shows one screen per ending: after a notice that said why, or 取消 on the top screen, straight back to the attract loop', () => {
    // Unless there is more to say: a card to take, or what became of the information obtained.
    const told = new Set<string>();
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        const top = before?.hasTag('screen:top') === true && event.type === 'CANCEL';
        if (!before || !(before.hasTag('notice') || top) || topOf(before) === topOf(snapshot)) return;
        // A card that could not be brought out ends its notice at once: the end screen is the one said then.
        if (event.type.startsWith('xstate.error')) return;
        if (snapshot.matches('ended')) {
          expect({ from: before.value, event: event.type, deletionToTell: snapshot.context.dataRetrieved }).toEqual({
            from: before.value,
            event: event.type,
            deletionToTell: true,
          });
        }
        if (!snapshot.matches('attract')) return;
        told.add(top ? 'top:CANCEL' : String(screenOf(before)));
        // Still ended as every session ends: recorded, and why.
        expect(audited.filter((entry) => entry.event === 'session-ended')).toHaveLength(1);
      });
    }
    expect([...told].sort()).toEqual(expect.arrayContaining(['screen:card-removed', 'screen:unavailable', 'top:CANCEL']));
  });

  it('records a customer’s card as returned at most once, however the session ends', () => {
    let returns = 0;
    for (const { result } of replays) {
      let inSession = false;
      let returned = 0;
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type === 'CARD_INSERTED') returned = 0;
        // The model may report a held card gone where none was held (a real reader reports that only
        // for a card it held): what is then "returned" is no card of this session's.
        const hadCard = before !== undefined && (before.context.cardAccepted || before.context.cardPresent);
        for (const entry of audited) {
          if (entry.event === 'session-started') inSession = true;
          // Each card inserted is its own (a wrong card given back, then the customer's My Number card).
          if (entry.event === 'session-started' || entry.event === 'card-inserted') returned = 0;
          if (!inSession || entry.event !== 'card-returned' || !hadCard) continue;
          returned += 1;
          returns += 1;
          expect(returned).toBeLessThanOrEqual(1);
        }
        if (snapshot.matches('attract')) inSession = false;
      });
    }
    expect(returns).toBeGreaterThan(10);
  });

  it('keeps a card left behind on record through a reader outage, and lets it go once staff take it', () => {
    // A pcscd restart reports the card removed although it never moved: the next customer
    // must not find the kiosk back at the attract loop with a stranger's card inside.
    let outages = 0;
    let taken = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'CARD_REMOVED' || !before?.matches('cardLeftBehind')) return;
        if (event.outage) outages += 1;
        else taken += 1;
        expect({ outage: event.outage, to: snapshot.value }).toEqual({
          outage: event.outage,
          to: event.outage ? 'cardLeftBehind' : 'attract',
        });
      });
    }
    expect({ outages: outages > 0, taken: taken > 0 }).toEqual({ outages: true, taken: true });
  });

  it('resumes from the idle warning only on 続ける: a touch (sent on pointerdown of any button) changes nothing', () => {
    // Otherwise the touch of a press on 中止する or 取消 would resume the session before its click.
    const warnings = paths.filter(({ state }) => state.matches('idleWarning'));
    expect(warnings.length).toBeGreaterThan(5);
    for (const { state } of warnings) {
      expect({ at: state.value, activity: sessionMachine.getTransitionData(state, { type: 'ACTIVITY' }).length }).toEqual({
        at: state.value,
        activity: 0,
      });
      expect(sessionMachine.getTransitionData(state, { type: 'CONTINUE' })).not.toHaveLength(0);
      expect(sessionMachine.getTransitionData(state, { type: 'CANCEL' })).not.toHaveLength(0);
    }
  });

  it('goes back from the confirmation to the service choice on 戻る, and nowhere else', () => {
    let back = 0;
    for (const { state } of paths) {
      const accepts = sessionMachine.getTransitionData(state, { type: 'BACK' }).length > 0;
      expect({ at: state.value, accepts }).toEqual({ at: state.value, accepts: state.matches({ customer: 'confirmation' }) });
    }
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'BACK' || !before?.matches({ customer: 'confirmation' })) return;
        back += 1;
        expect(snapshot.matches({ customer: 'serviceChoice' })).toBe(true);
        expect(snapshot.context.serviceId).toBeUndefined();
        expect(audited).toEqual([]);
      });
    }
    expect(back).toBeGreaterThan(0);
  });

  it('keeps the completion screen up while it is touched, recording the completion once', () => {
    let touched = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (event.type !== 'ACTIVITY' || !before?.matches('complete')) return;
        touched += 1;
        expect(snapshot.matches('complete')).toBe(true);
        expect(audited).toEqual([]);
      });
    }
    expect(touched).toBeGreaterThan(0);
  });

  it('offers 取消 only where it is a real choice, never beside the one button that already ends', () => {
    const single: (ScreenTag | undefined)[] = [
      'screen:card-error',
      'screen:pin-blocked',
      'screen:card-removed',
      'screen:reader-lost',
      'screen:card-swapped',
      'screen:complete',
      'screen:ended',
      'screen:returning-card',
      'screen:card-retained',
    ];
    const seen = new Set<string>();
    for (const { state } of paths) {
      const view = viewOf(state, DEMO_SERVICES);
      const screen = screenOf(state);
      seen.add(`${String(screen)}:${String(view.canCancel)}`);
      // What the screen offers, the machine takes; on every step of the session before a notice, it offers it.
      if (view.canCancel) expect(takes(state, { type: 'CANCEL' })).toBe(true);
      if (state.hasTag('cancellable') && !state.hasTag('notice'))
        expect({ screen, canCancel: view.canCancel }).toEqual({ screen, canCancel: true });
      if (single.includes(screen)) expect({ screen, canCancel: view.canCancel }).toEqual({ screen, canCancel: false });
      if (screen === 'screen:retrieval-error') expect(view.canCancel).toBe(state.context.retrievalProblem?.retryable);
      // Before a card, 閉じる goes back to the service choice: 取消 is the other way.
      if (screen === 'screen:unavailable') expect(view.canCancel).toBe(!state.context.cardAccepted && !state.context.cardPresent);
    }
    for (const expected of [
      'screen:top:true',
      'screen:pin:true',
      'screen:review:true',
      'screen:idle-warning:true',
      'screen:retrieval-error:true',
      'screen:retrieval-error:false',
      'screen:unavailable:true',
      'screen:unavailable:false',
    ]) {
      expect(seen).toContain(expected);
    }
  });

  it('says the information obtained was deleted only once the gateway confirmed it, and that deletion was requested until then', () => {
    const said = new Set<string>();
    for (const { result } of replays) {
      let retrieved = false;
      let confirmed = false;
      result.trace.forEach(({ event, snapshot }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        // Leaving an end screen passes through the attract loop (a card found there starts afresh);
        // provided after consent is not deleted.
        const leftEnd = before && (before.matches('ended') || before.matches('returningCard')) && topOf(before) !== topOf(snapshot);
        if (leftEnd || snapshot.matches('attract') || snapshot.matches('finishing') || snapshot.matches('complete')) {
          retrieved = false;
          confirmed = false;
        } else if (snapshot.context.items !== undefined) retrieved = true;
        // Only the gateway's word for this session's own retrieval counts.
        if (event.type === 'RETRIEVAL_DELETED' && event.retrievalId === before?.context.retrievalId) confirmed = true;
        if (!snapshot.matches('ended') && !snapshot.matches('returningCard')) return;
        const view = viewOf(snapshot, DEMO_SERVICES);
        if (view.screen !== 'ended' && view.screen !== 'returning-card') throw new Error(`unexpected ${view.screen}`);
        const expected = !retrieved ? 'none' : confirmed ? 'confirmed' : 'requested';
        expect({ at: snapshot.value, event, deletion: view.deletion }).toEqual({ at: snapshot.value, event, deletion: expected });
        said.add(expected);
      });
    }
    expect([...said].sort()).toEqual(['confirmed', 'none', 'requested']);
  });

  it('asks for another card after a wrong one, in the same session, until the last try ends it', () => {
    const seen = new Set<string>();
    for (const { result } of replays) {
      result.trace.forEach(({ event, snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (!before) return;
        const output = (event as { output?: CardInspection }).output;
        if (before.matches({ customer: 'readingCard' }) && output?.kind === 'problem' && output.problem === 'smartphone') {
          const last = before.context.wrongCards + 1 >= INPUT.wrongCardTries;
          seen.add(last ? 'limit' : 'retry');
          expect({ tries: before.context.wrongCards, to: snapshot.value }).toEqual({
            tries: before.context.wrongCards,
            to: last ? 'wrongCardLimit' : 'wrongCard',
          });
          const view = viewOf(snapshot, DEMO_SERVICES);
          expect(view).toMatchObject({ screen: 'wrong-card', problem: 'smartphone', triesLeft: last ? 0 : 1, canCancel: !last });
          expect(audited).toContainEqual({ event: 'card-rejected', reason: 'smartphone' });
        }
        // Taken back: the same session asks for a card again, with the customer's agreement standing.
        if (before.matches('wrongCard') && event.type === 'CARD_TAKEN') {
          seen.add('taken');
          expect(snapshot.matches({ customer: 'insertCard' })).toBe(true);
          expect(snapshot.context.agreement).toEqual(before.context.agreement);
          expect(audited.map((entry) => entry.event)).toEqual(['card-returned']);
        }
      });
    }
    expect([...seen].sort()).toEqual(['limit', 'retry', 'taken']);
  });

  it('tells the customer when the reader kept their card: right away, or after the completion screen', () => {
    let retained = 0;
    let notices = 0;
    for (const { result } of replays) {
      result.trace.forEach(({ snapshot, audited }, i) => {
        const before = result.trace[i - 1]?.snapshot;
        if (audited.some((entry) => entry.event === 'card-retained')) {
          retained += 1;
          expect(snapshot.context.cardRetained).toBe(true);
          // Before consent straight to the notice; after it, the completion screen comes first.
          if (before?.matches('returningCard')) expect(snapshot.value).toBe('cardRetained');
        }
        if (before?.matches('complete') && before.context.cardRetained && !before.context.cardLeftBehind && !snapshot.matches('complete')) {
          expect(snapshot.value).toBe('cardRetained');
        }
        if (snapshot.matches('cardRetained') && !before?.matches('cardRetained')) {
          notices += 1;
          expect(viewOf(snapshot, DEMO_SERVICES)).toMatchObject({ screen: 'card-retained', canCancel: false });
        }
      });
    }
    expect({ retained: retained > 1, notices: notices > 1 }).toEqual({ retained: true, notices: true });
  });
});

describe('the session machine’s timers, on a simulated clock', () => {
  const delays = sessionMachine.implementations.delays as Record<string, number>;
  const delay = (name: string): number => {
    const ms = delays[name];
    if (typeof ms !== 'number') throw new Error(`no delay ${name}`);
    return ms;
  };

  /** A kiosk in service whose card and gateway always answer at once, and what it records. */
  function start(actors: Partial<Parameters<typeof sessionMachine.provide>[0]['actors']> = {}) {
    const clock = new SimulatedClock();
    const audited: AuditEntry[] = [];
    const machine = sessionMachine.provide({
      actors: {
        checkAvailability: fromPromise<AvailabilityCheck, { serviceId: string }>(() => Promise.resolve({ available: true })),
        inspectCard: fromPromise<CardInspection>(() =>
          Promise.resolve({ kind: 'ready', pinTriesLeft: 3, fingerprint: 'f1', handle: 'h1' }),
        ),
        authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(() =>
          Promise.resolve({ kind: 'authenticated', retrievalId: RETRIEVAL, processId: 'p'.repeat(24) }),
        ),
        retrieve: fromPromise<RetrievalOutcome, { retrievalId: string; serviceId: string }>(() =>
          Promise.resolve({ kind: 'ready', items: ITEMS, heldUntil: HELD_UNTIL }),
        ),
        checkCard: fromPromise<CardCheck, { fingerprint: string; handle: string }>(() => Promise.resolve({ kind: 'same' })),
        submit: fromPromise<SubmissionOutcome, SubmissionInput>(() => Promise.resolve({ kind: 'delivered', receiptId: 'R-0001' })),
        ejectCard: fromPromise<undefined>(() => Promise.resolve(undefined)),
        retainCard: fromPromise<boolean>(() => Promise.resolve(true)),
        ...actors,
      },
      actions: { audit: (_, entry) => void audited.push(entry) },
    });
    const actor = createActor(machine, { input: INPUT, clock });
    actor.start();
    actor.send({ type: 'READER', available: true });
    actor.send({ type: 'GATEWAY', up: true });
    return { actor, clock, audited };
  }

  it('keeps the idle warning counting down through a touch, which neither resumes nor restarts it', () => {
    const { actor, clock } = start();
    actor.send({ type: 'TOUCH' });
    clock.increment(delay('idle'));
    expect(actor.getSnapshot().value).toBe('idleWarning');
    actor.send({ type: 'ACTIVITY' });
    expect(actor.getSnapshot().value).toBe('idleWarning');
    clock.increment(delay('idleCountdown'));
    expect(actor.getSnapshot()).toMatchObject({ value: 'ended', context: { endReason: 'timeout' } });
    actor.stop();
  });

  it('ends a notice whose card cannot be brought out (jammed, the reader gone) by keeping the card, instead of failing', async () => {
    const { actor, audited } = start({
      authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(() => Promise.resolve({ kind: 'pin-blocked' })),
      ejectCard: fromPromise<undefined>(() => Promise.reject(new Error('the reader is offline'))),
    });
    actor.send({ type: 'START' });
    actor.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'confirmation' }));
    actor.send({ type: 'AGREE', ...AGREEMENT });
    actor.send({ type: 'CARD_INSERTED' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'pinEntry' }));
    for (const digit of [1, 2, 3, 4]) actor.send({ type: 'DIGIT', digit });
    actor.send({ type: 'SUBMIT_PIN' });
    await waitFor(actor, (snapshot) => snapshot.matches('cardRetained'));
    expect(audited.map((entry) => entry.event)).toEqual(expect.arrayContaining(['pin-blocked', 'session-ended', 'card-retained']));
    actor.stop();
  });

  it('restarts the completion screen’s timer on every touch', async () => {
    const { actor, clock, audited } = start();
    actor.send({ type: 'START' });
    actor.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'confirmation' }));
    actor.send({ type: 'AGREE', ...AGREEMENT });
    actor.send({ type: 'CARD_INSERTED' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'pinEntry' }));
    for (const digit of [1, 2, 3, 4]) actor.send({ type: 'DIGIT', digit });
    actor.send({ type: 'SUBMIT_PIN' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'review' }));
    actor.send({ type: 'REVIEW_SEEN', lastItemKey: KEYS.at(-1) ?? '' });
    actor.send({ type: 'CONFIRM', itemKeys: KEYS, ...CONSENT });
    await waitFor(actor, (snapshot) => snapshot.matches({ finishing: { card: 'waiting' } }));
    actor.send({ type: 'CARD_TAKEN' });
    await waitFor(actor, (snapshot) => snapshot.matches('complete'));
    const shown = delay('completeScreen');
    for (let touch = 0; touch < 3; touch += 1) {
      clock.increment(shown - 1000);
      expect(actor.getSnapshot().matches('complete')).toBe(true);
      actor.send({ type: 'ACTIVITY' });
    }
    clock.increment(shown - 1000);
    expect(actor.getSnapshot().matches('complete')).toBe(true);
    clock.increment(1000);
    expect(actor.getSnapshot().value).toBe('attract');
    expect(audited.filter((entry) => entry.event === 'session-completed')).toHaveLength(1);
    actor.stop();
  });
});

describe('a returned card nobody takes, on a simulated clock', () => {
  const delays = sessionMachine.implementations.delays as Record<string, number>;
  const ms = (name: string): number => delays[name] ?? Number.NaN;

  /** To the card coming out after 確認, the bank acknowledging at once; the reader captures (or cannot). */
  async function toCardOut(captured: boolean) {
    const clock = new SimulatedClock();
    const machine = sessionMachine.provide({
      actors: {
        checkAvailability: fromPromise<AvailabilityCheck, { serviceId: string }>(() => Promise.resolve({ available: true })),
        inspectCard: fromPromise<CardInspection>(() =>
          Promise.resolve({ kind: 'ready', pinTriesLeft: 3, fingerprint: 'f1', handle: 'h1' }),
        ),
        authenticate: fromPromise<AuthenticationOutcome, AuthenticationInput>(() =>
          Promise.resolve({ kind: 'authenticated', retrievalId: RETRIEVAL, processId: 'p'.repeat(24) }),
        ),
        retrieve: fromPromise<RetrievalOutcome, { retrievalId: string; serviceId: string }>(() =>
          Promise.resolve({ kind: 'ready', items: ITEMS, heldUntil: HELD_UNTIL }),
        ),
        checkCard: fromPromise<CardCheck, { fingerprint: string; handle: string }>(() => Promise.resolve({ kind: 'same' })),
        submit: fromPromise<SubmissionOutcome, SubmissionInput>(() => Promise.resolve({ kind: 'delivered', receiptId: 'R-0001' })),
        ejectCard: fromPromise<undefined>(() => Promise.resolve(undefined)),
        retainCard: fromPromise<boolean>(() => Promise.resolve(captured)),
        printReceipt: fromPromise<ReceiptPrintOutcome, { receiptId: string; serviceId: string }>(() => Promise.resolve({ kind: 'none' })),
      },
    });
    const actor = createActor(machine, { input: INPUT, clock });
    actor.start();
    actor.send({ type: 'READER', available: true });
    actor.send({ type: 'GATEWAY', up: true });
    actor.send({ type: 'START' });
    actor.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'confirmation' }));
    actor.send({ type: 'AGREE', ...AGREEMENT });
    actor.send({ type: 'CARD_INSERTED' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'pinEntry' }));
    for (const digit of [1, 2, 3, 4]) actor.send({ type: 'DIGIT', digit });
    actor.send({ type: 'SUBMIT_PIN' });
    await waitFor(actor, (snapshot) => snapshot.matches({ customer: 'review' }));
    actor.send({ type: 'REVIEW_SEEN', lastItemKey: KEYS.at(-1) ?? '' });
    actor.send({ type: 'CONFIRM', itemKeys: KEYS, ...CONSENT });
    await waitFor(
      actor,
      (snapshot) => snapshot.matches({ finishing: { card: 'waiting' } }) && snapshot.matches({ finishing: { submission: 'done' } }),
    );
    return { actor, clock };
  }

  const presentation = (readerHoldsCard: boolean): Parameters<typeof viewOf>[2] => ({
    calendar: 'japanese',
    keypad: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0],
    idleCountdownSeconds: 20,
    availability: () => ({ available: true, nextAvailableAt: undefined }),
    counter: () => ({ staffed: true }),
    readerHoldsCard,
  });

  it('calls again, then warns of the capture, then says the capture before any thanks', async () => {
    const { actor, clock } = await toCardOut(true);
    const shown = (): ViewModel => viewOf(actor.getSnapshot(), DEMO_SERVICES, presentation(true));
    expect(shown()).toMatchObject({ screen: 'finishing', takeCard: true });
    expect(shown()).not.toHaveProperty('call');
    clock.increment(ms('cardReminder'));
    expect(shown()).toMatchObject({ screen: 'finishing', call: 'reminder' });
    expect(voiceOf(shown()).prompts[0]).toBe('finishing.take-card.reminder');
    clock.increment(ms('cardLastCall') - ms('cardReminder'));
    expect(shown()).toMatchObject({ screen: 'finishing', call: 'final-capture' });
    expect(voiceOf(shown()).prompts[0]).toBe('finishing.take-card.final-capture');
    clock.increment(ms('cardTake') - ms('cardLastCall'));
    await waitFor(actor, (snapshot) => snapshot.matches('complete'));
    expect(shown()).toMatchObject({ screen: 'complete', card: 'retained' });
    const { prompts } = voiceOf(shown());
    expect(prompts[0]).toBe('complete.card-retained');
    expect(prompts.indexOf('complete.card-retained')).toBeLessThan(prompts.indexOf('complete'));
    actor.stop();
  });

  it('gives the whole time again on a touch, even during the final warning', async () => {
    const { actor, clock } = await toCardOut(true);
    clock.increment(ms('cardLastCall'));
    expect(actor.getSnapshot().hasTag('card-last-call')).toBe(true);
    actor.send({ type: 'ACTIVITY' });
    expect(actor.getSnapshot().hasTag('card-last-call')).toBe(false);
    clock.increment(ms('cardTake') - 1);
    expect(actor.getSnapshot().matches('finishing')).toBe(true);
    actor.stop();
  });

  it('never says a desk reader kept the card: it warns that staff will keep it, and says it is still there', async () => {
    const { actor, clock } = await toCardOut(false);
    const shown = (): ViewModel => viewOf(actor.getSnapshot(), DEMO_SERVICES, presentation(false));
    clock.increment(ms('cardLastCall'));
    expect(shown()).toMatchObject({ screen: 'finishing', call: 'final-staff' });
    clock.increment(ms('cardTake') - ms('cardLastCall'));
    await waitFor(actor, (snapshot) => snapshot.matches('complete'));
    expect(shown()).toMatchObject({ screen: 'complete', card: 'left-behind' });
    expect(voiceOf(shown()).prompts[0]).toBe('complete.card-left-behind');
    // Taken at last: nothing is said to be left any more.
    actor.send({ type: 'CARD_TAKEN' });
    expect(shown()).not.toHaveProperty('card');
    actor.stop();
  });
});

/** Each way a view may be voiced: both languages, with and without assisted mode on a number pad. */
function voicings(view: ViewModel): ViewModel[] {
  const base = { largeText: false, highContrast: false, audio: 'speaker', keypad: true } as const;
  return (['ja', 'en'] as const).flatMap((language) =>
    [false, true].map((assisted) => ({ ...view, language, access: { ...base, assisted } })),
  );
}

const voiceTools = await promptToolsMissing();

// 音声案内: every state a customer can reach says where they are and what to do, from a script
// named after its screen tag, in both languages, and the prompt pack has the audio of each.
describeWhenAvailable(
  'the voice on every screen the session machine can reach',
  voiceTools ? { ok: false, error: voiceTools } : { ok: true, value: undefined },
  () => {
    const work = mkdtempSync(join(tmpdir(), 'kiosk-voice-'));
    let paths: StatePath<Snapshot, SessionEvent>[];
    beforeAll(async () => {
      paths = getShortestPaths(sessionMachine, {
        events: eventsFor,
        serializeState,
        serializeEvent,
        input: INPUT,
      });
      // The pack as the build makes it (cached synthesis, so this is quick after the first build).
      await buildPromptPack({ out: join(work, 'pack'), cache: join(import.meta.dirname, '..', '..', '..', 'dist', 'prompt-cache') });
    }, 180_000);
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('has a script, said first and named after the screen tag, and its audio file, for every reachable state', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const { state } of paths) {
        const tag = screenOf(state);
        if (!tag) continue;
        for (const view of voicings(viewOf(state, DEMO_SERVICES))) {
          const { prompts, live } = voiceOf(view);
          const at = `${JSON.stringify(state.value)} (${view.language}${view.access?.assisted ? ', assisted' : ''})`;
          const [first] = prompts;
          const base = screenScriptBase(tag);
          if (!first || (first !== base && !first.startsWith(`${base}.`))) problems.push(`${at}: says ${String(first)} first, not ${base}`);
          for (const id of [...prompts, ...live]) {
            checked += 1;
            if (!existsSync(join(work, 'pack', view.language, `${id}${PROMPT_EXTENSION}`))) problems.push(`${at}: no audio for ${id}`);
          }
          // The PIN screen only ever counts the digits.
          if (tag === 'screen:pin') {
            const other = [...prompts, ...live].filter((id) => !id.startsWith('pin') && id !== 'keys.pin');
            if (other.length > 0) problems.push(`${at}: the PIN screen says ${other.join(', ')}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(500);
    });
  },
);
