// The boundaries hold in lint and at compile time. Lint: every direction of the layer table
// (build/lint/layers.js) is tried — each layer importing each other layer, each layer importing
// packages — and a folder the table does not know is refused. Compile time: each runtime's
// program refuses what its runtime cannot run (Node in the renderer, Electron outside the shell).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { layersPlugin } from '../build/lint/layer-imports.js';
import { LAYERS } from '../build/lint/layers.js';

const root = join(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const cleanups: string[] = [];

afterEach(() => {
  for (const dir of cleanups.splice(0).reverse()) rmSync(dir, { recursive: true, force: true });
});

/** The runtime program a file in `folder` belongs to: the nearest tsconfig.json above it. */
function programOf(folder: string): string {
  for (let dir = join(root, folder); dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json'))) return join(dir, 'tsconfig.json');
  }
  throw new Error(`no tsconfig.json above ${folder}`);
}

/** Writes `source` as probe.ts in `folder`, with a tsconfig extending that runtime's program. */
function writeProbe(folder: string, source: string): string {
  const created = mkdirSync(join(root, folder), { recursive: true });
  if (created !== undefined) cleanups.push(created);
  const dir = mkdtempSync(join(root, folder, '.boundary-probe-'));
  cleanups.push(dir);
  writeFileSync(join(dir, 'probe.ts'), source);
  const config = { extends: relative(dir, programOf(folder)), include: ['probe.ts'], exclude: [] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  return dir;
}

/** Type-checks `source` as a file of the runtime in `folder`; returns tsc's diagnostics. */
function typecheckAs(folder: string, source: string): { ok: boolean; output: string } {
  const dir = writeProbe(folder, source);
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', dir], { encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

describe('the layer table, in lint', () => {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { kiosk: layersPlugin },
      rules: { 'kiosk/layer-imports': 'error' },
    },
  ];
  /** What the rule says of `source` as a file at `path` (a repository path). */
  const reportsFor = (path: string, source: string): string[] =>
    linter.verify(source, config, { filename: join(root, path) }).map((message) => message.message);
  const importOf = (from: string, to: string): string => {
    const path = relative(dirname(join(root, from)), join(root, to))
      .split('\\')
      .join('/');
    return `import '${path.startsWith('.') ? path : `./${path}`}';\n`;
  };

  const pairs = LAYERS.flatMap((from) => LAYERS.filter((to) => to !== from).map((to) => [from, to] as const));
  it.each(pairs.map(([from, to]) => [from.folder, to.folder, from.layers.includes(to.folder)]))(
    '%s importing %s: allowed = %s',
    (from, to, allowed) => {
      const reports = reportsFor(`${from}/probe.ts`, importOf(`${from}/probe.ts`, `${to}/module.ts`));
      if (allowed) expect(reports).toEqual([]);
      else expect(reports).toEqual([expect.stringMatching(new RegExp(`^${from} \\(.*\\) may not import ${to}:`))]);
    },
  );

  it('refuses every package a layer does not name, and allows those it does', () => {
    const candidates = [
      'electron',
      'node:fs',
      'fs',
      'react',
      'react-dom/client',
      'ws',
      'vite',
      'xstate',
      'zod',
      'pcsclite',
      'better-sqlite3',
    ];
    for (const layer of LAYERS) {
      for (const specifier of candidates) {
        const name = specifier === 'fs' || specifier.startsWith('node:') ? 'node:*' : specifier.split('/')[0];
        const reports = reportsFor(`${layer.folder}/probe.ts`, `import '${specifier}';\n`);
        expect({ layer: layer.folder, specifier, refused: reports.length > 0 }).toEqual({
          layer: layer.folder,
          specifier,
          refused: !layer.packages.includes(name ?? specifier),
        });
      }
    }
  });

  it('refuses code in a folder the table does not know, and imports reaching one', () => {
    expect(reportsFor('electron/newthing/probe.ts', "import 'zod';\n")).toEqual([expect.stringContaining('is in no layer')]);
    expect(reportsFor('native/probe.ts', '')).toEqual([expect.stringContaining('is in no layer')]);
    expect(reportsFor('electron/node/probe.ts', "import '../newthing/x.ts';\n")).toEqual([expect.stringContaining('which is in no layer')]);
    expect(reportsFor('electron/node/probe.ts', "import '../../test/support/until.ts';\n")).toEqual([
      expect.stringContaining('which is in no layer'),
    ]);
  });

  it('keeps the product out of the devkit: no product layer may import a devkit one', () => {
    for (const layer of LAYERS.filter((candidate) => candidate.product)) {
      const devkit = LAYERS.filter((candidate) => !candidate.product).map((candidate) => candidate.folder);
      expect({ layer: layer.folder, devkit: layer.layers.filter((name) => devkit.includes(name)) }).toEqual({
        layer: layer.folder,
        devkit: [],
      });
    }
  });
});

// ESLint and tsc runs: seconds each on a busy machine.
describe('the layer rule in the project’s ESLint configuration', { timeout: 60_000 }, () => {
  const eslint = new ESLint({ cwd: root });
  const reportsFor = async (folder: string, source: string, rule: string): Promise<{ line: number; message: string }[]> => {
    const [result] = await eslint.lintFiles(join(writeProbe(folder, source), 'probe.ts'));
    const messages = result?.messages ?? [];
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    return messages.filter((m) => m.ruleId === rule).map(({ line, message }) => ({ line, message }));
  };

  it('is on for the source folders: the renderer reaching the kiosk core, the core reaching the devkit', async () => {
    const fromRenderer = await reportsFor('renderer', "import '../../electron/node/kiosk.ts';\n", 'kiosk/layer-imports');
    expect(fromRenderer.map((report) => report.message)).toEqual([
      expect.stringContaining('renderer (Chromium renderer (sandboxed, DOM)) may not import electron/node'),
    ]);
    const fromCore = await reportsFor('electron/node', "import '../../devkit/compose-demo-kiosk.ts';\n", 'kiosk/layer-imports');
    expect(fromCore.map((report) => report.message)).toEqual([expect.stringContaining('may not import electron/devkit')]);
  });

  it('flags Electron’s shell in the shell however it is reached, not only as a named import', async () => {
    const source = [
      "import electron from 'electron';",
      "import * as e from 'electron';",
      "void electron.shell.openExternal('https://example.com/');",
      "void require('electron').shell;",
      "const { shell } = require('electron') as typeof electron;",
      "void e['shell'];",
      'declare const held: { openExternal(url: string): Promise<void> };',
      "void held.openExternal('https://example.com/');",
      'void shell;',
    ].join('\n');
    const reports = await reportsFor('electron/main-process', `${source}\n`, 'no-restricted-properties');
    expect([...new Set(reports.map((report) => report.line))]).toEqual([3, 4, 5, 6, 8]);
    for (const { message } of reports) expect(message).toContain('never opens anything outside itself');
  });
});

describe('TypeScript programs per runtime', { timeout: 60_000 }, () => {
  it('reject node:fs in the renderer, naming the rule', () => {
    const result = typecheckAs('renderer', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('may not import Node modules');
  });

  it('reject bare Node modules in the renderer', () => {
    const result = typecheckAs('renderer', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Cannot find (module|name) 'fs'/);
  });

  it.each(['renderer', 'native', 'electron/node', 'electron/devkit'])('reject electron in %s/', (folder) => {
    const result = typecheckAs(folder, "import { app } from 'electron';\nexport const quit = app;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Only electron/main-process/ and electron/preload/ may import');
  });

  it('accept electron in the main process and the preload, and Node in native/', () => {
    for (const folder of ['electron/main-process', 'electron/preload']) {
      expect(typecheckAs(folder, "import { ipcMain } from 'electron';\nexport const on = ipcMain;\n")).toEqual({ ok: true, output: '' });
    }
    expect(typecheckAs('native', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toEqual({
      ok: true,
      output: '',
    });
  });
});
