// The kiosk's one database: the submission outbox (encrypted), the retrievals still to delete
// at the gateway, the audit trail with its counters, settings such as the last published
// schedule, and the maintenance menu's staff and settings (no personal data but the outbox's).
// Durable writes, and deleted rows overwritten on disk.
import Database from 'better-sqlite3';

export type KioskDatabase = Database.Database;

/**
 * Set by the migration that chained the audit trail: the last entry written before the chain,
 * which the trail chains in order once it has the key (audit-trail.ts).
 */
export const AUDIT_UNCHAINED_THROUGH = 'audit-unchained-through';

const MIGRATIONS = [
  `CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     sealed BLOB NOT NULL
   )`,
  `CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     session TEXT,
     event TEXT NOT NULL,
     detail TEXT
   )`,
  `CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  `CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL)`,
  // Until when the gateway holds a submission's retrieval (after that it is final), and the
  // kiosk's reference the customer was given: neither is personal. NULL in rows from before.
  `ALTER TABLE outbox ADD COLUMN held_until TEXT;
   ALTER TABLE outbox ADD COLUMN reference TEXT`,
  // Retrievals to delete at the gateway until it confirms: their ids only, nothing personal.
  `CREATE TABLE deletions (
     retrieval_id TEXT PRIMARY KEY,
     queued_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL
   )`,
  // The audit trail hash-chained (audit-chain.ts): each entry's hash and the hash it follows.
  // The hashes are keyed, and the key is not here: entries already written are chained by
  // the trail when it opens, up to the mark left here.
  `ALTER TABLE audit ADD COLUMN prev TEXT;
   ALTER TABLE audit ADD COLUMN hash TEXT;
   INSERT INTO settings (name, value) SELECT '${AUDIT_UNCHAINED_THROUGH}', MAX(seq) FROM audit HAVING COUNT(*) > 0`,
  // The maintenance menu: staff (PINs as scrypt hashes only), what staff set (out of service,
  // services switched off, schedule overrides: JSON by name), and self-test runs.
  `CREATE TABLE staff (
     number TEXT PRIMARY KEY,
     role TEXT NOT NULL,
     pin_hash TEXT NOT NULL,
     failed_attempts INTEGER NOT NULL DEFAULT 0,
     locked_at TEXT,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL
   );
   CREATE TABLE maintenance_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE self_tests (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     trigger TEXT NOT NULL,
     passed INTEGER NOT NULL,
     run TEXT NOT NULL
   )`,
  // The day-close and the receipt lookup read a day's entries and a session's, out of a trail
  // of a year or more: by time and by session without reading it all.
  `CREATE INDEX audit_at ON audit (at);
   CREATE INDEX audit_session ON audit (session)`,
  // The retained and left-behind cards register (取込カード管理簿): a card only as the kiosk's
  // keyed hash, the owner's identity check as who, how and when, never what the document said.
  `CREATE TABLE kept_cards (
     id TEXT PRIMARY KEY,
     kept_at TEXT NOT NULL,
     session TEXT,
     card_hash TEXT,
     reason TEXT NOT NULL,
     bin_position INTEGER,
     bin_fill INTEGER,
     status TEXT NOT NULL,
     closed_at TEXT,
     closed_by TEXT,
     checked_by TEXT,
     check_method TEXT,
     checked_at TEXT,
     approved_by TEXT
   )`,
  // Why the courier's last try of a submission failed, for staff (a short code: never content).
  `ALTER TABLE outbox ADD COLUMN last_error TEXT`,
];

/** Another kiosk (a second instance, a kiosk not yet stopped) holds the database. */
export class DataFolderInUseError extends Error {
  constructor(path: string) {
    super(`the data folder's database ${path} is in use by another kiosk`);
    this.name = 'DataFolderInUseError';
  }
}

/**
 * Opens the database for this kiosk alone: SQLite's exclusive locking mode takes the file lock
 * at the first write below and keeps it until close, so a second kiosk on the same data folder
 * (two instances; the courier sending one outbox twice) is refused at once instead of sharing it.
 * The OS drops the lock when a process dies, so a restart after a crash is not locked out.
 */
export function openKioskDatabase(path: string): KioskDatabase {
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // A consent written before sending must survive a power cut; a deleted submission must not
    // stay readable in free pages of the file.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    db.transaction(() => {
      for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
      // Written even when up to date: the write is what takes the exclusive lock.
      db.pragma(`user_version = ${String(MIGRATIONS.length)}`);
    })();
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) throw new DataFolderInUseError(path);
    throw error;
  }
  return db;
}
