// Once the bank has a submission, nothing of it stays on disk: not in the database file and
// not in its write-ahead log, where deleted rows otherwise linger until overwritten. A
// submission stored by an earlier version survives the schema's migration.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openKioskDatabase } from './kiosk-database.ts';
import { seal } from './sealed-box.ts';
import { SubmissionOutbox } from './submission-outbox.ts';
import { SUBMISSION } from '../../../test/support/submission-fixture.ts';

const HELD_UNTIL = '2026-11-24T05:30:00.000Z';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('leaves no trace of an acknowledged submission in the database file or its log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const path = join(dir, 'kiosk.sqlite');
  const db = openKioskDatabase(path);
  const outbox = new SubmissionOutbox(db, new Uint8Array(32).fill(7));
  const { id } = outbox.store(SUBMISSION, HELD_UNTIL);
  const { sealed } = db.prepare('SELECT sealed FROM outbox WHERE id = ?').get(id) as { sealed: Buffer };
  const onDisk = (): Buffer => Buffer.concat([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));
  // A distinctive slice of the ciphertext: present while the submission waits.
  const fingerprint = Buffer.from(sealed).subarray(16, 48);
  expect(onDisk().includes(fingerprint)).toBe(true);
  outbox.acknowledge(id);
  expect(outbox.size).toBe(0);
  expect(onDisk().includes(fingerprint)).toBe(false);
  expect(onDisk().includes(Buffer.from(id))).toBe(false);
  db.close();
});

it('keeps heldUntil and the kiosk reference beside the sealed submission, in the clear and without personal data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const db = openKioskDatabase(join(dir, 'kiosk.sqlite'));
  const outbox = new SubmissionOutbox(db, new Uint8Array(32).fill(7));
  const { id, reference } = outbox.store(SUBMISSION, HELD_UNTIL);
  expect(outbox.get(id)).toMatchObject({ heldUntil: HELD_UNTIL, reference, submission: SUBMISSION });
  const row = db.prepare('SELECT held_until, reference FROM outbox WHERE id = ?').get(id);
  expect(row).toEqual({ held_until: HELD_UNTIL, reference });
  db.close();
});

it('reads a submission stored before heldUntil was kept, after the schema has migrated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const path = join(dir, 'kiosk.sqlite');
  // The database as the version before wrote it: its four tables, its outbox without the new columns.
  const old = new Database(path);
  old.exec(`CREATE TABLE outbox (id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, sealed BLOB NOT NULL);
    CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, session TEXT, event TEXT NOT NULL, detail TEXT);
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);`);
  old.pragma('user_version = 4');
  const key = new Uint8Array(32).fill(7);
  const [id, idempotencyKey] = ['0b5a6f6e-2d1c-4d8e-9f3a-1c2b3d4e5f60', '5f6e4d3c-2b1a-4c9d-8e7f-6a5b4c3d2e1f'];
  const sealed = seal(key, new TextEncoder().encode(JSON.stringify(SUBMISSION)), `outbox:${id}:${idempotencyKey}`);
  old
    .prepare('INSERT INTO outbox (id, idempotency_key, created_at, next_attempt_at, sealed) VALUES (?, ?, ?, ?, ?)')
    .run(id, idempotencyKey, '2026-11-24T05:00:00.000Z', '2026-11-24T05:00:00.000Z', sealed);
  old.close();

  const db = openKioskDatabase(path);
  const outbox = new SubmissionOutbox(db, key);
  expect(outbox.get(id)).toEqual({ id, idempotencyKey, attempts: 0, heldUntil: undefined, reference: '', submission: SUBMISSION });
  expect(db.prepare('SELECT COUNT(*) AS n FROM deletions').get()).toEqual({ n: 0 });
  db.close();
});
