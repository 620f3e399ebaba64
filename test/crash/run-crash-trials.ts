// `npm run crash-trials -- --runs N [--max-life-ms M]`: see crash-trials.ts. Prints the report as JSON.
import { parseArgs } from 'node:util';
import { runCrashTrials } from './crash-trials.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, 'max-life-ms': { type: 'string', default: '4000' } } });
const runs = Number(values.runs);
const maxLifeMs = Number(values['max-life-ms']);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(maxLifeMs) || maxLifeMs < 0) {
  process.stderr.write('--runs and --max-life-ms take whole numbers\n');
  process.exit(2);
}
const report = await runCrashTrials({ runs, maxLifeMs });
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exitCode = report.lost === 0 && report.duplicated === 0 ? 0 : 1;
