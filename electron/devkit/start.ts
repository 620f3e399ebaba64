// `npm start`: the kiosk on its embedded demo default (emulated cards, reference gateway).
// The Electron shell is the production host; where its binary is not installed (it cannot be
// downloaded on every machine), the same kiosk runs in Chromium through the browser host.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionFromTerminal } from '../node/maintenance/provision-terminal.ts';
import { loadOrCreateKey } from '../node/storage/key-file.ts';
import { BrowserHost } from './browser-host/browser-host.ts';
import { DemoReader, type DemoDevice } from './browser-host/demo-reader.ts';
import { Xfs4IotDemoReader } from './browser-host/xfs4iot-demo-reader.ts';
import { tokyoDateKey, toTokyo } from '../node/hours/tokyo-time.ts';
import { DataFolderInUseError } from '../node/storage/kiosk-database.ts';
import { chromiumCommand, launchChromium } from './chromium-launch.ts';
import { startDemoKioskRuntime, type DemoKioskRuntime } from './compose-demo-kiosk.ts';
import { withHeadsetJack } from './browser-host/demo-headset.ts';
import { demoConfig, loadDemoConfig, type DemoConfig } from './demo-config.ts';
import { parseLaunchOptions, readerOf, USAGE } from './launch-options.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const parsed = parseLaunchOptions(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const options = parsed.value;
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

let config: DemoConfig = demoConfig();
if (options.config) {
  const loaded = loadDemoConfig(options.config);
  if (!loaded.ok) {
    process.stderr.write(`The kiosk cannot start: bad configuration.\n${loaded.error}\n`);
    process.exit(1);
  }
  config = loaded.value;
}
const reader = readerOf(options);
if (reader) config = { ...config, reader };

if (options.provision) {
  // The same dialogue as the product's `--provision-first-staff`, on the demo's data folder. A key
  // sealed by the Electron shell's keystore is the shell's to open: provision through it then.
  if (existsSync(join(config.dataDir, 'database.key.sealed'))) {
    process.stderr.write('The database key is sealed by the Electron shell: run the app with --provision-first-staff instead.\n');
    process.exit(1);
  }
  const key = loadOrCreateKey(join(config.dataDir, 'database.key'));
  process.exit(await provisionFromTerminal(config.dataDir, key, { input: process.stdin, output: process.stdout }));
}

// The Electron binary, if installed (reading path.txt rather than requiring 'electron', which
// would try to download it).
const electronPathFile = join(root, 'node_modules', 'electron', 'path.txt');
if (options.gatewayFaults.length > 0 && config.gateway.kind !== 'embedded') {
  process.stderr.write('--gateway-fault needs the embedded reference gateway, and the configuration names a remote one.\n');
  process.exit(2);
}
if (!options.browser && existsSync(electronPathFile)) {
  process.stdout.write('Building the kiosk for Electron…\n');
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build-app.ts'), '--demo'], { cwd: root, stdio: 'inherit' });
  const electron = join(root, 'node_modules', 'electron', 'dist', readFileSync(electronPathFile, 'utf8'));
  // The effective configuration (with --reader applied) is what the demo's entry reads.
  const effective = join(mkdtempSync(join(tmpdir(), 'kiosk-demo-')), 'kiosk.json');
  writeFileSync(effective, JSON.stringify(config), { mode: 0o600 });
  const env = { ...process.env, KIOSK_CONFIG: effective };
  // The demo's app: the product's shell on the devkit's kiosk (dist/devkit-app).
  const child = spawn(electron, [join(root, 'dist', 'devkit-app')], { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 1));
  await new Promise(() => undefined); // Electron runs the kiosk until it exits
}
if (!options.browser) {
  process.stdout.write(
    'The Electron binary is not installed (it cannot be downloaded here): running the kiosk in Chromium through the browser host.\n',
  );
}

