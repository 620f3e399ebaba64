// `npm run build:app`: everything the Electron package runs, built into dist/ — the trusted
// side as JavaScript (tsc), the sandboxed preload as one CommonJS file, the renderer.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// A sandboxed preload cannot require local files: it is bundled, with only 'electron' left out.
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir: 'dist/app/electron/shell',
    emptyOutDir: false,
    lib: { entry: 'electron/shell/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
    minify: false,
  },
});
await build({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
