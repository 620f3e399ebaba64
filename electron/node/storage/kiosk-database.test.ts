// One kiosk per data folder: a second kiosk (two instances, a kiosk started before the last
// one stopped) would re-send the same outbox; it is refused at once, in any process, and the
// folder is free again as soon as its kiosk stops or dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, openKioskDatabase } from './kiosk-database.ts';

const folders: string[] = [];
const holders: ChildProcess[] = [];
afterEach(() => {
  for (const holder of holders.splice(0)) holder.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function databasePath(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-db-'));
  folders.push(folder);
  return join(folder, 'kiosk.sqlite');
}

describe('the kiosk database', () => {
  it('is refused to a second kiosk while the first has it open, and free once it is closed', () => {
    const path = databasePath();
    const first = openKioskDatabase(path);
    expect(() => openKioskDatabase(path)).toThrow(DataFolderInUseError);
    first.prepare('INSERT INTO counters (name, value) VALUES (?, ?)').run('sessions', 1);
    first.close();
    const second = openKioskDatabase(path);
    expect(second.prepare('SELECT value FROM counters WHERE name = ?').get('sessions')).toEqual({ value: 1 });
    second.close();
  });

  it('indexes the audit trail by time and by session, also in a database written before the indexes', () => {
    const path = databasePath();
    const indexes = (db: ReturnType<typeof openKioskDatabase>): string[] =>
      (db.pragma('index_list(audit)') as { name: string }[]).map((index) => index.name).sort();
    const first = openKioskDatabase(path);
    expect(indexes(first)).toEqual(['audit_at', 'audit_session']);
    // As the previous version left it.
    first.exec('DROP INDEX audit_at; DROP INDEX audit_session; DROP TABLE kept_cards');
    first.exec('ALTER TABLE outbox DROP COLUMN last_error');
    first.pragma('user_version = 8');
    first.close();
    const upgraded = openKioskDatabase(path);
    expect(indexes(upgraded)).toEqual(['audit_at', 'audit_session']);
    const plan = upgraded.prepare("EXPLAIN QUERY PLAN SELECT seq FROM audit WHERE at >= '2026-11-24' AND at < '2026-11-25'").all() as {
      detail: string;
    }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('audit_at');
    upgraded.close();
  });

  it('is refused while a kiosk in another process has it, and free the moment that process is killed', async () => {
    const path = databasePath();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { openKioskDatabase } from ${JSON.stringify(join(import.meta.dirname, 'kiosk-database.ts'))}; openKioskDatabase(${JSON.stringify(path)}); console.log('open'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    holders.push(holder);
    await once(holder.stdout, 'data');
    expect(() => openKioskDatabase(path)).toThrow(/in use by another kiosk/);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    openKioskDatabase(path).close();
  });

  it('upgrades a database of the version before the maintenance menu in order, keeping what it holds', () => {
    const path = databasePath();
    openKioskDatabase(path).close();
    // As the kiosk left it before the menu: every earlier migration applied, none of the menu's tables.
    const old = new Database(path);
    old.exec(
      'DROP TABLE staff; DROP TABLE maintenance_state; DROP TABLE self_tests; DROP INDEX audit_at; DROP INDEX audit_session; DROP TABLE kept_cards',
    );
    old.exec('ALTER TABLE outbox DROP COLUMN last_error');
    old.pragma('user_version = 7');
    old.prepare('INSERT INTO deletions (retrieval_id, queued_at, next_attempt_at) VALUES (?, ?, ?)').run('r-1', 'a', 'b');
    old.close();
    const db = openKioskDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(11);
      expect(db.prepare('SELECT COUNT(*) AS n FROM staff').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM kept_cards').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(last_error) AS n FROM outbox').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT retrieval_id FROM deletions').all()).toEqual([{ retrieval_id: 'r-1' }]);
    } finally {
      db.close();
    }
  });
});
