// The `electron` module for a compiled app started in its own Node process (compiled-shell.ts
// transpiles this file and resolves 'electron' to it): the window and IPC recorded for the
// test, and the card service's utility process as a real Node child. Checked against
// Electron's own types like the in-process fake (fake-electron.ts).
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type { BrowserWindowUsed, ElectronMainUsed } from './fake-electron.ts';

export class BrowserWindow extends EventEmitter implements BrowserWindowUsed {
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly sent: [string, unknown][] = [];
  readonly loaded: string[] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (channel: string, payload: unknown): void => {
      this.sent.push([channel, payload]);
    },
    forcefullyCrashRenderer: (): void => undefined,
  });
  constructor(options: Electron.BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    windows.push(this);
  }
  show(): void {}
  focus(): void {}
  isDestroyed(): boolean {
    return false;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

export const windows: BrowserWindow[] = [];
export const ipc = new EventEmitter();
let resolveReady: () => void = () => undefined;
const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
export const ready = (): void => resolveReady();

export const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: () => true,
  whenReady: () => whenReady,
  isPackaged: true,
  getAppPath: () => process.env.APP_PATH ?? process.cwd(),
  getVersion: () => '0.0.0-test',
  quit: () => undefined,
  exit: (code?: number) => {
    throw new Error(`exit ${String(code)}`);
  },
});

const electron = {
  app,
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  Menu: { setApplicationMenu: () => undefined },
  powerSaveBlocker: { start: () => 0 },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
  safeStorage: {
    isAsyncEncryptionAvailable: () => Promise.resolve(false),
    encryptStringAsync: () => Promise.reject(new Error('no keystore')),
    decryptStringAsync: () => Promise.reject(new Error('no keystore')),
  },
  ipcMain: { on: (channel: string, listener: Parameters<Electron.IpcMain['on']>[1]) => ipc.on(channel, listener) },
  utilityProcess: {
    // A Node child in place of Electron's utility process: the same entry, the same messages.
    fork: (entry: string, args?: string[], options?: Electron.ForkOptions) => {
      const child = fork(entry, args ?? [], {
        env: { ...process.env, ...options?.env },
        execArgv: [],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      process.on('exit', () => child.kill('SIGKILL'));
      return Object.assign(child, {
        postMessage: (message: unknown) => {
          if (child.connected) child.send(message as never, undefined, {}, () => undefined);
        },
        kill: () => child.kill('SIGKILL'),
      }) as unknown as Electron.UtilityProcess;
    },
  },
} satisfies ElectronMainUsed;

export const { protocol, Menu, powerSaveBlocker, session, safeStorage, ipcMain, utilityProcess } = electron;
