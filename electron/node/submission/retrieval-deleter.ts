// Deletes at the gateway the retrievals of sessions that ended unprovided (取消, 提供しない,
// timeout, a card or retrieval error, a crashed session): queued durably first, then asked
// for, and asked again with backoff — also after a restart — until the gateway confirms. Only
// a confirmed deletion is "deleted": whoever tells the customer listens for it (onDeleted).
import type { GatewayClient } from '../gateway/gateway-client.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { DeletionQueue, PendingDeletion } from '../storage/deletion-queue.ts';

export interface RetrievalDeleterOptions {
  readonly queue: DeletionQueue;
  readonly gateway: Pick<GatewayClient, 'discard'>;
  readonly audit: AuditTrail;
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  /** Told (by name only) when the database fails: the deletion is then only tried once, as before it was durable. */
  readonly onFault?: (what: string) => void;
}

export class RetrievalDeleter {
  readonly #queue: DeletionQueue;
  readonly #gateway: Pick<GatewayClient, 'discard'>;
  readonly #audit: AuditTrail;
  readonly #retry: { readonly baseMs: number; readonly maxMs: number };
  readonly #onFault: (what: string) => void;
  readonly #inFlight = new Set<string>();
  readonly #listeners = new Set<(retrievalId: string) => void>();
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: RetrievalDeleterOptions) {
    this.#queue = options.queue;
    this.#gateway = options.gateway;
    this.#audit = options.audit;
    this.#retry = options.retry ?? { baseMs: 10_000, maxMs: 5 * 60_000 };
    this.#onFault = options.onFault ?? (() => undefined);
  }

  /** Queues the deletion durably and asks the gateway at once; returns without waiting for it. */
  request(retrievalId: string): void {
    try {
      this.#queue.add(retrievalId);
    } catch {
      this.#onFault('deletion-queue');
    }
    void this.#attempt({ retrievalId, attempts: 0 });
  }

  /** Called with each retrieval whose deletion the gateway confirmed. */
  onDeleted(listener: (retrievalId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Deletions not yet confirmed. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Asks again for every deletion that is due (at start-up: whatever was left unconfirmed). One round at a time. */
  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    const round = this.#round().finally(() => {
      if (this.#flushing === round) this.#flushing = undefined;
    });
    this.#flushing = round;
    return round;
  }

  start(intervalMs = 30_000): void {
    clearInterval(this.#timer);
    this.#stopped = false;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
  }

  /** No more rounds; an answer still on its way is left for the next start (the queue keeps the deletion). */
  stop(): void {
    clearInterval(this.#timer);
    this.#stopped = true;
  }

  async #round(): Promise<void> {
    let due: PendingDeletion[];
    try {
      due = this.#queue.due();
    } catch {
      this.#onFault('deletion-queue');
      return;
    }
    for (const pending of due) await this.#attempt(pending);
  }

  async #attempt(pending: PendingDeletion): Promise<void> {
    const { retrievalId } = pending;
    if (this.#inFlight.has(retrievalId)) return;
    this.#inFlight.add(retrievalId);
    try {
      const result = await this.#gateway.discard(retrievalId);
      // The kiosk stopped meanwhile (its database may be closed): the next start asks again.
      if (this.#stopped) return;
      // Gone either way: deleted now, or already deleted (expired, or unknown to the gateway).
      const gone = result.ok || result.error.kind === 'not-found' || result.error.kind === 'expired';
      if (!gone) {
        this.#queue.postpone(retrievalId, Math.min(this.#retry.maxMs, this.#retry.baseMs * 2 ** pending.attempts));
        return;
      }
      this.#queue.remove(retrievalId);
      for (const listener of this.#listeners) listener(retrievalId);
      this.#audit.record({ event: 'retrieval-deleted', retrieval: retrievalId, attempts: pending.attempts + 1 });
    } catch {
      if (!this.#stopped) this.#onFault('retrieval-deleter');
    } finally {
      this.#inFlight.delete(retrievalId);
    }
  }
}
