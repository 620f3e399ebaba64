// The Electron shell: one locked-down full-screen kiosk window on the kiosk core. Thin on
// purpose: every decision it applies (window options, lock-down, IPC check, crash policy) is
// a tested module of its own. Which kiosk it runs is its launcher's: the product's entry
// (main.ts) starts the branch configuration, the devkit's entry the demo.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import type { Result } from '../common/result.ts';
import type { ViewModel } from '../common/view-model.ts';
import type { HostServices, KioskRuntime } from '../node/compose-kiosk.ts';
import { APP_ENTRY, APP_HOST, APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl } from './app-origin.ts';
import { CrashPolicy } from './crash-policy.ts';
import { denyAllPermissions, hardenContents, type LockdownLog } from './harden.ts';
import { IPC, type IpcPayloads } from '../common/ipc-channels.ts';
import { isTrustedSender } from './trusted-sender.ts';
import { forkUtilityReaderService } from './utility-reader-service.ts';
import { PROVISION_FLAG, provisionFromTerminal } from '../node/maintenance/provision-terminal.ts';
import { loadDatabaseKey } from './sealed-key.ts';
import { watchServiceKey } from './service-key.ts';
import { kioskWindowOptions } from './window-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The built renderer inside the app (the asar when packaged, the checkout in development). */
const rendererRoot = (): string => join(app.getAppPath(), 'dist', 'renderer');
/** Static, without JavaScript (renderer/public): what a crash loop leaves on screen. */
const OUT_OF_SERVICE_PAGE = `${APP_ORIGIN}/out-of-service.html`;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  // The voice's prompt pack.
  '.ogg': 'audio/ogg',
};

/** Which kiosk the shell runs: its configuration (read first: the database key lives in its data folder), then the kiosk core. */
export interface KioskLauncher<C extends { readonly dataDir: string }> {
  config(): Result<C, string>;
  start(config: C, host: HostServices): Promise<KioskRuntime>;
}

/** Until the kiosk's own log exists (the configuration is read first), shell events go to stderr. */
let log = (event: string, detail: string): void => {
  process.stderr.write(`shell: ${event} (${detail})\n`);
};
const lockdownLog: LockdownLog = (event, detail) => log(event, detail);

