// The kiosk's one database: the submission outbox (encrypted), the audit trail with its
// counters (no personal data), and the maintenance menu's staff and settings. Durable
// writes, and deleted rows overwritten on disk.
import Database from 'better-sqlite3';

export type KioskDatabase = Database.Database;

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
];

export function openKioskDatabase(path: string): KioskDatabase {
  const db = new Database(path);
  // A consent written before sending must survive a power cut; a deleted submission must not
  // stay readable in free pages of the file.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(version)) db.exec(migration);
    db.pragma(`user_version = ${String(MIGRATIONS.length)}`);
  })();
  return db;
}
