// Retrievals the kiosk has asked the gateway to delete, kept until the gateway confirms: a
// kiosk restart, a crash or a gateway outage does not leave a customer's information waiting
// at the gateway unnoticed. Only the retrieval ids are stored: nothing personal.
import type { KioskDatabase } from './kiosk-database.ts';

export interface PendingDeletion {
  readonly retrievalId: string;
  readonly attempts: number;
}

export class DeletionQueue {
  readonly #db: KioskDatabase;
  readonly #now: () => Date;

  constructor(db: KioskDatabase, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  /** Durably queued (once: asking again for the same retrieval changes nothing). */
  add(retrievalId: string): void {
    const at = this.#now().toISOString();
    this.#db
      .prepare('INSERT OR IGNORE INTO deletions (retrieval_id, queued_at, next_attempt_at) VALUES (?, ?, ?)')
      .run(retrievalId, at, at);
  }

  /** Deletions due for a (re)try now, oldest first. */
  due(): PendingDeletion[] {
    const rows = this.#db
      .prepare('SELECT retrieval_id, attempts FROM deletions WHERE next_attempt_at <= ? ORDER BY queued_at')
      .all(this.#now().toISOString()) as { retrieval_id: string; attempts: number }[];
    return rows.map((row) => ({ retrievalId: row.retrieval_id, attempts: row.attempts }));
  }

  /** Still waiting for the gateway's confirmation. */
  has(retrievalId: string): boolean {
    return this.#db.prepare('SELECT 1 FROM deletions WHERE retrieval_id = ?').get(retrievalId) !== undefined;
  }

  get size(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM deletions').get() as { n: number }).n;
  }

  /** The gateway confirmed it. */
  remove(retrievalId: string): void {
    this.#db.prepare('DELETE FROM deletions WHERE retrieval_id = ?').run(retrievalId);
  }

  /** Try again later, backing off per retrieval. */
  postpone(retrievalId: string, delayMs: number): void {
    const next = new Date(this.#now().getTime() + delayMs).toISOString();
    this.#db.prepare('UPDATE deletions SET attempts = attempts + 1, next_attempt_at = ? WHERE retrieval_id = ?').run(next, retrievalId);
  }
}
