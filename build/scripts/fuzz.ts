// `npm run fuzz -- --runs N [--seed S --path P]`: the property-based fuzz suite (test/fuzz/)
// with N cases per property (the test run uses a short default). A failure prints its seed and
// path; give them back to replay exactly that case, then keep it as a regression test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' }, path: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`--runs must be a positive whole number, not "${values.runs}"\n`);
  process.exit(2);
}
const env = {
  ...process.env,
  FUZZ_RUNS: String(runs),
  ...(values.seed ? { FUZZ_SEED: values.seed } : {}),
  ...(values.path ? { FUZZ_PATH: values.path } : {}),
};
const vitest = join('node_modules', '.bin', 'vitest');
process.exitCode = spawnSync(vitest, ['run', '--project', 'fuzz'], { stdio: 'inherit', env }).status ?? 1;
