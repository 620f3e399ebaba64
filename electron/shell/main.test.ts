// The shell's main process wired up with Electron mocked (its binary cannot be downloaded
// here): what it registers before and after ready, the window it opens, which IPC it
// accepts, and what a hang or a crash loop does to the customer's session.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from './ipc-contract.ts';

const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron());
const kiosk = vi.hoisted(() => ({ sent: [] as unknown[], inService: [] as boolean[] }));

vi.mock('electron', () => electron.module);
vi.mock('../launch/kiosk-runtime.ts', () => ({
  startKioskRuntime: () =>
    Promise.resolve({
      gateway: undefined,
      stop: () => Promise.resolve(),
      kiosk: {
        view: () => ({ screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' }),
        subscribe: () => () => undefined,
        send: (event: unknown) => {
          kiosk.sent.push(event);
          return { ok: true };
        },
        setInService: (enabled: boolean) => kiosk.inService.push(enabled),
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      },
    }),
}));

const dataDir = mkdtempSync(join(tmpdir(), 'shell-'));

beforeAll(async () => {
  const config = join(dataDir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ dataDir, gateway: { kind: 'embedded' }, reader: { kind: 'simulated', mechanics: 'motorised' } }));
  process.env.KIOSK_CONFIG = config;
  await import('./main.ts');
  electron.ready();
  await vi.waitFor(() => expect(electron.windows[0]?.loaded).toEqual(['kiosk://app/index.html']));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const fromApp = { senderFrame: { url: 'kiosk://app/index.html', parent: null } };
const fromElsewhere = { senderFrame: { url: 'https://example.com/', parent: null } };

function theWindow() {
  const window = electron.windows[0];
  if (!window) throw new Error('no window');
  return window;
}

describe('the shell’s main process', () => {
  it('makes the app scheme privileged before ready, and serves only the renderer on it', async () => {
    expect(electron.schemes).toEqual([{ scheme: 'kiosk', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const serve = electron.handlers.get('kiosk');
    expect((await serve?.(new Request('kiosk://app/..%2f..%2fpackage.json')))?.status).toBe(404);
    expect((await serve?.(new Request('kiosk://elsewhere/index.html')))?.status).toBe(404);
  });

  it('removes the menu, keeps the display awake and denies permissions', () => {
    expect(electron.calls).toEqual(expect.arrayContaining(['menu:null', 'power:prevent-display-sleep']));
    const granted: boolean[] = [];
    electron.permissions.request?.({}, 'media', (answer) => granted.push(answer));
    expect(granted).toEqual([false]);
    expect(electron.permissions.check?.()).toBe(false);
  });

  it('opens one sandboxed kiosk window with the bundled preload', () => {
    expect(electron.windows).toHaveLength(1);
    expect(theWindow().options).toMatchObject({
      kiosk: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: false,
        preload: expect.stringMatching(/preload\.cjs$/) as unknown,
      },
    });
  });

  it('shows the app the kiosk core’s screen once it is ready, and only the app', () => {
    electron.ipc.emit(IPC.ready, fromElsewhere);
    expect(theWindow().sent).toEqual([]);
    electron.ipc.emit(IPC.ready, fromApp);
    expect(theWindow().sent).toEqual([[IPC.view, expect.objectContaining({ screen: 'attract' })]]);
  });

  it('passes screen events from the app on to the kiosk core, and none from anywhere else', () => {
    electron.ipc.emit(IPC.event, fromElsewhere, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([]);
    electron.ipc.emit(IPC.event, fromApp, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([{ type: 'TOUCH' }]);
  });

  it('crashes a hung renderer so that it is reloaded', () => {
    theWindow().window.emit('unresponsive');
    expect(theWindow().forcedCrashes).toHaveLength(1);
  });

  it('reloads a crashed renderer, and after a crash loop ends the session and goes out of service', () => {
    const window = theWindow();
    kiosk.sent.length = 0;
    window.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.loaded).toEqual(['kiosk://app/index.html', 'kiosk://app/index.html']);
    expect(kiosk.inService).toEqual([]);
    window.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    window.contents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(kiosk.sent).toEqual([{ type: 'CANCEL' }]);
    expect(kiosk.inService).toEqual([false]);
    expect(window.loaded).toHaveLength(4);
  });
});
