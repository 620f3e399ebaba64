// The runtime boundaries hold at compile time and in lint: the renderer cannot reach Node or
// Electron, native/ and the kiosk core cannot reach Electron; the shell can. Each case
// writes a probe file into the runtime's folder and type-checks that runtime's program.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

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

describe('TypeScript programs per runtime', () => {
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

  it.each(['renderer', 'native', 'electron'])('reject electron in %s/', (folder) => {
    const result = typecheckAs(folder, "import { app } from 'electron';\nexport const quit = app;\n");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Only electron/shell/ may import');
  });

  it('accept electron in electron/shell/ and Node in native/', () => {
    expect(typecheckAs('electron/shell', "import { app } from 'electron';\nexport const quit = app.quit;\n")).toEqual({
      ok: true,
      output: '',
    });
    expect(typecheckAs('native', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toEqual({
      ok: true,
      output: '',
    });
  });
});

describe('ESLint import rules', () => {
  const eslint = new ESLint({ cwd: root });
  const reportsFor = async (folder: string, source: string, rule: string): Promise<{ line: number; message: string }[]> => {
    const [result] = await eslint.lintFiles(join(writeProbe(folder, source), 'probe.ts'));
    const messages = result?.messages ?? [];
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    return messages.filter((m) => m.ruleId === rule).map(({ line, message }) => ({ line, message }));
  };
  const messagesFor = async (folder: string, source: string): Promise<string[]> =>
    (await reportsFor(folder, source, 'no-restricted-imports')).map((report) => report.message);

  it('flag Node and Electron imports in the renderer', async () => {
    expect(await messagesFor('renderer', "import 'node:fs';\nimport 'electron';\n")).toHaveLength(2);
  });

  it('flag electron in native/ and the kiosk core, not in the shell', async () => {
    expect(await messagesFor('native', "import 'electron';\n")).toHaveLength(1);
    expect(await messagesFor('electron/core', "import 'electron';\n")).toHaveLength(1);
    expect(await messagesFor('electron/shell', "import 'electron';\n")).toEqual([]);
  });

  it('flag Electron’s shell in the shell however it is reached, not only as a named import', async () => {
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
    const reports = await reportsFor('electron/shell', `${source}\n`, 'no-restricted-properties');
    expect([...new Set(reports.map((report) => report.line))]).toEqual([3, 4, 5, 6, 8]);
    for (const { message } of reports) expect(message).toContain('never opens anything outside itself');
  });
});
