// `npm run bench` runs every benchmark and prints one JSON document. Here with a few runs each:
// that the scripts work and report what the README's table is made of, not how fast this
// machine is (the numbers are printed, never asserted, but for the card's APDU count).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { probeChromium } from '../support/chromium-probe.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const pcsc = await probePcscWithVpcd();
const ready = pcsc.ok ? probeChromium() : pcsc;

const Timing = z.object({ medianMs: z.number().positive(), p95Ms: z.number().positive() });
const CardSession = z.object({
  certificateBytes: z.number(),
  operations: z.record(z.enum(['inspect', 'verifyPin', 'sign', 'check', 'release']), z.object({ apdus: z.number() })),
  session: Timing.extend({ apdus: z.number(), bound: z.number() }),
});
const Size = z.object({ gzipBytes: z.number().positive(), files: z.number() });
const Report = z.object({
  card: z.object({
    jpki: z.object({ authentication: z.object({ apdus: z.number(), bound: z.number() }) }),
    session: z.object({ inProcess: CardSession, pcsc: CardSession }),
  }),
  sessionCore: z.object({ steps: z.object({ cardInsertedToPin: Timing, pinSubmittedToReview: Timing, confirmToReceipt: Timing }) }),
  ui: z.object({
    sizes: z.object({
      js: Size,
      css: Size,
      customerSession: z.object({ js: Size, css: Size }),
    }),
    firstPaint: z.object({ firstContentfulPaint: Timing, attractPainted: Timing }),
    eventToNextScreenPainted: z.object({ all: Timing.extend({ samples: z.number() }), transitions: z.record(z.string(), Timing) }),
  }),
  startup: z.object({ browserHost: z.object({ hostUp: Timing, attractPainted: Timing }), core: z.object({ attractFromSpawn: Timing }) }),
  targets: z.array(z.object({ what: z.string(), target: z.string(), measured: z.number(), met: z.boolean() })),
});

describeWhenAvailable('npm run bench', ready, () => {
  it('runs every benchmark and prints one JSON document with the targets beside the measurements', { timeout: 240_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      ['build/scripts/bench.ts', '--runs', '3', '--ui-runs', '1', '--loads', '1', '--startup-runs', '1'],
      { cwd: root, timeout: 230_000, killSignal: 'SIGKILL', maxBuffer: 10_000_000 },
    );
    const report = Report.parse(JSON.parse(stdout));
    // A whole customer session through pcscd, counted at the card: within 10 + ⌈T/256⌉.
    const { pcsc: session } = report.card.session;
    expect(session.session.bound).toBe(10 + Math.ceil(session.certificateBytes / 256));
    expect(session.session.apdus).toBeLessThanOrEqual(session.session.bound);
    expect(session.operations.check.apdus).toBe(2);
    expect(report.card.jpki.authentication.apdus).toBeLessThanOrEqual(report.card.jpki.authentication.bound);
    // Every touch of a whole session was measured: 4 taps to the card slot, 4 digits, 確定, 確認, 終了.
    expect(report.ui.eventToNextScreenPainted.all.samples).toBe(11);
    // A customer's session loads the screens' code and none of the staff's maintenance menu.
    const { sizes } = report.ui;
    expect(sizes.customerSession.js.files).toBe(1);
    expect(sizes.js.files).toBeGreaterThan(1);
    expect(sizes.customerSession.js.gzipBytes).toBeLessThan(sizes.js.gzipBytes);
    expect(report.targets.map((target) => target.what)).toEqual([
      'card APDUs, whole customer session',
      'session core cardInsertedToPin, p95 ms',
      'session core pinSubmittedToReview, p95 ms',
      'session core confirmToReceipt, p95 ms',
      "UI JS a customer's session loads, gzip KB",
      'UI touch → next screen painted, p95 ms',
    ]);
  });
});
