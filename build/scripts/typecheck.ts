// Type-checks each runtime as its own TypeScript program, so that an import that is wrong
// for a runtime (Node in the renderer, Electron outside the shell) fails here.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export const PROGRAMS = [
  'tsconfig.json',
  'native/tsconfig.json',
  'electron/node/tsconfig.json',
  'electron/devkit/tsconfig.json',
  'electron/main-process/tsconfig.json',
  'electron/preload/tsconfig.json',
  'electron/devkit/main-process/tsconfig.json',
  'renderer/tsconfig.json',
];

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const NO_INPUTS = 'TS18003';

function check(project: string): Promise<{ project: string; ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      // A runtime whose folder has no source yet is reported, not failed.
      const empty = output.includes(NO_INPUTS) && output.trim().split('\n').length === 1;
      resolve({ project, ok: code === 0 || empty, output: empty ? 'no source files yet\n' : output });
    });
  });
}

const results = await Promise.all(PROGRAMS.map(check));
for (const { project, ok, output } of results) {
  process.stdout.write(
    `typecheck ${ok ? 'ok  ' : 'FAIL'} ${project}${output.startsWith('no source') ? ` (${output.trim()})\n` : `\n${output}`}`,
  );
}
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
