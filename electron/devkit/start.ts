// `npm start`: the kiosk on its embedded demo default (emulated cards, reference gateway).
// The Electron shell is the production host; where its binary is not installed (it cannot be
// downloaded on every machine), the same kiosk runs in Chromium through the browser host.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionFromTerminal } from '../node/maintenance/provision-terminal.ts';
import { loadOrCreateKey } from '../node/storage/key-file.ts';
import { BrowserHost } from './browser-host/browser-host.ts';
import { DemoReader } from './browser-host/demo-reader.ts';
import { startDemoKioskRuntime } from './compose-demo-kiosk.ts';
import { demoConfig, loadDemoConfig, type DemoConfig } from './demo-config.ts';
import { parseLaunchOptions, USAGE } from './launch-options.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const parsed = parseLaunchOptions(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.error}\n\n${USAGE}`);
  process.exit(2);
}
const options = parsed.value;

let config: DemoConfig = demoConfig();
if (options.config) {
  const loaded = loadDemoConfig(options.config);
  if (!loaded.ok) {
    process.stderr.write(`The kiosk cannot start: bad configuration.\n${loaded.error}\n`);
    process.exit(1);
  }
  config = loaded.value;
}
if (options.reader === 'sim') config = { ...config, reader: { kind: 'simulated', mechanics: 'motorised' } };
if (options.reader === 'pcsc') config = { ...config, reader: { kind: 'pcsc', name: options.readerName ?? 'Virtual PCD 00 00' } };

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

// Built at every start from a checkout, so the screen is never older than the code.
const staticDir = join(root, 'dist', 'devkit', 'renderer');
process.stdout.write('Building the touchscreen UI…\n');
const { build } = await import('vite');
await build({ configFile: join(root, 'vite.devkit.config.ts'), logLevel: 'warn' });

const runtime = await startDemoKioskRuntime(config);
const host = new BrowserHost({
  screen: runtime.kiosk,
  staticDir,
  port: options.port,
  ...(runtime.simulated ? { demo: new DemoReader(runtime.simulated), serviceKey: (on: boolean) => runtime.kiosk.serviceKey(on) } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
});
const { url, demoUrl } = await host.start();
const chromium = options.open
  ? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path))
  : undefined;
if (chromium) {
  const profile = mkdtempSync(join(tmpdir(), 'kiosk-chromium-'));
  const flags = [
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    `--user-data-dir=${profile}`,
  ];
  spawn(chromium, [...flags, `--app=${url}`, '--window-size=1920,1080', ...(demoUrl ? [demoUrl] : [])], {
    stdio: 'ignore',
    detached: true,
  }).unref();
  // The token stays out of the terminal and the journal; Chromium already has it.
  process.stdout.write(
    `Kiosk screen open in Chromium at ${new URL(url).origin}${demoUrl ? ', with the demo card reader beside it' : ''}.\n`,
  );
  if (demoUrl) process.stdout.write("Every test card's PIN is 1234.\n");
} else {
  if (options.open) process.stdout.write('Chromium was not found: open these URLs in a browser.\n');
  process.stdout.write(`Kiosk screen:     ${url}\n`);
  if (demoUrl) process.stdout.write(`Demo card reader: ${demoUrl}   (every test card's PIN is 1234)\n`);
}

const stop = (): void => {
  void host
    .stop()
    .then(() => runtime.stop())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
