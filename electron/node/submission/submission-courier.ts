// Hands consented submissions to the bank: stored (encrypted) first, then sent; retried with
// backoff until acknowledged, also after a restart, always with the submission's own
// idempotency key, so the bank receives each one exactly once. The gateway holds a retrieval
// for consent only until its heldUntil: a submission not delivered by then can never be, so it
// is deleted as final and recorded for staff, never retried in vain.
import type { GatewayClient, GatewayError } from '../gateway/gateway-client.ts';
import { isTransient } from '../gateway/gateway-client.ts';
import type { Submission } from '../gateway/gateway-schemas.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { PendingSubmission, SubmissionOutbox } from '../storage/submission-outbox.ts';
import type { SubmissionOutcome } from '../session/session-types.ts';

export interface SubmissionCourierOptions {
  readonly outbox: SubmissionOutbox;
  readonly gateway: GatewayClient;
  readonly audit: AuditTrail;
  readonly now?: () => Date;
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  /** How long a submission without a known heldUntil (stored by an earlier version) is kept for staff before it is deleted. */
  readonly retentionMs?: number;
}

/** Rejections that can never turn into a delivery: the submission itself is wrong. */
const FINAL_REJECTIONS = new Set(['items-not-retrieved', 'idempotency-key-reused', 'invalid-request']);

/** The gateway no longer holds the retrieval (deleted at its heldUntil, or unknown to it): final. */
const retrievalGone = (error: GatewayError): boolean => error.kind === 'expired' || error.kind === 'not-found';

type Delivery = { readonly kind: 'delivered'; readonly receiptId: string } | { readonly kind: 'queued' } | { readonly kind: 'final' };