/** Serves dist/renderer on kiosk://app/, with the CSP, and nothing outside it. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response(null, { status: 404 });
  const root = normalize(rendererRoot() + sep);
  const path = url.pathname === '/' ? 'index.html' : decodedPath(url.pathname);
  // A malformed %-sequence is a bad request, not a rejected handler (Electron would show an error page).
  if (path === undefined) return new Response(null, { status: 400 });
  const file = normalize(join(root, path));
  const type = CONTENT_TYPES[extname(file)];
  if (!file.startsWith(root) || !type) return new Response(null, { status: 404 });
  try {
    return new Response(await readFile(file), { headers: { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY } });
  } catch {
    return new Response(null, { status: 404 });
  }
}

function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** The kiosk core from the configuration; any failure is returned, to be shown, not thrown. */
async function startKiosk<C extends { readonly dataDir: string }>(launcher: KioskLauncher<C>): Promise<Result<KioskRuntime, string>> {
  const loaded = launcher.config();
  if (!loaded.ok) return { ok: false, error: `bad configuration: ${loaded.error}` };
  const config = loaded.value;
  try {
    // The outbox key, sealed by the OS keystore where there is one.
    const { key: databaseKey, source: keySource } = await loadDatabaseKey(safeStorage, {
      sealed: join(config.dataDir, 'database.key.sealed'),
      plain: join(config.dataDir, 'database.key'),
    });
    const echo = (line: string): void => {
      process.stderr.write(`${line}\n`);
    };
    // PC/SC runs in a supervised utility process (a simulated reader of the demo has none).
    const serviceEntry = join(here, '..', '..', 'native', 'pcsc', 'pcsc-service-main.js');
    const runtime = await launcher.start(config, {
      databaseKey,
      logEcho: echo,
      spawnCardService: () => forkUtilityReaderService(serviceEntry),
      version: app.getVersion(),
      // Staff's restart or shutdown, once the kiosk has stopped safely: systemd starts the
      // kiosk again when it exits (Restart=always); logind lets the seat's user power off.
      power: {
        restart: () => app.quit(),
        shutDown: () => {
          execFile('systemctl', ['poweroff'], (error) => {
            if (error) log('poweroff-failed', error.message);
          });
          app.quit();
        },
      },
    });
    runtime.kiosk.log.info('database-key', { source: keySource });
    return { ok: true, value: runtime };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Shown when the kiosk core could not start: the customer is sent to the counter, staff to the journal. */
const SETUP_FAULT: ViewModel = { screen: 'out-of-service', reason: 'setup-fault', language: 'ja', canCancel: false, calendar: 'japanese' };

async function start<C extends { readonly dataDir: string }>(launcher: KioskLauncher<C>): Promise<void> {
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');
  denyAllPermissions(session.defaultSession, lockdownLog);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, lockdownLog));
  protocol.handle(APP_SCHEME, serveRenderer);

  const started = await startKiosk(launcher);
  // Stays up on a failed start (no restart loop behind a blank screen) until staff fix it and restart.
  if (!started.ok) log('start-failed', started.error);
  const runtime = started.ok ? started.value : undefined;
  if (runtime) log = (event, detail) => runtime.kiosk.log.warn(event, { detail });

  const window = new BrowserWindow(kioskWindowOptions({ preload: join(here, '..', 'preload', 'preload.cjs'), production: app.isPackaged }));
  window.once('ready-to-show', () => window.show());
  // The service key switch types a key: caught here, on the trusted side, and kept from the page.
  if (runtime) {
    const serviceKey = watchServiceKey(runtime.kiosk.serviceKeyCodes, (on) => runtime.kiosk.serviceKey(on));
    window.webContents.on('before-input-event', (event, input) => {
      if (serviceKey(input)) event.preventDefault();
    });
  }
  const send = (): void => {
    if (!window.isDestroyed())
      window.webContents.send(IPC.view, ...([runtime ? runtime.kiosk.view() : SETUP_FAULT] satisfies IpcPayloads[typeof IPC.view]));
  };
  runtime?.kiosk.subscribe(send);
  ipcMain.on(IPC.ready, (event) => {
    if (isTrustedSender(event, isAppUrl)) send();
  });
  ipcMain.on(IPC.event, (event, uiEvent: unknown) => {
    if (!isTrustedSender(event, isAppUrl)) {
      log('ipc-refused', 'foreign-frame');
      return;
    }
    if (runtime && !runtime.kiosk.send(uiEvent).ok) log('event-refused', 'not-a-screen-event');
  });

  // The customer lost the screen mid-session, so the session ends safely (card back, data
  // wiped) where it still can, and the audit trail says why (see Kiosk.screenLost).
  const endSession = (): void => {
    runtime?.kiosk.screenLost();
  };
  const load = (url: string): void => {
    window.loadURL(url).catch((error: unknown) => log('load-failed', error instanceof Error ? error.message : String(error)));
  };
  // A renderer that dies is reloaded; a crash loop gets the static page instead, until the
  // service is restarted (reloading the app again would only crash it again).
  const crashes = new CrashPolicy();
  let crashLoop = false;
  window.webContents.on('render-process-gone', (_event, details) => {
    log('renderer-gone', details.reason);
    endSession();
    if (window.isDestroyed()) return;
    if (!crashLoop && crashes.onCrash(Date.now()) === 'out-of-service') {
      crashLoop = true;
      runtime?.kiosk.setInService(false);
    }
    load(crashLoop ? OUT_OF_SERVICE_PAGE : APP_ENTRY);
  });
  // A hung renderer is killed, which reports it gone (above).
  window.on('unresponsive', () => {
    log('renderer-unresponsive', 'killed');
    endSession();
    window.webContents.forcefullyCrashRenderer();
  });

  app.on('second-instance', () => window.focus());
  // Quitting waits for the kiosk to stop: the PIN wiped, a held card given back, the database
  // closed. Electron would otherwise end the process in the middle of it.
  let stopping: Promise<void> | undefined;
  let stopped = !runtime;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= (runtime?.stop() ?? Promise.resolve())
      .catch((error: unknown) => log('stop-failed', error instanceof Error ? error.message : String(error)))
      .then(() => {
        stopped = true;
        app.quit();
      });
  });
  await window.loadURL(APP_ENTRY);
}

/**
 * `--provision-first-staff`: the first staff of the maintenance menu, entered on the terminal
 * (no window, no kiosk core; the kiosk itself must be stopped: it holds its database alone).
 */
async function provision<C extends { readonly dataDir: string }>(launcher: KioskLauncher<C>): Promise<number> {
  const loaded = launcher.config();
  if (!loaded.ok) {
    process.stderr.write(`bad configuration: ${loaded.error}\n`);
    return 1;
  }
  const { dataDir } = loaded.value;
  try {
    const { key } = await loadDatabaseKey(safeStorage, {
      sealed: join(dataDir, 'database.key.sealed'),
      plain: join(dataDir, 'database.key'),
    });
    return await provisionFromTerminal(dataDir, key, { input: process.stdin, output: process.stdout });
  } catch (error) {
    process.stderr.write(`not provisioned: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Runs the kiosk window on the launcher's kiosk; called once, by an entry, when the process starts. */
export function startShell<C extends { readonly dataDir: string }>(launcher: KioskLauncher<C>): void {
  if (process.argv.includes(PROVISION_FLAG)) {
    void app.whenReady().then(() => provision(launcher).then((code) => app.exit(code)));
    return;
  }
  // Before ready: the app scheme behaves like https (secure context, same-origin rules);
  // stream: the voice's <audio> plays its prompts from it.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
  // A second instance starts nothing (no window, no kiosk core, no reader): app.quit() only
  // takes effect later, so start() is not even scheduled.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => start(launcher));
}
