// `npm run bench [-- --runs N --ui-runs N --loads N --startup-runs N --only card,session,ui,startup]`:
// every benchmark, one after the other (each in a process of its own), printed as one JSON
// document on stdout with the targets of issue 18 beside what was measured. Progress and the
// parts' own messages go to stderr. The card parts use the vpcd reader "Virtual PCD 00 01":
// where others share the machine's readers, run it as `flock /tmp/vpcd.lock npm run bench`.
// Numbers are as noisy as the machine is busy: compare runs on a quiet machine.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PARTS = ['card', 'session', 'ui', 'startup'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'ui-runs': { type: 'string', default: '20' },
    loads: { type: 'string', default: '20' },
    'startup-runs': { type: 'string', default: '10' },
    only: { type: 'string', default: PARTS.join(',') },
  },
});
const only = new Set(values.only.split(','));
const unknown = [...only].filter((part) => !PARTS.includes(part as Part));
if (unknown.length > 0) {
  process.stderr.write(`--only takes ${PARTS.join(', ')}; not ${unknown.join(', ')}\n`);
  process.exit(2);
}

/** Runs one benchmark script and parses the JSON document it prints. */
function run(script: string, args: readonly string[]): Promise<unknown> {
  process.stderr.write(`bench: ${script} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${String(code)}`));
      else resolve(JSON.parse(output) as unknown);
    });
  });
}

const pcsc = only.has('card') || only.has('startup') ? await probePcscWithVpcd() : { ok: true as const, value: undefined };
const machine = { node: process.version, cpus: cpus().length, loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))) };
const report: Record<string, unknown> = { machine };

if (only.has('card')) {
  report.card = pcsc.ok
    ? {
        jpki: await run('native/devkit/tools/bench-card.ts', ['--runs', values.runs]),
        session: await run('test/bench/card-session-bench.ts', ['--runs', values.runs]),
      }
    : {
        jpki: { skipped: pcsc.error },
        session: await run('test/bench/card-session-bench.ts', ['--runs', values.runs, '--in-process-only']),
      };
}
if (only.has('session')) report.sessionCore = await run('test/bench/session-core-bench.ts', ['--runs', values.runs]);
if (only.has('ui')) report.ui = await run('test/bench/ui-bench.ts', ['--runs', values['ui-runs'], '--loads', values.loads]);
if (only.has('startup'))
  report.startup = await run('test/bench/startup-bench.ts', ['--runs', values['startup-runs'], ...(pcsc.ok ? [] : ['--skip-core'])]);

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
