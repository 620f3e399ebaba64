// The audit trail (API security requirements: access and operation logs, error detection):
// what happened at the kiosk and when, with counters, and no personal data. A card appears
// only as a keyed hash of its certificate fingerprint, so visits of one card can be linked
// without the card being identifiable from the trail. The hash key is derived from the
// database key, which never lies next to the file: holding the database alone, nobody can
// check whether a card they know visited the kiosk. The entries are hash-chained under a key
// derived the same way (audit-chain.ts), so a changed, removed or inserted entry shows.
import { createHmac, hkdfSync } from 'node:crypto';
import { CHECKPOINT_EVENT, chainKey, headOf, linkHash, verifyChain, type ChainRow, type ChainVerdict } from './audit-chain.ts';
import { AUDIT_DETAIL_FIELDS, type AuditEntry } from './audit-events.ts';
import { AUDIT_UNCHAINED_THROUGH, type KioskDatabase } from './kiosk-database.ts';

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

/** What trimming did: entries removed (0 when none was old enough), or why it did not. */
export type TrimResult =
  { readonly ok: true; readonly trimmed: number } | { readonly ok: false; readonly verdict: ChainVerdict & { ok: false } };

const SAFE_VALUE = /^[A-Za-z0-9._:-]{0,80}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const ROW_COLUMNS = 'seq, at, session, event, detail, prev, hash';
/** The courier's records of what became of a submission, each naming its kiosk reference. */
const COURIER_FATES = "'submission-delivered', 'submission-expired', 'submission-rejected', 'submission-purged'";

/** A detail that is a non-empty text, as a list of none or one. */
const textOf = (record: AuditRecord, key: string): string[] => {
  const value = record.detail?.[key];
  return typeof value === 'string' && value !== '' ? [value] : [];
};

export class AuditTrail {
  readonly #db: KioskDatabase;
  readonly #now: () => Date;
  readonly #hashKey: Buffer;
  readonly #chainKey: Buffer;

  constructor(db: KioskDatabase, databaseKey: Uint8Array, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
    this.#hashKey = Buffer.from(hkdfSync('sha256', databaseKey, new Uint8Array(0), 'kiosk audit card hash', 32));
    this.#chainKey = chainKey(databaseKey);
    // Earlier versions kept a random salt in the file itself, which gave the file alone that power.
    this.#db.prepare("DELETE FROM settings WHERE name = 'audit-salt'").run();
    this.#chainUpgradedEntries();
  }

