// Consented submissions between 確認 and the bank's acknowledgement. Stored encrypted before
// the first send, re-sent with the same idempotency key until acknowledged (also after a
// crash), then deleted. This is the only personal data the kiosk ever writes to disk. Beside
// each, in the clear and not personal: until when the gateway holds its retrieval, and the
// kiosk's reference the customer was given.
import { randomUUID } from 'node:crypto';
import { SubmissionSchema, type Submission } from '../gateway/gateway-schemas.ts';
import { kioskReference } from '../submission/kiosk-reference.ts';
import type { KioskDatabase } from './kiosk-database.ts';
import { open, seal } from './sealed-box.ts';

export interface PendingSubmission {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly attempts: number;
  /** Until when the gateway holds the retrieval (undefined in rows stored before it was kept). */
  readonly heldUntil: string | undefined;
  /** The kiosk's reference the customer was given ('' in rows stored before it was kept). */
  readonly reference: string;
  /** Undefined when the row cannot be decrypted (another key, tampering): it is reported, never sent. */
  readonly submission: Submission | undefined;
}

/** A waiting submission as staff see it: when, how often tried and why it failed, never what it holds. */
export interface OutboxEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  /** The courier's last failure as a short code ('unavailable', 'timeout', a rejection code…). */
  readonly lastError: string | undefined;
}

interface Row {
  id: string;
  idempotency_key: string;
  attempts: number;
  next_attempt_at: string;
  held_until: string | null;
  reference: string | null;
  sealed: Uint8Array;
}

const COLUMNS = 'id, idempotency_key, attempts, next_attempt_at, held_until, reference, sealed';

const associatedData = (id: string, key: string): string => `outbox:${id}:${key}`;

export class SubmissionOutbox {
  readonly #db: KioskDatabase;
  readonly #key: Uint8Array;
  readonly #now: () => Date;

  constructor(db: KioskDatabase, key: Uint8Array, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#key = key;
    this.#now = now;
  }

  /** Durably stores a submission; returns its id, idempotency key and the kiosk's reference for it. */
  store(submission: Submission, heldUntil: string): { id: string; idempotencyKey: string; reference: string } {
    const id = randomUUID();
    const idempotencyKey = randomUUID();
    const reference = kioskReference();
    const sealed = seal(this.#key, new TextEncoder().encode(JSON.stringify(submission)), associatedData(id, idempotencyKey));
    const at = this.#now().toISOString();
    this.#db
      .prepare(
        'INSERT INTO outbox (id, idempotency_key, created_at, next_attempt_at, held_until, reference, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, idempotencyKey, at, at, heldUntil, reference, sealed);
    return { id, idempotencyKey, reference };
  }

  /** Submissions due for a (re)send now. */
  due(): PendingSubmission[] {
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM outbox WHERE next_attempt_at <= ? ORDER BY created_at`)
      .all(this.#now().toISOString()) as Row[];
    return rows.map((row) => this.#pending(row));
  }

  /** One submission by id, or undefined once acknowledged. */
  get(id: string): PendingSubmission | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as Row | undefined;
    return row ? this.#pending(row) : undefined;
  }

  /** Milliseconds since the submission was stored (0 when it is gone). */
  age(id: string): number {
    const row = this.#db.prepare('SELECT created_at FROM outbox WHERE id = ?').get(id) as { created_at: string } | undefined;
    return row ? this.#now().getTime() - Date.parse(row.created_at) : 0;
  }

  /** How many submissions wait, and since when the oldest has (for staff: no content). */
  pending(): { count: number; oldestAt: string | undefined } {
    const row = this.#db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox').get() as {
      n: number;
      oldest: string | null;
    };
    return { count: row.n, oldestAt: row.oldest ?? undefined };
  }

  /** Every waiting submission, oldest first, without its content (the sealed column is not even read). */
  list(): OutboxEntry[] {
    const rows = this.#db.prepare('SELECT id, created_at, attempts, next_attempt_at, last_error FROM outbox ORDER BY created_at').all() as {
      id: string;
      created_at: string;
      attempts: number;
      next_attempt_at: string;
      last_error: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error ?? undefined,
    }));
  }

  /** Due at once (staff force a retry); false when it is gone. */
  dueNow(id: string): boolean {
    return this.#db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?').run(this.#now().toISOString(), id).changes > 0;
  }

  get size(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  }

  /** The bank has it: the personal data leaves the kiosk for good. */
  acknowledge(id: string): void {
    this.#db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
    // secure_delete zeroes the page in the main file, but WAL frames still hold the sealed
    // row: checkpoint them into the file and truncate the log.
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Try again later, backing off per submission; `error`: why this try failed (a short code). */
  postpone(id: string, delayMs: number, error: string): void {
    const next = new Date(this.#now().getTime() + delayMs).toISOString();
    this.#db.prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(next, error, id);
  }

  #pending(row: Row): PendingSubmission {
    const plaintext = open(this.#key, row.sealed, associatedData(row.id, row.idempotency_key));
    let submission: Submission | undefined;
    if (plaintext) {
      const parsed = SubmissionSchema.safeParse(JSON.parse(new TextDecoder().decode(plaintext)) as unknown);
      submission = parsed.success ? parsed.data : undefined;
      plaintext.fill(0);
    }
    return {
      id: row.id,
      idempotencyKey: row.idempotency_key,
      attempts: row.attempts,
      heldUntil: row.held_until ?? undefined,
      reference: row.reference ?? '',
      submission,
    };
  }
}
