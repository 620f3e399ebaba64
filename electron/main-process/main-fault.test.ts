// The shell's main process when the kiosk core cannot start (here a corrupt configuration):
// it stays up with an out-of-service screen instead of exiting into a restart loop behind a
// blank display, and says why in the journal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShell } from '../../test/support/fake-electron.ts';
import { IPC } from '../common/ipc-channels.ts';

const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron());
vi.mock('electron', () => electron.module);

const dataDir = mkdtempSync(join(tmpdir(), 'shell-fault-'));
let journal: string[] = [];

beforeAll(async () => {
  const config = join(dataDir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ dataDir, gateway: { kind: 'remote', url: 'not a url' }, reader: { kind: 'simulated' } }));
  process.env.KIOSK_CONFIG = config;
  journal = await startShell(electron, () => import('./main.ts'));
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the shell’s main process after a failed start', () => {
  it('names the bad field in the journal and does not exit', () => {
    expect(journal.join('')).toMatch(/shell: start-failed \(bad configuration: .*gateway\.url/);
    expect(electron.calls.filter((call) => call.startsWith('app:'))).toEqual([]);
  });

  it('shows the out-of-service screen, sending the customer to the counter', () => {
    electron.ipc.emit(IPC.ready, { senderFrame: { url: 'kiosk://app/index.html', parent: null } });
    expect(electron.windows[0]?.sent).toEqual([[IPC.view, expect.objectContaining({ screen: 'out-of-service', reason: 'setup-fault' })]]);
  });

  it('ignores screen events, having no session to give them to', () => {
    expect(() =>
      electron.ipc.emit(IPC.event, { senderFrame: { url: 'kiosk://app/index.html', parent: null } }, { type: 'TOUCH' }),
    ).not.toThrow();
  });
});
