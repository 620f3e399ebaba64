// `npm start` opens the kiosk screen in Chromium, and says so only once the screen has really
// connected to the browser host: a Chromium that fails (run as root without a sandbox flag, no
// display) is reported with its own words instead of a success line over a window never shown.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { Result } from '../common/result.ts';

export interface ChromiumCommand {
  readonly executable: string;
  readonly args: readonly string[];
  /** Chromium refuses to run as root with its sandbox: only a development container does that. */
  readonly sandboxOff: boolean;
}

export interface ChromiumTarget {
  readonly executable: string;
  readonly url: string;
  readonly demoUrl: string | undefined;
  /** A fresh profile folder, so that two instances never share one. */
  readonly profile: string;
  readonly asRoot: boolean;
}

export function chromiumCommand(target: ChromiumTarget): ChromiumCommand {
  const args = [
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    // The voice speaks as each screen arrives, before anyone has touched it.
    '--autoplay-policy=no-user-gesture-required',
    `--user-data-dir=${target.profile}`,
    ...(target.asRoot ? ['--no-sandbox'] : []),
    `--app=${target.url}`,
    '--window-size=1920,1080',
    ...(target.demoUrl ? [target.demoUrl] : []),
  ];
  return { executable: target.executable, args, sandboxOff: target.asRoot };
}

/** The last lines Chromium wrote, enough to say why it failed. */
const TAIL_BYTES = 2048;

export interface LaunchWatch {
  /** Chromium's output goes here (a file it may go on writing after this process has ended). */
  readonly logFile: string;
  /** Settles when the kiosk screen connects to the browser host. */
  readonly screenConnected: Promise<void>;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts Chromium (it outlives this process's terminal, as a window the user closes) and waits
 * for the screen to connect: an exit, or silence past the timeout, is an error with Chromium's
 * last words.
 */
export async function launchChromium(command: ChromiumCommand, watch: LaunchWatch): Promise<Result<undefined, string>> {
  const output = openSync(watch.logFile, 'w', 0o600);
  const child = spawn(command.executable, command.args, {
    stdio: ['ignore', output, output],
    detached: true,
    ...(watch.env ? { env: watch.env } : {}),
  });
  closeSync(output);
  const tail = (): string => readFileSync(watch.logFile, 'utf8').slice(-TAIL_BYTES).trim();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    watch.screenConnected.then(() => ({ ok: true as const, value: undefined })),
    new Promise<Result<undefined, string>>((resolve) => {
      child.once('error', (error) => resolve({ ok: false, error: `Chromium could not be started: ${error.message}` }));
      child.once('exit', (code, signal) => {
        const how = signal ? `was ended by ${signal}` : `exited with code ${String(code)}`;
        resolve({ ok: false, error: `Chromium ${how} before showing the kiosk screen:\n${tail()}` });
      });
    }),
    new Promise<Result<undefined, string>>((resolve) => {
      timer = setTimeout(() => {
        resolve({ ok: false, error: `Chromium has not shown the kiosk screen after ${String(watch.timeoutMs / 1000)} s:\n${tail()}` });
      }, watch.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  // From here Chromium lives on its own.
  child.unref();
  return outcome;
}
