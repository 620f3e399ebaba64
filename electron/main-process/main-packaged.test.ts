// The packaged shell (a branch terminal) started without a configuration file: it must not
// fall back to the demo (simulated reader, TEST-PKI gateway), but stay out of service and
// say why, as for any failed start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShell } from '../../test/support/fake-electron.ts';
import { IPC } from '../common/ipc-channels.ts';

const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron({ packaged: true }));
const runtime = vi.hoisted(() => ({ started: [] as unknown[] }));
vi.mock('electron', () => electron.module);
vi.mock('../node/compose-kiosk.ts', () => ({
  startKioskRuntime: (config: unknown) => {
    runtime.started.push(config);
    return Promise.reject(new Error('the demo must not start'));
  },
}));

const dataHome = mkdtempSync(join(tmpdir(), 'shell-packaged-'));
let journal: string[] = [];

beforeAll(async () => {
  delete process.env.KIOSK_CONFIG;
  process.env.XDG_DATA_HOME = dataHome; // where the demo would put its data, were it started
  journal = await startShell(electron, () => import('./main.ts'));
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataHome, { recursive: true, force: true });
});

describe('the packaged shell without a configuration file', () => {
  it('does not start the demo', () => {
    expect(runtime.started).toEqual([]);
  });

  it('says why in the journal and shows the out-of-service screen', () => {
    expect(journal.join('')).toMatch(/shell: start-failed \(bad configuration: KIOSK_CONFIG is not set/);
    electron.ipc.emit(IPC.ready, { senderFrame: { url: 'kiosk://app/index.html', parent: null } });
    expect(electron.windows[0]?.sent).toEqual([[IPC.view, expect.objectContaining({ screen: 'out-of-service', reason: 'setup-fault' })]]);
  });
});
