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
import { z } from 'zod';
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

/** Issue 18's targets beside what this run measured (a part not run is left out). */
function targets(): { what: string; target: string; measured: number; met: boolean }[] {
  const p95 = z.object({ p95Ms: z.number() });
  const cardSession = z.object({ session: z.object({ apdus: z.number(), bound: z.number() }) });
  const card = z
    .object({ session: z.object({ pcsc: cardSession.optional(), inProcess: cardSession }) })
    .optional()
    .parse(report.card);
  const core = z
    .object({ steps: z.object({ cardInsertedToPin: p95, pinSubmittedToReview: p95, confirmToReceipt: p95 }) })
    .optional()
    .parse(report.sessionCore);
  const ui = z
    .object({
      sizes: z.object({ customerSession: z.object({ js: z.object({ gzipBytes: z.number() }) }) }),
      eventToNextScreenPainted: z.object({ all: p95 }),
    })
    .optional()
    .parse(report.ui);
  const session = card && (card.session.pcsc ?? card.session.inProcess).session;
  return [
    ...(session
      ? [
          {
            what: 'card APDUs, whole customer session',
            target: `≤ 10 + ⌈T/256⌉ = ${session.bound}`,
            measured: session.apdus,
            met: session.apdus <= session.bound,
          },
        ]
      : []),
    ...(core
      ? Object.entries(core.steps).map(([step, { p95Ms }]) => ({
          what: `session core ${step}, p95 ms`,
          target: '< 50',
          measured: p95Ms,
          met: p95Ms < 50,
        }))
      : []),
    ...(ui
      ? [
          {
            what: "UI JS a customer's session loads, gzip KB",
            target: '< 100',
            measured: Number((ui.sizes.customerSession.js.gzipBytes / 1024).toFixed(1)),
            met: ui.sizes.customerSession.js.gzipBytes < 100 * 1024,
          },
          {
            what: 'UI touch → next screen painted, p95 ms',
            target: '< 100',
            measured: ui.eventToNextScreenPainted.all.p95Ms,
            met: ui.eventToNextScreenPainted.all.p95Ms < 100,
          },
        ]
      : []),
  ];
}
report.targets = targets();

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
