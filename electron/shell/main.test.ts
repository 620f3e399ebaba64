// The shell's main process wired up with Electron mocked (its binary cannot be downloaded
// here): what it registers before and after ready, the window it opens, which IPC it
// accepts, and what a crash loop does to the customer's session.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from './ipc-contract.ts';

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

const electron = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const windows: {
    options: unknown;
    contents: InstanceType<typeof Emitter>;
    loaded: string[];
    window: InstanceType<typeof Emitter>;
    crashes: string[];
  }[] = [];
  const ipc = new Emitter();
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  return {
    windows,
    ipc,
    ready: () => ready(),
    schemes: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    calls: [] as string[],
    permissionRequest: undefined as PermissionRequest | undefined,
    permissionCheck: undefined as (() => boolean) | undefined,
    module: {
      app: Object.assign(new Emitter(), {
        requestSingleInstanceLock: () => true,
        whenReady: () => whenReady,
        isPackaged: true,
        getAppPath: () => process.cwd(),
        quit: vi.fn(),
        exit: vi.fn(),
      }),
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.handlers.set(scheme, handler),
      },
      Menu: { setApplicationMenu: (menu: unknown) => electron.calls.push(`menu:${String(menu)}`) },
      powerSaveBlocker: { start: (kind: string) => electron.calls.push(`power:${kind}`) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: PermissionRequest) => (electron.permissionRequest = handler),
          setPermissionCheckHandler: (handler: () => boolean) => (electron.permissionCheck = handler),
        },
      },
      safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
      ipcMain: { on: (channel: string, listener: (...args: unknown[]) => void) => ipc.on(channel, listener) },
      utilityProcess: { fork: vi.fn() },
      BrowserWindow: class extends Emitter {
        readonly webContents: InstanceType<typeof Emitter> & { forcefullyCrashRenderer: () => void };
        readonly loaded: string[] = [];
        constructor(options: unknown) {
          super();
          this.webContents = Object.assign(new Emitter(), {
            send: vi.fn(),
            forcefullyCrashRenderer: () => windows.find((window) => window.contents === this.webContents)?.crashes.push('forced'),
          });
          windows.push({ options, contents: this.webContents, loaded: this.loaded, window: this, crashes: [] });
        }
        focus(): void {}
        show(): void {}
        isDestroyed(): boolean {
          return false;
        }
        loadURL(url: string): Promise<void> {
          this.loaded.push(url);
          return Promise.resolve();
        }
      },
    },
  };
});

const kiosk = vi.hoisted(() => ({
  sent: [] as unknown[],
  inService: [] as boolean[],
}));

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
        log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
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
    electron.permissionRequest?.({}, 'media', (answer) => granted.push(answer));
    expect(granted).toEqual([false]);
    expect(electron.permissionCheck?.()).toBe(false);
  });

  it('opens one sandboxed kiosk window with the bundled preload', () => {
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.options).toMatchObject({
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

  it('passes screen events from the app on to the kiosk core, and none from anywhere else', () => {
    electron.ipc.emit(IPC.event, fromElsewhere, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([]);
    electron.ipc.emit(IPC.event, fromApp, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([{ type: 'TOUCH' }]);
  });

  it('crashes a hung renderer so that it is reloaded', () => {
    const window = electron.windows[0];
    if (!window) throw new Error('no window');
    window.window.emit('unresponsive');
    expect(window.crashes).toEqual(['forced']);
  });

  it('reloads a crashed renderer, and after a crash loop ends the session and goes out of service', () => {
    const window = electron.windows[0];
    if (!window) throw new Error('no window');
    kiosk.sent.length = 0;
    (window.contents as EventEmitter).emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.loaded.at(-1)).toBe('kiosk://app/index.html');
    expect(kiosk.inService).toEqual([]);
    (window.contents as EventEmitter).emit('render-process-gone', {}, { reason: 'crashed' });
    (window.contents as EventEmitter).emit('render-process-gone', {}, { reason: 'oom' });
    expect(kiosk.sent).toEqual([{ type: 'CANCEL' }]);
    expect(kiosk.inService).toEqual([false]);
  });
});
