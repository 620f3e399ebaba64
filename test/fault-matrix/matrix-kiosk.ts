// The kiosk a cell of the fault matrix runs on: the real kiosk core on the production path of a
// desk reader (the card service client supervising a card service process, the presence guard)
// with the process in memory serving the simulated reader instead of pcscd, the reference
// gateway over loopback, and every deadline shortened so that the matrix runs in seconds. For
// the renderer-lost column the kiosk is started by the real Electron shell on the fake electron.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell } from '../../electron/main-process/shell.ts';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../support/kiosk-driver.ts';
import type { FakeElectron, FakeWindow } from '../support/fake-electron.ts';
import { until } from '../support/until.ts';

/** Times a customer, a card and the gateway get in the matrix: short, yet each well above the one it waits for. */
export const MATRIX_TUNING = {
  reader: 'card-service',
  gatewayProcessingMs: 0,
  healthIntervalMs: 100,
  courierIntervalMs: 100,
  deletionIntervalMs: 100,
  // A card that stops answering is noticed after this; the card service waits longer before it counts as hung.
  deadlines: { commandMs: 1000, disconnectMs: 200 },
  pcsc: {
    settleMs: 150,
    cardService: { heartbeat: { intervalMs: 200, timeoutMs: 3000 }, requestTimeoutMs: 4000, backoff: { initialMs: 50, maxMs: 200 } },
  },
  gatewayClient: { timeoutMs: 1500, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 } },
  // Nobody waits for these but the rows that are reached by waiting (idle warning, card left behind).
  delays: { idle: 4000, reviewIdle: 500, idleCountdown: 1000, noticeScreen: 3000, cardTake: 2000, completeScreen: 3000 },
} as const satisfies TestKioskOptions;

export interface MatrixKiosk {
  readonly t: TestKiosk;
  readonly clock: ReturnType<typeof tuesdayAfternoon>;
  /** The shell's window on this kiosk, when it was started by the shell. */
  readonly window: FakeWindow | undefined;
  stop(): Promise<void>;
}

export async function startMatrixKiosk(): Promise<MatrixKiosk> {
  const clock = tuesdayAfternoon();
  const t = await TestKiosk.start({ ...MATRIX_TUNING, now: clock.now });
  return { t, clock, window: undefined, stop: () => t.stop() };
}

let shellStarts = Promise.resolve();

/**
 * The kiosk started by the product's shell (electron/main-process/shell.ts) on the fake
 * electron, with its window: what the shell does when that window's renderer goes away is
 * what the renderer-lost column shows. One shell starts at a time, so the window that
 * appears is this kiosk's.
 */
export function startMatrixKioskInShell(electron: FakeElectron): Promise<MatrixKiosk> {
  const started = shellStarts.then(async (): Promise<MatrixKiosk> => {
    const clock = tuesdayAfternoon();
    // Left in place when the kiosk stops: the shell may still write to its log (see removeShellFolders).
    const dataDir = mkdtempSync(join(tmpdir(), 'matrix-shell-'));
    shellFolders.push(dataDir);
    let kiosk: TestKiosk | undefined;
    const before = electron.windows.length;
    startShell({
      config: () => ({ ok: true, value: { dataDir } }),
      start: async (config, host) => {
        kiosk = await TestKiosk.start({
          ...MATRIX_TUNING,
          now: clock.now,
          dataDir: config.dataDir,
          ...(host.databaseKey ? { databaseKey: host.databaseKey } : {}),
        });
        const t = kiosk;
        return { kiosk: t.kiosk, stop: () => t.stop() };
      },
    });
    await until(() => electron.windows.length > before && kiosk !== undefined, 'the shell’s window');
    const window = electron.windows[before];
    const t = kiosk;
    if (!window || !t) throw new Error('the shell started no kiosk');
    await until(() => window.loaded.length > 0, 'the shell loads the app');
    return { t, clock, window, stop: () => t.stop() };
  });
  shellStarts = started.then(
    () => undefined,
    () => undefined,
  );
  return started;
}

const shellFolders: string[] = [];

/** The data folders of kiosks the shell started, to remove once no shell writes to them any more. */
export function removeShellFolders(remove: (folder: string) => void): void {
  for (const folder of shellFolders.splice(0)) remove(folder);
}
