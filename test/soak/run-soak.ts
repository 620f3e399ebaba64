// `npm run soak -- --sessions N [--every K]`: N sessions of every kind on one kiosk core (see
// soak-runner.ts); prints a line per checkpoint (heap, RSS, handles) and then the report as JSON.
import { parseArgs } from 'node:util';
import { runSoak } from './soak-runner.ts';

const { values } = parseArgs({ options: { sessions: { type: 'string', default: '10000' }, every: { type: 'string', default: '1000' } } });
const sessions = Number(values.sessions);
const every = Number(values.every);
if (!Number.isInteger(sessions) || sessions < 1 || !Number.isInteger(every) || every < 1) {
  process.stderr.write('--sessions and --every take positive whole numbers\n');
  process.exit(2);
}
const report = await runSoak({
  sessions,
  every,
  onCheckpoint: (point) =>
    process.stderr.write(
      `${String(point.sessions).padStart(6)} sessions: heap ${point.heapUsedMb.toFixed(1)} MB, rss ${point.rssMb.toFixed(1)} MB, ${JSON.stringify(point.resources)}\n`,
    ),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
