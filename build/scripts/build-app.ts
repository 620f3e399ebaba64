// `npm run build:app`: everything the Electron package runs, built into dist/ — the trusted
// side as JavaScript (tsc, from its entry points only: dist/app), the sandboxed preload as one
// CommonJS file, the renderer (dist/renderer). `--demo` builds the demo's app instead
// (dist/devkit-app: the same shell on the devkit's kiosk, with its own renderer copy), which
// `npm start` runs where the Electron binary is installed. `--dist DIR` builds elsewhere (tests).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false }, dist: { type: 'string' } } });
const dist = values.dist ? resolve(values.dist) : join(root, 'dist');
/** The app's folder: its code, and (demo) the package.json Electron starts it by. */
const app = join(dist, values.demo ? 'devkit-app' : 'app');
/** The shell serves <app path>/dist/renderer: the checkout (product) or the demo's own folder. */
const renderer = values.demo ? join(app, 'dist', 'renderer') : join(dist, 'renderer');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const program = values.demo ? 'build/tsconfig/demo-app.json' : 'tsconfig.build.json';
// Emptied first: electron-builder packs the whole folder, so nothing of an older build may stay.
rmSync(app, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', program, '--outDir', app], { cwd: root, stdio: 'inherit' });
// A sandboxed preload cannot require local files: it is bundled, with only 'electron' left out.
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir: join(app, 'electron', 'preload'),
    emptyOutDir: false,
    lib: { entry: 'electron/preload/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
    minify: false,
  },
});
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: renderer, emptyOutDir: true } });
if (values.demo) {
  // Electron runs a folder by its package.json; the demo's names the demo's entry.
  mkdirSync(app, { recursive: true });
  const manifest = { name: 'mynaportal-kiosk-demo', private: true, type: 'module', main: 'electron/devkit/main-process/demo-main.js' };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
