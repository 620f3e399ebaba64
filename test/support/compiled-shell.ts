// Starts a compiled Electron entry (product or demo) in its own Node process, as Electron would
// start it, with only the `electron` module faked, and reports what its window showed: the
// closest thing to running the packaged app without the Electron binary.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';

/** The typed fake (fake-electron-process.ts) as plain JavaScript: the app's process runs no TypeScript. */
const FAKE_ELECTRON = ts.transpileModule(readFileSync(join(import.meta.dirname, 'fake-electron-process.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
}).outputText;

const ELECTRON_RESOLVER = `export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: new URL('./fake-electron.mjs', import.meta.url).href, shortCircuit: true } : next(specifier, context);
}
`;

const startShell = (entry: string): string => `import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
register('./hooks.mjs', pathToFileURL('./'));
const electron = await import('electron');
await import(${JSON.stringify(entry)});
electron.ready();
while (!electron.windows[0]?.loaded.length) await new Promise((resolve) => setTimeout(resolve, 20));
const window = electron.windows[0];
electron.ipc.emit('kiosk:ready', { senderFrame: { url: 'kiosk://app/index.html', parent: null } });
// Out of service until the reader and the gateway have answered, then the attract loop.
const deadline = Date.now() + 15_000;
while (window.sent.at(-1)?.[1].screen !== 'attract' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
const view = window.sent.at(-1)?.[1];
process.stdout.write(JSON.stringify({ windows: electron.windows.length, loaded: window.loaded, screen: view?.screen, reason: view?.reason }));
process.exit(0);
`;

export interface ShownScreen {
  readonly windows: number;
  readonly loaded: readonly string[];
  readonly screen: string | undefined;
  readonly reason: string | undefined;
}

/**
 * Runs `entry` (a path relative to `appDir`, the compiled app's folder) in Node without type
 * stripping, KIOSK_CONFIG set to `config`, with `appPath` as Electron's app path (where the
 * shell finds dist/renderer); resolves with the window it opened and its last screen.
 */
export async function runCompiledShell(appDir: string, entry: string, options: { config: string; appPath: string }): Promise<ShownScreen> {
  writeFileSync(join(appDir, 'fake-electron.mjs'), FAKE_ELECTRON);
  writeFileSync(join(appDir, 'hooks.mjs'), ELECTRON_RESOLVER);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--no-experimental-strip-types', '--input-type=module', '-e', startShell(`./${entry}`)],
    { cwd: appDir, encoding: 'utf8', env: { ...process.env, KIOSK_CONFIG: options.config, APP_PATH: options.appPath }, timeout: 60_000 },
  );
  return JSON.parse(stdout) as ShownScreen;
}
