// A stand-in for the `electron` module (whose binary cannot be downloaded here), recording
// what the shell's main process asks of it. Used through vi.mock by the shell's tests. What it
// offers is checked against Electron's own type declarations (ElectronMainUsed), so a change of
// Electron's API that the shell relies on fails the type-check here too.
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import { expect, vi } from 'vitest';

/** The parts of Electron's main-process API the shell uses, with Electron's own types. */
export interface ElectronMainUsed {
  readonly app: Pick<
    Electron.App,
    'requestSingleInstanceLock' | 'whenReady' | 'isPackaged' | 'getAppPath' | 'getVersion' | 'quit' | 'exit'
  >;
  readonly protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly Menu: Pick<typeof Electron.Menu, 'setApplicationMenu'>;
  readonly powerSaveBlocker: Pick<Electron.PowerSaveBlocker, 'start'>;
  readonly session: { readonly defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> };
  readonly safeStorage: Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;
  /** (Event emitters are checked by what their listeners receive: their `this` is Electron's alone.) */
  readonly ipcMain: { on(channel: string, listener: Parameters<Electron.IpcMain['on']>[1]): unknown };
  readonly utilityProcess: Pick<typeof Electron.utilityProcess, 'fork'>;
}

/** A kiosk window as the shell uses one, with Electron's own types. */
export type BrowserWindowUsed = Pick<Electron.BrowserWindow, 'focus' | 'show' | 'isDestroyed' | 'loadURL'> & {
  readonly webContents: Pick<Electron.WebContents, 'send' | 'forcefullyCrashRenderer'>;
};

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export interface FakeWindow {
  readonly options: unknown;
  readonly window: EventEmitter;
  readonly contents: EventEmitter;
  /** URLs loaded, in order. */
  readonly loaded: string[];
  /** What the main process sent to the renderer, as [channel, payload]. */
  readonly sent: [string, unknown][];
  /** Renderer crashes the main process forced. */
  readonly forcedCrashes: number[];
}

export interface FakeElectronOptions {
  /** `app.isPackaged`: a packaged (production) app unless a test says otherwise. */
  readonly packaged?: boolean;
  /** Whether `app.requestSingleInstanceLock()` is granted (refused: another instance runs). */
  readonly singleInstanceLock?: boolean;
}

export function fakeElectron(options: FakeElectronOptions = {}) {
  const windows: FakeWindow[] = [];
  const ipc = new EventEmitter();
  const schemes: unknown[] = [];
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  const calls: string[] = [];
  const permissions: { request?: PermissionRequest; check?: () => boolean } = {};
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));

  class BrowserWindow extends EventEmitter implements BrowserWindowUsed {
    readonly webContents: EventEmitter & { send(channel: string, payload: unknown): void; forcefullyCrashRenderer(): void };
    private readonly record: FakeWindow;
    constructor(options: Electron.BrowserWindowConstructorOptions) {
      super();
      const sent: [string, unknown][] = [];
      const forcedCrashes: number[] = [];
      this.webContents = Object.assign(new EventEmitter(), {
        send: (channel: string, payload: unknown) => sent.push([channel, payload]),
        // As in Electron, the killed renderer is then reported gone.
        forcefullyCrashRenderer: () => {
          forcedCrashes.push(Date.now());
          this.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
        },
      });
      this.record = { options, window: this, contents: this.webContents, loaded: [], sent, forcedCrashes };
      windows.push(this.record);
    }
    focus(): void {}
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }

  // As Electron's: quit() asks 'before-quit' first, and any listener may put it off (and quit again later).
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => options.singleInstanceLock ?? true,
    whenReady: () => whenReady,
    isPackaged: options.packaged ?? true,
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    quit: () => {
      const event = { deferred: false, preventDefault: () => (event.deferred = true) };
      app.emit('before-quit', event);
      calls.push(event.deferred ? 'app:quit-deferred' : 'app:quit');
    },
    exit: (code: number) => calls.push(`app:exit:${String(code)}`),
  });

  return {
    windows,
    ipc,
    schemes,
    handlers,
    calls,
    permissions,
    ready: () => ready(),
    module: {
      app,
      protocol: {
        registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => handlers.set(scheme, handler),
      },
      Menu: { setApplicationMenu: (menu: unknown) => calls.push(`menu:${String(menu)}`) },
      powerSaveBlocker: { start: (kind: string) => calls.push(`power:${kind}`) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: PermissionRequest) => (permissions.request = handler),
          setPermissionCheckHandler: (handler: () => boolean) => (permissions.check = handler),
        },
      },
      safeStorage: {
        isAsyncEncryptionAvailable: () => Promise.resolve(false),
        encryptStringAsync: () => Promise.reject(new Error('no keystore')),
        decryptStringAsync: () => Promise.reject(new Error('no keystore')),
      },
      ipcMain: { on: (channel: string, listener: Parameters<Electron.IpcMain['on']>[1]) => ipc.on(channel, listener) },
      utilityProcess: {
        fork: () => {
          throw new Error('the fake has no utility process');
        },
      },
      BrowserWindow,
    } satisfies ElectronMainUsed & { BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowUsed },
  };
}

export type FakeElectron = ReturnType<typeof fakeElectron>;

/**
 * Starts the shell's main process on the fake (`load` imports main.ts, which runs it) until its
 * window has loaded the app, and returns the journal it writes (stderr) as it goes on.
 */
export async function startShell(electron: FakeElectron, load: () => Promise<unknown>): Promise<string[]> {
  const journal: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((line) => journal.push(String(line)) > 0);
  await load();
  electron.ready();
  await vi.waitFor(() => expect(electron.windows[0]?.loaded).toEqual(['kiosk://app/index.html']));
  return journal;
}
