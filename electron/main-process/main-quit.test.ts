// Quitting the app while a customer's card is held: Electron must not end the process before
// the kiosk has stopped — the card given back, the PIN wiped, the database closed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShell } from '../../test/support/fake-electron.ts';
import { IPC } from '../common/ipc-channels.ts';
import type { UiEvent } from '../common/ui-events.ts';
import type { ViewModel } from '../common/view-model.ts';
import type { DemoKioskRuntime } from '../devkit/compose-demo-kiosk.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';

const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron({ packaged: false }));
const captured = vi.hoisted(() => ({ runtime: undefined as DemoKioskRuntime | undefined }));
vi.mock('electron', () => electron.module);
// The real demo kiosk, kept at hand so that the test can put a card in its reader.
vi.mock('../devkit/compose-demo-kiosk.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../devkit/compose-demo-kiosk.ts')>();
  return {
    ...real,
    startDemoKioskRuntime: async (...args: Parameters<typeof real.startDemoKioskRuntime>) =>
      (captured.runtime = await real.startDemoKioskRuntime(...args)),
  };
});

const dataDir = mkdtempSync(join(tmpdir(), 'shell-quit-'));
const fromApp = { senderFrame: { url: 'kiosk://app/index.html', parent: null } };

beforeAll(async () => {
  const config = join(dataDir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ dataDir, gateway: { kind: 'embedded' }, reader: { kind: 'simulated', mechanics: 'motorised' } }));
  process.env.KIOSK_CONFIG = config;
  await startShell(electron, () => import('../devkit/main-process/demo-main.ts'));
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

const lastView = (): ViewModel | undefined => electron.windows[0]?.sent.findLast(([channel]) => channel === IPC.view)?.[1] as ViewModel;
const send = (event: UiEvent): boolean => electron.ipc.emit(IPC.event, fromApp, event);

describe('quitting the shell', () => {
  it('waits until the kiosk has given the held card back and closed its database', async () => {
    electron.ipc.emit(IPC.ready, fromApp);
    await vi.waitFor(() => expect(lastView()?.screen).toBe('attract'), { timeout: 5000 });
    for (const event of [{ type: 'TOUCH' }, { type: 'START' }, { type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' }] as const)
      send(event);
    await vi.waitFor(() => expect(lastView()?.screen).toBe('confirmation'));
    send({ type: 'AGREE' });
    await vi.waitFor(() => expect(lastView()?.screen).toBe('insert-card'));
    const reader = captured.runtime?.simulated?.mechanics;
    if (!(reader instanceof SimulatedMotorisedReader)) throw new Error('not the demo’s motorised reader');
    reader.insert(await createEmulatedCard('default'));
    await vi.waitFor(() => expect(lastView()?.screen).toBe('pin'), { timeout: 5000 });
    expect(reader.position).toBe('inside');

    electron.module.app.quit();
    // Put off at first: the kiosk is stopping.
    expect(electron.calls).toContain('app:quit-deferred');
    expect(electron.calls).not.toContain('app:quit');
    await vi.waitFor(() => expect(electron.calls).toContain('app:quit'));
    // By then the card is back at the slot and the database is closed.
    expect(reader.position).toBe('at-slot');
    expect(() => captured.runtime?.kiosk.audit.recent()).toThrow(/database connection is not open/);
  });
});
