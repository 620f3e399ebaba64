// The data folder as the kiosk finds it at start-up: whatever the umask, and however an
// earlier version or an administrator left it, only the kiosk's user can read what is inside.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestKiosk } from '../../test/support/kiosk-driver.ts';
import type { Kiosk } from './kiosk.ts';
import { ensurePrivateFolder } from './storage/private-files.ts';

const cleanups: (() => Promise<void> | void)[] = [];
let umask: number;
beforeEach(() => {
  // The usual default: files 0644, folders 0755 unless the kiosk says otherwise.
  umask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(umask);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

async function startIn(dataDir: string): Promise<Kiosk> {
  const started = await TestKiosk.start({ dataDir });
  cleanups.push(() => started.stop());
  return started.kiosk;
}

function tempFolder(): string {
  const parent = mkdtempSync(join(tmpdir(), 'kiosk-modes-'));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  return parent;
}

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created private, with every database, key and log file 0600', async () => {
    const dataDir = join(tempFolder(), 'data');
    // Started, the kiosk has written (its start is on record): the -wal file exists. (The
    // database is the kiosk's alone, so SQLite keeps its WAL index in memory: no -shm file.)
    await startIn(dataDir);
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'logs'))).toBe('700');
    expect(existsSync(join(dataDir, 'kiosk.sqlite-shm'))).toBe(false);
    for (const file of ['kiosk.sqlite', 'kiosk.sqlite-wal', 'database.key', join('logs', 'kiosk.log')])
      expect({ file, mode: mode(join(dataDir, file)) }).toEqual({ file, mode: '600' });
  });

  it('tightens a folder and files an earlier start left readable by others, and logs it', async () => {
    const dataDir = join(tempFolder(), 'data');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'logs'), 0o755);
    await (await startIn(dataDir)).stop();
    // As a crash of an older version could leave them: the database and its WAL files readable by all.
    chmodSync(join(dataDir, 'kiosk.sqlite'), 0o644);
    for (const file of ['kiosk.sqlite-wal', 'kiosk.sqlite-shm']) writeFileSync(join(dataDir, file), '', { mode: 0o644 });
    chmodSync(dataDir, 0o755);

    await startIn(dataDir);
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'logs'))).toBe('700');
    for (const file of ['kiosk.sqlite', 'kiosk.sqlite-wal', 'kiosk.sqlite-shm'])
      expect({ file, mode: mode(join(dataDir, file)) }).toEqual({ file, mode: '600' });
    expect(readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8')).toContain('"data-permissions-tightened"');
  });

  it('refuses a data folder that is a link, a file, or another user’s', async () => {
    const parent = tempFolder();
    const real = join(parent, 'real');
    mkdirSync(real);
    symlinkSync(real, join(parent, 'link'));
    writeFileSync(join(parent, 'file'), '');
    await expect(startIn(join(parent, 'link'))).rejects.toThrow(/must be a folder/);
    await expect(startIn(join(parent, 'file'))).rejects.toThrow();
    const owner = statSync(real).uid;
    expect(() => ensurePrivateFolder(real, owner + 1)).toThrow(/another user/);
  });
});
