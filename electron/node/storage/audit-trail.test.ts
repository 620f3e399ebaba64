// A card appears in the audit trail only as a hash keyed outside the database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AuditTrail } from './audit-trail.ts';
import { openKioskDatabase } from './kiosk-database.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): ReturnType<typeof openKioskDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  dirs.push(dir);
  return openKioskDatabase(join(dir, 'kiosk.sqlite'));
}

const FINGERPRINT = 'a'.repeat(64);

it('links the visits of one card, but only for whoever holds the database key', () => {
  const db = database();
  const key = new Uint8Array(32).fill(7);
  const trail = new AuditTrail(db, key);
  // The same card is the same hash on every visit and after a restart …
  expect(trail.cardHash(FINGERPRINT)).toBe(new AuditTrail(db, key).cardHash(FINGERPRINT));
  expect(trail.cardHash(FINGERPRINT)).not.toBe(trail.cardHash('b'.repeat(64)));
  // … and nothing in the file recomputes it: a plain hash and one under another key differ.
  expect(trail.cardHash(FINGERPRINT)).not.toBe(new AuditTrail(database(), new Uint8Array(32).fill(8)).cardHash(FINGERPRINT));
  const settings = db.prepare('SELECT name FROM settings').all();
  expect(settings).toEqual([]);
});

it('removes the salt earlier versions kept in the database file', () => {
  const db = database();
  db.prepare("INSERT INTO settings (name, value) VALUES ('audit-salt', ?)").run(Buffer.alloc(32, 1));
  new AuditTrail(db, new Uint8Array(32).fill(7));
  expect(db.prepare("SELECT name FROM settings WHERE name = 'audit-salt'").all()).toEqual([]);
});
