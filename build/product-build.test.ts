// What the product build emits (`npm run build:app`): the product and nothing of the devkit —
// no emulator, simulated reader, test PKI or its keys, reference gateway, browser host, dev
// panel, `ws` or test file — and runtime dependencies that are what it really loads. The
// demo's Electron app, built the same way, starts the kiosk with only `electron` faked.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerOf } from './lint/layers.js';
import { runCompiledShell } from '../test/support/compiled-shell.ts';

const root = join(import.meta.dirname, '..');
// Inside the checkout, so that the compiled code finds node_modules as the package will.
mkdirSync(join(root, 'dist'), { recursive: true });
const work = mkdtempSync(join(root, 'dist', 'build-test-'));
const dist = join(work, 'dist');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const build = (...args: string[]): void => {
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build-app.ts'), '--dist', dist, ...args], { cwd: root, stdio: 'pipe' });
};
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
/** The packages a module imports (TypeScript's own scan of import and export statements). */
const bareImports = (code: string): string[] =>
  ts
    .preProcessFile(code, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((name) => !name.startsWith('.'));
const packageOf = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);

beforeAll(() => {
  // What an older build left behind (a module since moved to the devkit) must not be shipped.
  mkdirSync(join(dist, 'app', 'electron', 'devkit'), { recursive: true });
  writeFileSync(join(dist, 'app', 'electron', 'devkit', 'left-from-an-older-build.js'), 'export {};\n');
  build();
}, 120_000);

describe('the product build', () => {
  it('emits only product code: every file comes from a product layer, none from the devkit or a test', () => {
    const app = filesUnder(join(dist, 'app'));
    expect(app).toContain('electron/main-process/main.js');
    expect(app).toContain('native/pcsc/pcsc-service-main.js');
    expect(app).toContain('electron/preload/preload.cjs');
    for (const file of app) {
      const source = file.replace(/\.c?js$/, '.ts');
      expect({ file, product: layerOf(source)?.product }).toEqual({ file, product: true });
      expect(file).not.toMatch(/devkit|\.test\.|test-keys|test-pki|emulator|reference-gateway|browser-host/);
    }
  });

  it('carries no test key and no WebSocket server', () => {
    const testKeys = Object.values(
      JSON.parse(readFileSync(join(root, 'native', 'devkit', 'test-pki', 'test-keys.json'), 'utf8')) as Record<string, string>,
    );
    const code = filesUnder(join(dist, 'app')).map((file) => readFileSync(join(dist, 'app', file), 'utf8'));
    for (const text of code) {
      expect(text).not.toContain('PRIVATE KEY-----');
      for (const key of testKeys) expect(text).not.toContain(key.split('\n')[1]);
      expect(bareImports(text).map(packageOf)).not.toContain('ws');
    }
  });

  it('builds the kiosk screen only: no demo card reader page, no browser-host bridge', () => {
    const renderer = filesUnder(join(dist, 'renderer'));
    expect(renderer).toEqual(expect.arrayContaining(['index.html', 'out-of-service.html']));
    expect(renderer.filter((file) => file.endsWith('.html')).sort()).toEqual(['index.html', 'out-of-service.html']);
    const bundle = renderer.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(dist, 'renderer', file), 'utf8'));
    expect(bundle.join('')).not.toContain('/ws/screen');
    expect(bundle.join('')).not.toContain('demo-state');
  });

  it('declares as runtime dependencies exactly the packages the app loads', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const loaded = new Set(
      filesUnder(join(dist, 'app'))
        .filter((file) => file.endsWith('.js'))
        .flatMap((file) => bareImports(readFileSync(join(dist, 'app', file), 'utf8')).map(packageOf))
        .filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name)),
    );
    // React is inlined into the renderer's bundle, ws and the rest serve only the devkit.
    expect([...loaded].sort()).toEqual(Object.keys(manifest.dependencies).sort());
  });
});

describe('the demo’s Electron app', () => {
  it('compiles, and started without TypeScript with only `electron` faked, brings up the kiosk on the demo reader', async () => {
    build('--demo');
    const app = join(dist, 'devkit-app');
    const config = join(work, 'demo.json');
    writeFileSync(
      config,
      JSON.stringify({ dataDir: join(work, 'data'), gateway: { kind: 'embedded' }, reader: { kind: 'simulated', mechanics: 'motorised' } }),
    );
    const shown = await runCompiledShell(app, 'electron/devkit/main-process/demo-main.js', { config, appPath: app });
    expect(shown).toEqual({ windows: 1, loaded: ['kiosk://app/index.html'], screen: 'attract' });
  }, 120_000);
});
