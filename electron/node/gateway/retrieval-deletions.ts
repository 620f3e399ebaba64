// Deleting, at the gateway, a retrieval nobody consented to. The session asks once and goes
// on; a gateway that is down or answers badly then must not keep the customer's information
// until its holding time runs out: the deletion is sent again in the background, with backoff,
// until the gateway confirms it or says it is gone. Only retrieval ids are kept, in memory (a
// restart leaves the rest to the gateway's own expiry).
import { isTransient, type GatewayClient } from './gateway-client.ts';

export interface RetrievalDeletionsOptions {
  readonly gateway: Pick<GatewayClient, 'discard'>;
  readonly now: () => Date;
  /** Waits between attempts: doubling from baseMs up to maxMs. */
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  /** How long a deletion is pursued: by then any gateway has deleted the retrieval itself. */
  readonly giveUpAfterMs?: number;
  /** A deletion that had to wait is done, or given up (for the log: ids are not written). */
  readonly onSettled?: (outcome: 'deleted' | 'gone' | 'refused' | 'given-up') => void;
}

interface Pending {
  readonly since: number;
  due: number;
  attempts: number;
}

export class RetrievalDeletions {
  readonly #gateway: Pick<GatewayClient, 'discard'>;
  readonly #now: () => number;
  readonly #retry: { readonly baseMs: number; readonly maxMs: number };
  readonly #giveUpAfterMs: number;
  readonly #onSettled: (outcome: 'deleted' | 'gone' | 'refused' | 'given-up') => void;
  readonly #pending = new Map<string, Pending>();
  readonly #inFlight = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RetrievalDeletionsOptions) {
    this.#gateway = options.gateway;
    this.#now = () => options.now().getTime();
    this.#retry = options.retry ?? { baseMs: 15_000, maxMs: 5 * 60_000 };
    this.#giveUpAfterMs = options.giveUpAfterMs ?? 60 * 60_000;
    this.#onSettled = options.onSettled ?? (() => undefined);
  }

  /** Retrievals whose deletion the gateway has not confirmed yet. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Asks the gateway now; should that fail for a reason that may pass, again later until it confirms. */
  async delete(retrievalId: string): Promise<void> {
    if (this.#pending.has(retrievalId)) return;
    this.#pending.set(retrievalId, { since: this.#now(), due: 0, attempts: 0 });
    await this.#attempt(retrievalId);
  }

  /** Asks again for every deletion that is due. */
  async flush(): Promise<void> {
    const now = this.#now();
    const due = [...this.#pending].filter(([, pending]) => pending.due <= now).map(([id]) => id);
    await Promise.all(due.map((id) => this.#attempt(id)));
  }

  start(intervalMs = 30_000): void {
    this.stop();
    this.#timer = setInterval(() => void this.flush(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #attempt(retrievalId: string): Promise<void> {
    const pending = this.#pending.get(retrievalId);
    if (!pending || this.#inFlight.has(retrievalId)) return;
    this.#inFlight.add(retrievalId);
    try {
      const result = await this.#gateway
        .discard(retrievalId)
        .catch(() => ({ ok: false as const, error: { kind: 'unavailable' as const } }));
      const waited = pending.attempts > 0;
      if (result.ok || result.error.kind === 'not-found' || result.error.kind === 'expired') {
        this.#pending.delete(retrievalId);
        if (waited) this.#onSettled(result.ok ? 'deleted' : 'gone');
        return;
      }
      if (!isTransient(result.error)) {
        this.#pending.delete(retrievalId);
        this.#onSettled('refused');
        return;
      }
      const now = this.#now();
      if (now - pending.since > this.#giveUpAfterMs) {
        this.#pending.delete(retrievalId);
        this.#onSettled('given-up');
        return;
      }
      pending.due = now + Math.min(this.#retry.maxMs, this.#retry.baseMs * 2 ** pending.attempts);
      pending.attempts += 1;
    } finally {
      this.#inFlight.delete(retrievalId);
    }
  }
}
