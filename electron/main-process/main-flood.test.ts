// The shell's main process on the real kiosk core, with a compromised renderer sending refused
// events as fast as it can: the rotated operational log and the journal get a few lines and a
// count, so the flood cannot rotate away what operators need.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShell } from '../../test/support/fake-electron.ts';
import { IPC } from '../common/ipc-channels.ts';

// The shell as the demo's entry runs it, on the simulated reader in-process (the product's reader needs pcscd).
const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron({ packaged: false }));
vi.mock('electron', () => electron.module);

const dataDir = mkdtempSync(join(tmpdir(), 'shell-flood-'));
const logFile = join(dataDir, 'logs', 'kiosk.log');
let journal: string[] = [];

beforeAll(async () => {
  const config = join(dataDir, 'kiosk.json');
  // No gateway answers on port 9: nothing here needs one.
  writeFileSync(
    config,
    JSON.stringify({
      dataDir,
      gateway: { kind: 'remote', url: 'http://127.0.0.1:9/' },
      reader: { kind: 'simulated', mechanics: 'motorised' },
    }),
  );
  process.env.KIOSK_CONFIG = config;
  journal = await startShell(electron, () => import('../devkit/main-process/demo-main.ts'));
  await vi.waitFor(() => expect(existsSync(logFile)).toBe(true));
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

const refusedLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.includes('"event-refused"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the shell under a flood of refused screen events', () => {
  it('logs a few of them and, at shutdown, how many more there were', async () => {
    const fromApp = { senderFrame: { url: 'kiosk://app/index.html', parent: null } };
    for (let i = 0; i < 10_000; i += 1) electron.ipc.emit(IPC.event, fromApp, { type: 'NOT-AN-EVENT' });
    expect(refusedLines(readFileSync(logFile, 'utf8'))).toHaveLength(10);
    expect(existsSync(`${logFile}.1`)).toBe(false);

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.calls).toContain('app:quit'));
    expect(refusedLines(readFileSync(logFile, 'utf8'))).toHaveLength(11);
    expect(refusedLines(readFileSync(logFile, 'utf8')).at(-1)).toMatchObject({
      level: 'warn',
      detail: 'not-a-screen-event',
      suppressed: 9990,
    });
    // The journal (stderr) carries the same lines, no more.
    expect(refusedLines(journal.join(''))).toHaveLength(11);
  });
});