  /**
   * The entries written before the trail was chained, chained in order once: the migration that
   * added the chain marked how far they go (it has no key to do it itself). Only a trail with no
   * hash at all is chained so: a mark beside hashed entries is not the migration's, and chains
   * nothing. Later, an entry without a hash is a broken link. What this cannot stop: whoever can
   * edit the file could strip every hash and mark it, as if never upgraded, and have an edited
   * trail chained at the next start; the step is recorded (audit-chained), and a kiosk has one.
   */
  #chainUpgradedEntries(): void {
    const marker = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(AUDIT_UNCHAINED_THROUGH) as
      { value: number } | undefined;
    if (!marker) return;
    const chained = this.#db.transaction((): number => {
      this.#db.prepare('DELETE FROM settings WHERE name = ?').run(AUDIT_UNCHAINED_THROUGH);
      const { hashed } = this.#db.prepare('SELECT COUNT(hash) AS hashed FROM audit').get() as { hashed: number };
      if (hashed > 0) return 0;
      const rows = this.#db.prepare(`SELECT ${ROW_COLUMNS} FROM audit WHERE seq <= ? ORDER BY seq`).all(marker.value) as ChainRow[];
      const update = this.#db.prepare('UPDATE audit SET prev = ?, hash = ? WHERE seq = ?');
      let prev = headOf(undefined);
      for (const row of rows) {
        const hash = linkHash(this.#chainKey, prev, row);
        update.run(prev, hash, row.seq);
        prev = hash;
      }
      return rows.length;
    })();
    if (chained > 0) this.record({ event: 'audit-chained', entries: chained });
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
          const [name, value] = pair;
          // Only the vocabulary's fields, and in them only short identifiers, numbers and
          // flags: free text, or a field nobody reviewed, could carry personal data.
          if (!Object.hasOwn(AUDIT_DETAIL_FIELDS, name)) return false;
          return typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && SAFE_VALUE.test(value));
        },
      ),
    );
    const at = this.#now().toISOString();
    const text = Object.keys(clean).length ? JSON.stringify(clean) : null;
    this.#db.transaction(() => {
      this.#append({ at, session: session ?? null, event, detail: text });
      this.#db.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1').run(event);
    })();
  }

  /** Appends an entry chained to the newest one (inside the caller's transaction). */
  #append(fields: Omit<ChainRow, 'seq' | 'prev' | 'hash'>): void {
    const last = this.#db.prepare('SELECT event, prev, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as ChainRow | undefined;
    const prev = headOf(last);
    const { lastInsertRowid } = this.#db
      .prepare('INSERT INTO audit (at, session, event, detail) VALUES (?, ?, ?, ?)')
      .run(fields.at, fields.session, fields.event, fields.detail);
    const seq = Number(lastInsertRowid);
    this.#db
      .prepare('UPDATE audit SET prev = ?, hash = ? WHERE seq = ?')
      .run(prev, linkHash(this.#chainKey, prev, { ...fields, seq }), seq);
  }

  /** Checks the whole chain: ok with the count, or the first broken link. */
  verify(): ChainVerdict {
    return verifyChain(this.#db.prepare(`SELECT ${ROW_COLUMNS} FROM audit ORDER BY seq`).iterate() as Iterable<ChainRow>, this.#chainKey);
  }

  /**
   * Removes the entries older than the retention, leaving a checkpoint at the head that the
   * rest chains from, and records that it did. A broken chain is never trimmed: that would
   * remove the evidence and seal what is left with a valid checkpoint.
   */
  trim(retentionDays: number): TrimResult {
    const verdict = this.verify();
    if (!verdict.ok) return { ok: false, verdict };
    const cutoff = new Date(this.#now().getTime() - retentionDays * DAY_MS).toISOString();
    const { firstKept } = this.#db
      .prepare('SELECT MIN(seq) AS firstKept FROM audit WHERE event != ? AND at >= ?')
      .get(CHECKPOINT_EVENT, cutoff) as { firstKept: number | null };
    const bound = firstKept === null ? Number.MAX_SAFE_INTEGER : firstKept - 1;
    const { count } = this.#db
      .prepare('SELECT COUNT(*) AS count FROM audit WHERE seq <= ? AND event != ?')
      .get(bound, CHECKPOINT_EVENT) as { count: number };
    if (count === 0) return { ok: true, trimmed: 0 };
    const last = this.#db.prepare(`SELECT ${ROW_COLUMNS} FROM audit WHERE seq <= ? ORDER BY seq DESC LIMIT 1`).get(bound) as ChainRow;
    const checkpoint = {
      seq: last.seq,
      at: this.#now().toISOString(),
      session: null,
      event: CHECKPOINT_EVENT,
      detail: JSON.stringify({ trimmed: verdict.trimmed + count, through: last.at }),
    };
    const anchor = last.hash ?? '';
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM audit WHERE seq <= ?').run(last.seq);
      this.#db
        .prepare(`INSERT INTO audit (${ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(
          checkpoint.seq,
          checkpoint.at,
          null,
          checkpoint.event,
          checkpoint.detail,
          anchor,
          linkHash(this.#chainKey, anchor, checkpoint),
        );
      this.record({ event: 'audit-trimmed', trimmed: count, through: last.at });
    })();
    return { ok: true, trimmed: count };
  }

  /** The entries recorded in [from, to), as stored, in order (for an export). */
  entriesBetween(from: Date, to: Date): ChainRow[] {
    return this.#db
      .prepare(`SELECT ${ROW_COLUMNS} FROM audit WHERE at >= ? AND at < ? ORDER BY seq`)
      .all(from.toISOString(), to.toISOString()) as ChainRow[];
  }

  recent(limit = 100): AuditRecord[] {
    return this.#records('SELECT seq, at, session, event, detail FROM audit ORDER BY seq DESC LIMIT ?', limit).reverse();
  }

  /**
   * What counting the customer sessions started in [from, to) needs (day-counters.ts): every
   * record of those sessions, also after `to` (a session that runs past midnight is its first
   * day's); the background records of [from, to); and the sessions that queued the submissions
   * those name, for their service.
   */
  recordsForCounting(from: Date, to: Date): AuditRecord[] {
    const range = [from.toISOString(), to.toISOString()];
    return this.#records(
      `SELECT seq, at, session, event, detail FROM audit
       WHERE session IN (SELECT session FROM audit WHERE event = 'session-started' AND at >= ? AND at < ?)
          OR (session IS NULL AND at >= ? AND at < ?)
          OR session IN (
            SELECT session FROM audit WHERE event = 'submission-queued' AND json_extract(detail, '$.reference') IN (
              SELECT json_extract(detail, '$.reference') FROM audit
              WHERE session IS NULL AND at >= ? AND at < ? AND event IN (${COURIER_FATES})))
       ORDER BY seq`,
      ...range,
      ...range,
      ...range,
    );
  }

  /** How many customer sessions started in [from, to) completed (each once; counted by start, as the day's counters are). */
  completedSessions(from: Date, to: Date): number {
    const { count } = this.#db
      .prepare(
        `SELECT COUNT(DISTINCT session) AS count FROM audit WHERE event = 'session-completed'
         AND session IN (SELECT session FROM audit WHERE event = 'session-started' AND at >= ? AND at < ?)`,
      )
      .get(from.toISOString(), to.toISOString()) as { count: number };
    return count;
  }

  /** Up to when entries were trimmed by retention (the newest trimmed one's time), if ever. */
  trimmedThrough(): string | undefined {
    const row = this.#db
      .prepare("SELECT json_extract(detail, '$.through') AS through FROM audit WHERE event = ? ORDER BY seq LIMIT 1")
      .get(CHECKPOINT_EVENT) as { through: string | null } | undefined;
    return row?.through ?? undefined;
  }

  /**
   * The records a receipt or kiosk reference leads to, out of the whole trail: the session that
   * was given it (through the courier's later delivery, for a reference), all of that session's
   * records, and the courier's records of that submission (trace-receipt.ts reads them).
   */
  recordsOfReceipt(quoted: string): AuditRecord[] {
    if (quoted === '') return [];
    const named = this.#records(
      `SELECT seq, at, session, event, detail FROM audit
       WHERE event IN ('submitted', 'submission-queued', ${COURIER_FATES})
         AND (json_extract(detail, '$.receipt') = ? OR json_extract(detail, '$.reference') = ?)`,
      quoted,
      quoted,
    );
    const references = new Set([quoted, ...named.flatMap((record) => textOf(record, 'reference'))]);
    const sessions = new Set(named.flatMap((record) => record.session ?? []));
    for (const reference of references) {
      for (const record of this.#records(
        "SELECT seq, at, session, event, detail FROM audit WHERE event = 'submission-queued' AND json_extract(detail, '$.reference') = ?",
        reference,
      ))
        if (record.session) sessions.add(record.session);
    }
    const ids = new Set(named.flatMap((record) => (record.session === null ? textOf(record, 'id') : [])));
    const found = new Map<number, AuditRecord>();
    for (const session of sessions)
      for (const record of this.#records('SELECT seq, at, session, event, detail FROM audit WHERE session = ?', session))
        found.set(record.seq, record);
    for (const id of ids)
      for (const record of this.#records(
        "SELECT seq, at, session, event, detail FROM audit WHERE session IS NULL AND json_extract(detail, '$.id') = ?",
        id,
      ))
        found.set(record.seq, record);
    return [...found.values()].sort((a, b) => a.seq - b.seq);
  }

  #records(sql: string, ...parameters: (string | number)[]): AuditRecord[] {
    const rows = this.#db.prepare(sql).all(...parameters) as {
      seq: number;
      at: string;
      session: string | null;
      event: string;
      detail: string | null;
    }[];
    return rows.map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as AuditRecord['detail']) : null }));
  }

  counters(): Record<string, number> {
    const rows = this.#db.prepare('SELECT name, value FROM counters ORDER BY name').all() as { name: string; value: number }[];
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }
}
