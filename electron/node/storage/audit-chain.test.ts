// The audit trail shows tampering: each entry commits to the one before it under a key the
// file does not hold, verify names the first broken link, trimming by retention leaves a
// checkpoint the rest still verifies from, and a trail written before the chain is chained
// when its database is upgraded.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chainKey, linkHash, type ChainRow } from './audit-chain.ts';
import { AuditTrail } from './audit-trail.ts';
import { openKioskDatabase, type KioskDatabase } from './kiosk-database.ts';

const dirs: string[] = [];
const open: KioskDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const KEY = new Uint8Array(32).fill(7);
const DAY = 24 * 60 * 60 * 1000;

function databasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-chain-'));
  dirs.push(dir);
  return join(dir, 'kiosk.sqlite');
}

function database(path = databasePath()): KioskDatabase {
  const db = openKioskDatabase(path);
  open.push(db);
  return db;
}

/** A clock the test moves. */
function clock(start = Date.parse('2026-01-05T01:00:00Z')): { now: () => Date; advance: (ms: number) => void } {
  let at = start;
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

/** A trail of five entries: seq 1–5. */
function trailOfFive(db = database()): { db: KioskDatabase; trail: AuditTrail } {
  const time = clock();
  const trail = new AuditTrail(db, KEY, time.now);
  trail.record({ event: 'session-started' }, { session: 's1' });
  trail.record({ event: 'card-inserted' }, { session: 's1' });
  trail.record({ event: 'pin-failed', triesLeft: 2 }, { session: 's1' });
  trail.record({ event: 'session-ended', reason: 'cancelled' }, { session: 's1' });
  trail.record({ event: 'kiosk-started', pending: 0, deletions: 0 });
  return { db, trail };
}

const rowsOf = (db: KioskDatabase): ChainRow[] =>
  db.prepare('SELECT seq, at, session, event, detail, prev, hash FROM audit ORDER BY seq').all() as ChainRow[];

describe('the hash-chained audit trail', () => {
  it('verifies an untouched trail, with its count', () => {
    const { trail } = trailOfFive();
    expect(trail.verify()).toMatchObject({ ok: true, entries: 5, trimmed: 0 });
  });

  it('names a changed detail as the first broken link', () => {
    const { db, trail } = trailOfFive();
    db.prepare('UPDATE audit SET detail = ? WHERE seq = 3').run('{"triesLeft":1}');
    const verdict = trail.verify();
    expect(verdict).toMatchObject({ ok: false, seq: 3, problem: 'changed' });
    expect(!verdict.ok && verdict.message).toBe('entry 3: does not match its hash: its fields were changed');
  });

  it('names the entry after a deleted one, and which are missing', () => {
    const { db, trail } = trailOfFive();
    db.prepare('DELETE FROM audit WHERE seq = 3').run();
    const verdict = trail.verify();
    expect(verdict).toMatchObject({ ok: false, seq: 4, problem: 'out-of-sequence' });
    expect(!verdict.ok && verdict.message).toBe(
      'entry 4: does not follow entry 2 (entry 3 is missing): an entry was removed, inserted or moved here',
    );
  });

  it('names the first of two entries swapped in order', () => {
    const { db, trail } = trailOfFive();
    const [two, three] = rowsOf(db).slice(1, 3);
    const put = db.prepare('UPDATE audit SET at = ?, session = ?, event = ?, detail = ?, prev = ?, hash = ? WHERE seq = ?');
    for (const [row, seq] of [
      [three, 2],
      [two, 3],
    ] as const)
      put.run(row?.at, row?.session, row?.event, row?.detail, row?.prev, row?.hash, seq);
    expect(trail.verify()).toMatchObject({ ok: false, seq: 2, problem: 'out-of-sequence' });
  });

  it('names an entry inserted in the middle, even one that copies the link before it', () => {
    const { db, trail } = trailOfFive();
    const rows = rowsOf(db);
    // Make room at seq 3 as a forger would, then put in an entry that claims to follow seq 2.
    db.prepare('UPDATE audit SET seq = seq + 100 WHERE seq >= 3').run();
    db.prepare('UPDATE audit SET seq = seq - 99 WHERE seq >= 100').run();
    db.prepare('INSERT INTO audit (seq, at, session, event, detail, prev, hash) VALUES (3, ?, ?, ?, NULL, ?, ?)').run(
      rows[1]?.at,
      's1',
      'card-returned',
      rows[1]?.hash,
      'f'.repeat(64),
    );
    expect(trail.verify()).toMatchObject({ ok: false, seq: 3, problem: 'changed' });
  });

  it('names an entry appended at the end outside the trail', () => {
    const { db, trail } = trailOfFive();
    db.prepare("INSERT INTO audit (at, session, event) VALUES ('2026-01-05T02:00:00.000Z', NULL, 'session-completed')").run();
    expect(trail.verify()).toMatchObject({ ok: false, seq: 6, problem: 'not-chained' });
  });

  it('cannot be re-chained from the file alone: an edit rehashed without the database key still shows', () => {
    const { db, trail } = trailOfFive();
    const rows = rowsOf(db);
    // The forger rehashes from the edit on with everything the file holds: a plain SHA-256 of
    // the same encoding, or the chain's HMAC under any key but the kiosk's.
    const plain = (prev: string, row: ChainRow): string =>
      createHash('sha256')
        .update(JSON.stringify([prev, row.seq, row.at, row.session, row.event, row.detail]))
        .digest('hex');
    const otherKey = (prev: string, row: ChainRow): string => linkHash(chainKey(new Uint8Array(32)), prev, row);
    for (const rehash of [plain, otherKey]) {
      let prev = rows[1]?.hash ?? '';
      for (const row of rows.slice(2)) {
        const forged = { ...row, detail: row.seq === 3 ? '{"triesLeft":1}' : row.detail };
        const hash = rehash(prev, forged);
        db.prepare('UPDATE audit SET detail = ?, prev = ?, hash = ? WHERE seq = ?').run(forged.detail, prev, hash, row.seq);
        prev = hash;
      }
      expect(trail.verify()).toMatchObject({ ok: false, seq: 3, problem: 'changed' });
    }
    // The chain is the key's: under another key even the untouched first entry fails.
    expect(new AuditTrail(db, new Uint8Array(32)).verify()).toMatchObject({ ok: false, seq: 1 });
  });
});

describe('trimming by retention', () => {
  it('removes the old entries, leaves a checkpoint the rest chains from, and records it', () => {
    const db = database();
    const time = clock();
    const trail = new AuditTrail(db, KEY, time.now);
    for (let day = 0; day < 4; day += 1) {
      trail.record({ event: 'session-started' }, { session: `old-${String(day)}` });
      time.advance(DAY);
    }
    time.advance(400 * DAY);
    trail.record({ event: 'session-started' }, { session: 'recent' });
    trail.record({ event: 'session-completed' }, { session: 'recent' });

    // Entries of the first two days are older than 402 days now; those of the next two are not.
    expect(trail.trim(402)).toEqual({ ok: true, trimmed: 2 });
    const rows = rowsOf(db);
    expect(rows.map((row) => [row.seq, row.event])).toEqual([
      [2, 'audit-checkpoint'],
      [3, 'session-started'],
      [4, 'session-started'],
      [5, 'session-started'],
      [6, 'session-completed'],
      [7, 'audit-trimmed'],
    ]);
    expect(JSON.parse(rows[0]?.detail ?? '')).toEqual({ trimmed: 2, through: '2026-01-06T01:00:00.000Z' });
    expect(rows.at(-1)?.detail).toBe('{"trimmed":2,"through":"2026-01-06T01:00:00.000Z"}');
    expect(trail.verify()).toMatchObject({ ok: true, entries: 6, trimmed: 2 });

    // Trimmed again later, past the checkpoint: the count goes on, the chain still verifies.
    time.advance(10 * DAY);
    expect(trail.trim(402)).toEqual({ ok: true, trimmed: 2 });
    expect(trail.verify()).toMatchObject({ ok: true, trimmed: 4 });
    expect(trail.trim(402)).toEqual({ ok: true, trimmed: 0 });

    // A checkpoint is no way round the chain: edited, removed or forged, it shows.
    db.prepare("UPDATE audit SET detail = '{\"trimmed\":0}' WHERE event = 'audit-checkpoint'").run();
    expect(trail.verify()).toMatchObject({ ok: false, seq: 4, problem: 'changed' });
  });

  it('can trim everything and go on chaining from the checkpoint', () => {
    const db = database();
    const time = clock();
    const trail = new AuditTrail(db, KEY, time.now);
    trail.record({ event: 'session-started' });
    trail.record({ event: 'session-completed' });
    time.advance(500 * DAY);
    expect(trail.trim(400)).toEqual({ ok: true, trimmed: 2 });
    trail.record({ event: 'kiosk-started', pending: 0, deletions: 0 });
    expect(rowsOf(db).map((row) => row.event)).toEqual(['audit-checkpoint', 'audit-trimmed', 'kiosk-started']);
    expect(trail.verify()).toMatchObject({ ok: true, entries: 3, trimmed: 2 });
    db.prepare("DELETE FROM audit WHERE event = 'audit-checkpoint'").run();
    expect(trail.verify()).toMatchObject({ ok: false, seq: 3, problem: 'out-of-sequence' });
  });

  it('names a checkpoint anywhere but at the head', () => {
    const { db, trail } = trailOfFive();
    // Passing an entry off as a checkpoint would let the rest chain from any anchor.
    db.prepare("UPDATE audit SET event = 'audit-checkpoint' WHERE seq = 4").run();
    expect(trail.verify()).toMatchObject({ ok: false, seq: 4, problem: 'misplaced-checkpoint' });
  });

  it('never trims a broken chain: the evidence stays', () => {
    const { db, trail } = trailOfFive();
    db.prepare('UPDATE audit SET detail = ? WHERE seq = 3').run('{"triesLeft":1}');
    const result = trail.trim(0);
    expect(result).toMatchObject({ ok: false, verdict: { seq: 3, problem: 'changed' } });
    expect(rowsOf(db)).toHaveLength(5);
  });
});

describe('upgrading a database written before the chain', () => {
  it('chains the existing entries in order, and from then on shows tampering with them', () => {
    const path = databasePath();
    openKioskDatabase(path).close();
    // The database as the previous version left it: no chain columns (nor the later indexes), entries written plainly.
    const old = new Database(path);
    // (nor the maintenance menu's tables, which came after the chain).
    old.exec('DROP INDEX audit_at; DROP INDEX audit_session; ALTER TABLE audit DROP COLUMN prev; ALTER TABLE audit DROP COLUMN hash');
    old.exec('DROP TABLE staff; DROP TABLE maintenance_state; DROP TABLE self_tests; DROP TABLE kept_cards');
    old.exec('ALTER TABLE outbox DROP COLUMN last_error');
    old.pragma('user_version = 6');
    const insert = old.prepare('INSERT INTO audit (at, session, event, detail) VALUES (?, ?, ?, ?)');
    insert.run('2026-01-05T01:00:00.000Z', 's1', 'session-started', null);
    insert.run('2026-01-05T01:00:05.000Z', 's1', 'pin-failed', '{"triesLeft":2}');
    insert.run('2026-01-05T01:00:09.000Z', 's1', 'session-ended', '{"reason":"cancelled"}');
    old.close();

    const db = database(path);
    const trail = new AuditTrail(db, KEY, clock(Date.parse('2026-02-01T00:00:00Z')).now);
    expect(rowsOf(db).map((row) => [row.seq, row.event, row.detail])).toEqual([
      [1, 'session-started', null],
      [2, 'pin-failed', '{"triesLeft":2}'],
      [3, 'session-ended', '{"reason":"cancelled"}'],
      [4, 'audit-chained', '{"entries":3}'],
    ]);
    expect(trail.verify()).toMatchObject({ ok: true, entries: 4 });
    // Once: a restart chains nothing again.
    trail.record({ event: 'kiosk-started', pending: 0, deletions: 0 });
    db.close();
    const reopened = database(path);
    const again = new AuditTrail(reopened, KEY);
    expect(rowsOf(reopened).filter((row) => row.event === 'audit-chained')).toHaveLength(1);
    reopened.prepare('UPDATE audit SET detail = ? WHERE seq = 2').run('{"triesLeft":1}');
    expect(again.verify()).toMatchObject({ ok: false, seq: 2, problem: 'changed' });
    // A forged upgrade mark beside hashed entries chains nothing: the edit still shows.
    reopened.prepare("INSERT INTO settings (name, value) VALUES ('audit-unchained-through', 5)").run();
    expect(new AuditTrail(reopened, KEY).verify()).toMatchObject({ ok: false, seq: 2, problem: 'changed' });
    // An entry whose hash was taken away is not chained again at the next start.
    reopened.prepare('UPDATE audit SET prev = NULL, hash = NULL WHERE seq = 3').run();
    expect(new AuditTrail(reopened, KEY).verify()).toMatchObject({ ok: false, seq: 2 });
    reopened.prepare('UPDATE audit SET detail = ? WHERE seq = 2').run('{"triesLeft":2}');
    expect(new AuditTrail(reopened, KEY).verify()).toMatchObject({ ok: false, seq: 3, problem: 'not-chained' });
  });
});