export class SubmissionCourier {
  readonly #outbox: SubmissionOutbox;
  readonly #gateway: GatewayClient;
  readonly #audit: AuditTrail;
  readonly #now: () => Date;
  readonly #retry: { readonly baseMs: number; readonly maxMs: number };
  readonly #inFlight = new Set<string>();
  readonly #retentionMs: number;
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: SubmissionCourierOptions) {
    this.#outbox = options.outbox;
    this.#gateway = options.gateway;
    this.#audit = options.audit;
    this.#now = options.now ?? (() => new Date());
    this.#retry = options.retry ?? { baseMs: 15_000, maxMs: 15 * 60_000 };
    this.#retentionMs = options.retentionMs ?? 7 * 24 * 60 * 60_000;
  }

  /**
   * After 確認: store, then try once now. Queued means stored and retried in the background
   * until `heldUntil`, with the kiosk's reference for the customer to quote.
   */
  async submit(submission: Submission, heldUntil: string): Promise<SubmissionOutcome> {
    let stored;
    try {
      stored = this.#outbox.store(submission, heldUntil);
    } catch {
      return { kind: 'failed' };
    }
    const delivery = await this.#deliver({ ...stored, attempts: 0, heldUntil, submission });
    if (delivery.kind === 'delivered') return delivery;
    return delivery.kind === 'queued' ? { kind: 'queued', reference: stored.reference, until: heldUntil } : { kind: 'failed' };
  }

  /** Sends every submission that is due (at start-up: whatever a crash left behind). One round at a time. */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    // Cleared in a `.finally` callback, which always runs after this assignment: a round with
    // nothing due completes at once, and clearing inside it would leave the settled round
    // memoised for ever (no later flush would read the outbox again).
    const round = this.#round().finally(() => {
      if (this.#flushing === round) this.#flushing = undefined;
    });
    this.#flushing = round;
    return round;
  }

  async #round(): Promise<void> {
    for (const { id } of this.#outbox.due()) {
      // Re-read just before sending: another round may have delivered it meanwhile.
      const pending = this.#outbox.get(id);
      if (pending) await this.#deliver(pending);
    }
  }

  /**
   * Staff force a retry: sent now, whatever its backoff, through the same delivery (so an
   * acknowledgement, a final rejection or a further failure is handled and recorded as always).
   */
  async retryNow(id: string): Promise<'delivered' | 'queued' | 'final' | 'not-found' | 'in-flight'> {
    if (this.#inFlight.has(id)) return 'in-flight';
    if (!this.#outbox.dueNow(id)) return 'not-found';
    const pending = this.#outbox.get(id);
    if (!pending) return 'not-found';
    return (await this.#deliver(pending)).kind;
  }

  /**
   * Staff purge a submission that will not go (with a second staff member's approval, and a
   * reason): deleted for good and recorded with the customer's reference. Not while it is
   * being sent: the bank may be acknowledging it that moment.
   */
  purge(id: string, reason: string): 'purged' | 'not-found' | 'in-flight' {
    if (this.#inFlight.has(id)) return 'in-flight';
    const pending = this.#outbox.get(id);
    if (!pending) return 'not-found';
    this.#outbox.acknowledge(id);
    this.#audit.record({ event: 'submission-purged', id, reference: pending.reference, reason });
    return 'purged';
  }

  start(intervalMs = 30_000): void {
    this.stop();
    this.#timer = setInterval(() => void this.flush(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Deleted undelivered, for good, and recorded for staff. */
  #expire(pending: PendingSubmission, reason: string): Delivery {
    this.#outbox.acknowledge(pending.id);
    this.#audit.record({ event: 'submission-expired', id: pending.id, reference: pending.reference, reason });
    return { kind: 'final' };
  }

  async #deliver(pending: PendingSubmission): Promise<Delivery> {
    if (this.#inFlight.has(pending.id)) return { kind: 'queued' };
    if (pending.heldUntil !== undefined && this.#now().getTime() >= Date.parse(pending.heldUntil))
      return this.#expire(pending, pending.submission ? 'held-until-passed' : 'unreadable');
    if (!pending.submission) {
      // Undecryptable (key changed, tampering): never sent, kept for staff until it could no
      // longer be delivered anyway, reported each time.
      if (pending.heldUntil === undefined && this.#outbox.age(pending.id) > this.#retentionMs) return this.#expire(pending, 'unreadable');
      this.#audit.record({ event: 'submission-unreadable', id: pending.id });
      this.#outbox.postpone(pending.id, this.#retry.maxMs, 'unreadable');
      return { kind: 'queued' };
    }
    this.#inFlight.add(pending.id);
    try {
      const result = await this.#gateway.submit(pending.idempotencyKey, pending.submission);
      if (result.ok) {
        this.#outbox.acknowledge(pending.id);
        this.#audit.record({
          event: 'submission-delivered',
          id: pending.id,
          reference: pending.reference,
          receipt: result.value.receiptId,
          attempts: pending.attempts + 1,
        });
        return { kind: 'delivered', receiptId: result.value.receiptId };
      }
      const reason = result.error.kind === 'rejected' ? result.error.code : result.error.kind;
      // The gateway deleted the retrieval (its heldUntil passed) or does not know it: no retry can deliver it.
      if (retrievalGone(result.error)) return this.#expire(pending, reason);
      if (FINAL_REJECTIONS.has(reason)) {
        // The bank will never accept this submission as it is: the data must not stay.
        this.#outbox.acknowledge(pending.id);
        this.#audit.record({ event: 'submission-rejected', id: pending.id, reference: pending.reference, reason });
        return { kind: 'final' };
      }
      if (!isTransient(result.error))
        this.#audit.record({ event: 'submission-refused', id: pending.id, reason, attempts: pending.attempts + 1 });
      // Rows from before heldUntil was kept: for staff as long as the retention allows.
      if (pending.heldUntil === undefined && this.#outbox.age(pending.id) > this.#retentionMs) return this.#expire(pending, reason);
      this.#outbox.postpone(pending.id, Math.min(this.#retry.maxMs, this.#retry.baseMs * 2 ** pending.attempts), reason);
      return { kind: 'queued' };
    } finally {
      this.#inFlight.delete(pending.id);
    }
  }
}
