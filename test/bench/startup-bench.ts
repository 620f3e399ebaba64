// `node test/bench/startup-bench.ts [--runs N] [--skip-core]`: process start → attract screen
// ready, for
// - the browser host: `node electron/devkit/start.ts --browser --no-open` (the demo default:
//   simulated reader, embedded reference gateway; it builds the devkit's renderer with Vite at
//   every start), until it prints the screen's URL ("host up"), and until the attract screen is
//   painted in a headless Chromium that was already running ("attract painted");
// - the kiosk core as a branch composes it (test/bench/core-start.ts: the product's composition
//   root, the PC/SC card service process on pcscd, the bank's gateway client; needs pcscd), until
//   its session machine shows the attract screen (reader reported, gateway healthy).
// Each run is a new process; the times are from spawn, as this process sees them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { timing } from '../../native/devkit/tools/bench-stats.ts';
import { CHROMIUM } from '../support/chromium-probe.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';
import { CHROMIUM_ARGS } from './chromium-args.ts';
import type { PageGlobals } from './page-globals.ts';
import { spawnGateway } from './spawn-gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

type StartPage = PageGlobals & { __attractPainted: boolean };

/** In the page: set once the attract screen is drawn and the frame after it has begun (so it was painted). */
function watchAttract(): void {
  const page = globalThis as unknown as StartPage;
  page.__attractPainted = false;
  const check = (): void => {
    if (page.document.querySelector('#root > .attract-wrap')) page.requestAnimationFrame(() => (page.__attractPainted = true));
    else page.requestAnimationFrame(check);
  };
  page.requestAnimationFrame(check);
}

interface Timed {
  /** Lines of the child's stdout, as they come. */
  readonly lines: AsyncIterable<string>;
  /** Milliseconds since the child was spawned. */
  sinceSpawn(): number;
  /** Waits for the child to end by itself, or asks it to (SIGINT) after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A run that takes longer than this has hung: it is killed and the benchmark fails. */
const RUN_TIMEOUT_MS = 60_000;

function spawnTimed(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const started = performance.now();
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const watchdog = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  child.once('exit', () => clearTimeout(watchdog));
  return {
    lines: createInterface({ input: child.stdout }),
    sinceSpawn: () => performance.now() - started,
    async stop(graceMs = 0) {
      // What is left of its output is drained, or the pipe would keep this process alive.
      child.stdout.resume();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGINT'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The demo keeps its data in $XDG_DATA_HOME/mynaportal-kiosk: the runs get a folder of their
 * own (created by the first, reopened by the others, as at a restart), never a demo's that may
 * be running on this machine.
 */
const dataHome = mkdtempSync(join(tmpdir(), 'kiosk-bench-start-'));

async function browserHostRun(browser: Browser): Promise<{ hostUpMs: number; attractPaintedMs: number }> {
  const run = spawnTimed('../../electron/devkit/start.ts', ['--browser', '--no-open'], { ...process.env, XDG_DATA_HOME: dataHome });
  try {
    for await (const line of run.lines) {
      const url = /^Kiosk screen: +(\S+)/.exec(line)?.[1];
      if (!url) continue;
      const hostUpMs = run.sinceSpawn();
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(watchAttract);
        await page.goto(url);
        await page.waitForFunction(() => (globalThis as unknown as StartPage).__attractPainted, undefined, { polling: 5 });
        return { hostUpMs, attractPaintedMs: run.sinceSpawn() };
      } finally {
        await context.close();
      }
    }
    throw new Error('the browser host ended without printing its URL');
  } finally {
    await run.stop();
  }
}

interface CorePhases {
  readonly modulesLoadedMs: number;
  readonly kioskStartedMs: number;
  readonly attractMs: number;
}

async function coreRun(gatewayUrl: string): Promise<CorePhases & { readonly attractFromSpawnMs: number }> {
  const run = spawnTimed('./core-start.ts', ['--gateway', gatewayUrl]);
  try {
    for await (const line of run.lines) {
      const atMs = run.sinceSpawn();
      return { ...(JSON.parse(line) as CorePhases), attractFromSpawnMs: atMs };
    }
    throw new Error('the kiosk core ended without reaching the attract screen');
  } finally {
    // It stops by itself once it has reported (card service process included).
    await run.stop(10_000);
  }
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, 'skip-core': { type: 'boolean', default: false } } });
const runs = Math.max(1, Number(values.runs));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const host: { hostUpMs: number; attractPaintedMs: number }[] = [];
try {
  for (let run = 0; run < runs; run += 1) host.push(await browserHostRun(browser));
} finally {
  await browser.close();
  rmSync(dataHome, { recursive: true, force: true });
}

const pcsc = values['skip-core'] ? { ok: false as const, error: 'skipped (--skip-core)' } : await probePcscWithVpcd();
let core: object = { skipped: pcsc.ok ? undefined : pcsc.error };
if (pcsc.ok) {
  const gateway = await spawnGateway();
  const samples: Awaited<ReturnType<typeof coreRun>>[] = [];
  try {
    for (let run = 0; run < runs; run += 1) samples.push(await coreRun(gateway.url));
  } finally {
    await gateway.stop();
  }
  core = {
    what: 'node test/bench/core-start.ts: the product composition root, PC/SC card service process, gateway client (reference gateway in another process)',
    attractFromSpawn: timing(samples.map((sample) => sample.attractFromSpawnMs)),
    inProcess: {
      modulesLoaded: timing(samples.map((sample) => sample.modulesLoadedMs)),
      kioskStarted: timing(samples.map((sample) => sample.kioskStartedMs)),
      attract: timing(samples.map((sample) => sample.attractMs)),
    },
  };
}

const report = {
  runs,
  browserHost: {
    what: 'node electron/devkit/start.ts --browser --no-open (builds the devkit renderer with Vite, simulated reader, embedded gateway); Chromium already running',
    hostUp: timing(host.map((sample) => sample.hostUpMs)),
    attractPainted: timing(host.map((sample) => sample.attractPaintedMs)),
  },
  core,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
