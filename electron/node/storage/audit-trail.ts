// The audit trail (API security requirements: access and operation logs, error detection):
// what happened at the kiosk and when, with counters, and no personal data. A card appears
// only as a keyed hash of its certificate fingerprint, so visits of one card can be linked
// without the card being identifiable from the trail. The hash key is derived from the
// database key, which never lies next to the file: holding the database alone, nobody can
// check whether a card they know visited the kiosk.
import { createHmac, hkdfSync } from 'node:crypto';
import type { AuditEntry } from './audit-events.ts';
import type { KioskDatabase } from './kiosk-database.ts';

export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly session: string | null;
  readonly event: string;
  readonly detail: Readonly<Record<string, string | number | boolean>> | null;
}

/** What links a record to others: the customer session it belongs to, the card (as cardHash()). */
export interface AuditLinks {
  readonly session?: string | undefined;
  readonly card?: string | undefined;
}

const SAFE_VALUE = /^[A-Za-z0-9._:-]{0,80}$/;

export class AuditTrail {
  readonly #db: KioskDatabase;
  readonly #now: () => Date;
  readonly #hashKey: Buffer;

  constructor(db: KioskDatabase, databaseKey: Uint8Array, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
    this.#hashKey = Buffer.from(hkdfSync('sha256', databaseKey, new Uint8Array(0), 'kiosk audit card hash', 32));
    // Earlier versions kept a random salt in the file itself, which gave the file alone that power.
    this.#db.prepare("DELETE FROM settings WHERE name = 'audit-salt'").run();
  }

  /** A keyed, truncated hash of a card's certificate fingerprint. */
  cardHash(fingerprint: string): string {
    return createHmac('sha256', this.#hashKey).update(fingerprint).digest('hex').slice(0, 16);
  }

  /** Records one event of the audit vocabulary (audit-events.ts), linked to its session and card. */
  record(entry: AuditEntry, { session, card }: AuditLinks = {}): void {
    const { event, ...detail } = entry;
    const clean = Object.fromEntries(
      Object.entries<string | number | boolean | undefined>({ ...detail, card }).filter(
        (pair): pair is [string, string | number | boolean] => {
          const value = pair[1];
          // Only short identifiers, numbers and flags: free text could carry personal data.
          return typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && SAFE_VALUE.test(value));
        },
      ),
    );
    const at = this.#now().toISOString();
    this.#db.transaction(() => {
      this.#db
        .prepare('INSERT INTO audit (at, session, event, detail) VALUES (?, ?, ?, ?)')
        .run(at, session ?? null, event, Object.keys(clean).length ? JSON.stringify(clean) : null);
      this.#db.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1').run(event);
    })();
  }

  recent(limit = 100): AuditRecord[] {
    const rows = this.#db.prepare('SELECT seq, at, session, event, detail FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as {
      seq: number;
      at: string;
      session: string | null;
      event: string;
      detail: string | null;
    }[];
    return rows.reverse().map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as AuditRecord['detail']) : null }));
  }

  counters(): Record<string, number> {
    const rows = this.#db.prepare('SELECT name, value FROM counters ORDER BY name').all() as { name: string; value: number }[];
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }
}
