// `npm test`: type-check every runtime, lint, then run every Vitest suite (unit, PC/SC
// through pcscd, end-to-end in Chromium). Ends with one "N passed, N failed, N skipped"
// line that CI reads. Suites whose system components are missing are skipped with a
// printed reason on a developer machine and fail when CI=true.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const RESULTS = join('test-results', 'vitest.json');
const VitestSummary = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
});

function step(title: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const bin = (name: string): string => join('node_modules', '.bin', name);
mkdirSync('test-results', { recursive: true });
rmSync(RESULTS, { force: true });

const typecheck = step('typecheck', process.execPath, ['build/scripts/typecheck.ts']);
const lint =
  step('lint', bin('eslint'), ['--max-warnings', '0', '.']) && step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
const tests = step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`]);

let summary;
try {
  summary = VitestSummary.parse(JSON.parse(readFileSync(RESULTS, 'utf8')));
} catch {
  summary = undefined;
}
const failedChecks = [typecheck ? [] : ['typecheck'], lint ? [] : ['lint']].flat();
process.stdout.write('\n');
if (failedChecks.length > 0) process.stdout.write(`failed checks: ${failedChecks.join(', ')}\n`);
if (summary) {
  const failed = summary.numFailedTests + failedChecks.length;
  process.stdout.write(
    `tests: ${summary.numPassedTests} passed, ${failed} failed, ${summary.numPendingTests + summary.numTodoTests} skipped\n`,
  );
} else {
  process.stdout.write('tests: the test runner produced no results\n');
}
process.exitCode = typecheck && lint && tests && summary ? 0 : 1;