// Built at every start from a checkout, so the screen is never older than the code; into a
// folder of this instance's own, so that a second `npm start` (or a test run) does not
// replace the files under a running one.
const staticDir = mkdtempSync(join(tmpdir(), 'kiosk-ui-'));
const cleanups: (() => void)[] = [() => rmSync(staticDir, { recursive: true, force: true })];
process.stdout.write('Building the touchscreen UI…\n');
const { build } = await import('vite');
await build({ configFile: join(root, 'vite.devkit.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });

const tuning = options.clock ? { now: runningFrom(options.clock) } : {};
/** The kiosk on the configured data folder; one another kiosk from this checkout holds gets a folder of this run's own. */
async function startRuntime(): Promise<DemoKioskRuntime> {
  try {
    return await startDemoKioskRuntime(config, {}, tuning);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    const own = mkdtempSync(join(tmpdir(), 'kiosk-data-'));
    cleanups.push(() => rmSync(own, { recursive: true, force: true }));
    process.stdout.write(`Another kiosk is running on ${config.dataDir}: this one keeps its data in ${own} until it stops.\n`);
    config = { ...config, dataDir: own };
    return startDemoKioskRuntime(config, {}, tuning);
  }
}

/** A clock that starts at `start` and runs on with the real one. */
function runningFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

const runtime = await startRuntime();
for (const { route, fault, times } of options.gatewayFaults) runtime.gateway?.faults.inject(route, fault, times);
if (options.gatewayFaults.length > 0)
  process.stdout.write(`The reference gateway plays ${String(options.gatewayFaults.length)} fault(s).\n`);
if (options.clock) {
  const at = toTokyo(options.clock);
  const pad = (n: number): string => String(n).padStart(2, '0');
  process.stdout.write(`The kiosk's clock started at ${tokyoDateKey(at)} ${pad(at.hour)}:${pad(at.minute)} (Japan time) and runs on.\n`);
}
let demo: DemoDevice | undefined;
if (runtime.simulated) demo = new DemoReader(runtime.simulated);
if (runtime.xfs4iot) {
  demo = new Xfs4IotDemoReader(runtime.xfs4iot.device);
  process.stdout.write(`XFS4IoT card reader simulator: service publisher at ${runtime.xfs4iot.endpoint}\n`);
  if (config.reader.kind === 'xfs4iot-simulator' && config.reader.chip)
    process.stdout.write(
      `Its chip contacts: "${config.reader.chip.name}" through pcscd (vpcd port ${String(config.reader.chip.vpcdPort)})\n`,
    );
}
let screenConnected = (): void => undefined;
const screenUp = new Promise<void>((resolve) => (screenConnected = resolve));
const host = new BrowserHost({
  screen: runtime.kiosk,
  staticDir,
  port: options.port,
  ...(demo ? { demo: withHeadsetJack(demo, runtime.kiosk), serviceKey: (on: boolean) => runtime.kiosk.serviceKey(on) } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
  onScreen: () => screenConnected(),
});
let started;
try {
  started = await host.start();
} catch (error) {
  process.stderr.write(`The browser host cannot listen on port ${String(options.port)}: ${(error as Error).message}\n`);
  await runtime.stop();
  for (const cleanup of cleanups) cleanup();
  process.exit(1);
}
const { url, demoUrl } = started;
const chromium = options.open
  ? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path))
  : undefined;
const printUrls = (): void => {
  process.stdout.write(`Kiosk screen:     ${url}\n`);
  if (demoUrl) process.stdout.write(`Demo card reader: ${demoUrl}   (every test card's PIN is 1234)\n`);
};
if (chromium) {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    process.stdout.write(
      "Running as root: Chromium's sandbox is off for this development window (a branch terminal runs the Electron shell as the kiosk user).\n",
    );
  const launched = await launchChromium(chromiumCommand({ executable: chromium, url, demoUrl, profile, asRoot }), {
    screenConnected: screenUp,
    timeoutMs: 30_000,
    logFile: join(profile, 'chromium.log'),
  });
  if (launched.ok) {
    // The token stays out of the terminal and the journal; Chromium already has it.
    process.stdout.write(
      `Kiosk screen open in Chromium at ${new URL(url).origin}${demoUrl ? ', with the demo card reader beside it' : ''}.\n`,
    );
    if (demoUrl) process.stdout.write("Every test card's PIN is 1234.\n");
  } else {
    process.stdout.write(`${launched.error}\nThe kiosk is running: open these URLs in a browser.\n`);
    printUrls();
  }
} else {
  if (options.open) process.stdout.write('Chromium was not found: open these URLs in a browser.\n');
  printUrls();
}

const stop = (): void => {
  void host
    .stop()
    .then(() => runtime.stop())
    .then(() => {
      for (const cleanup of cleanups) cleanup();
      process.exit(0);
    });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
