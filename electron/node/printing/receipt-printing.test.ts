// The receipt slip on a real CUPS with a PDF printer (cups-pdf): a queue of this test's own is
// added (and removed after), a whole session completes with the kiosk's configured printer,
// and the PDF cups-pdf wrote is read back with pdftotext. The slip says 受付番号, the date and
// time, the service and the recipient — and no personal data, neither on paper nor in the
// spool nor in the kiosk's log. A stopped queue, or a printer that never finishes the job,
// is said on the completion screen, in the log and in the audit trail.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable, type Availability } from '../../../test/support/components.ts';
import { TestKiosk } from '../../../test/support/kiosk-driver.ts';
import { until } from '../../../test/support/until.ts';
import { KioskLog } from '../logging/kiosk-log.ts';
import { CupsReceiptPrinter } from './cups-printer.ts';

const QUEUE = `kiosk-test-${String(process.pid)}`;
/** A queue whose device never answers: jobs are accepted and never printed. */
const DEAD_QUEUE = `${QUEUE}-dead`;
const SPOOL = '/var/spool/cups';

function cupsAvailable(): Availability {
  try {
    execFileSync('lpstat', ['-r'], { stdio: 'pipe' });
    const models = execFileSync('lpinfo', ['-m'], { encoding: 'utf8' });
    if (!models.includes('CUPS-PDF')) return { ok: false, error: 'printer-driver-cups-pdf is not installed' };
    execFileSync('which', ['ipptool'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return { ok: true, value: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `CUPS (cups, cups-ipp-utils, printer-driver-cups-pdf, poppler-utils, cupsd running): ${message ?? ''}` };
  }
}

/** cups-pdf writes to the `Out` folder of its configuration, for the job's user. */
function cupsPdfOutput(): string {
  const config = readFileSync('/etc/cups/cups-pdf.conf', 'utf8');
  const out = /^Out\s+(.+)$/m.exec(config)?.[1]?.trim() ?? '${HOME}/PDF';
  return out.replace('${HOME}', homedir());
}

const pdfsSince = (folder: string, since: number): string[] =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.pdf'))
        .map((name) => join(folder, name))
        .filter((file) => statSync(file).mtimeMs >= since)
    : [];

const text = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describeWhenAvailable('the receipt slip through CUPS, printed to a PDF printer', cupsAvailable(), () => {
  const kiosks: TestKiosk[] = [];
  beforeAll(() => {
    // Text survives cups-pdf's PostScript step only through pdftocairo (the default loses CJK text).
    for (const [queue, device] of [
      [QUEUE, 'cups-pdf:/'],
      [DEAD_QUEUE, 'socket://127.0.0.1:9'],
    ] as const) {
      execFileSync('lpadmin', [
        '-p',
        queue,
        '-E',
        '-v',
        device,
        '-m',
        'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd',
        '-o',
        'pdftops-renderer-default=pdftocairo',
      ]);
    }
  });
  afterEach(async () => {
    for (const kiosk of kiosks.splice(0)) await kiosk.stop();
  });
  afterAll(() => {
    for (const queue of [QUEUE, DEAD_QUEUE]) execFileSync('lpadmin', ['-x', queue]);
  });

  /** A session to the completion screen on a kiosk printing to this queue. */
  async function completeSession(queue: string) {
    const t = await TestKiosk.start({ printer: { kind: 'cups', queue } });
    kiosks.push(t);
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.take();
    return t;
  }

  it('prints 受付番号, date and time, service and recipient, and nothing personal, on paper, in the spool or in the log', async () => {
    const started = Date.now() - 1000;
    const t = await completeSession(QUEUE);
    const printing = await t.at('complete');
    expect(printing.slip).toBe('printing');
    await until(() => t.kiosk.view().screen === 'complete' && 'slip' in t.kiosk.view(), 'the slip state');
    await until(() => (t.kiosk.view() as { slip?: string }).slip !== 'printing', 'the slip to come out', 20_000);
    expect(t.kiosk.view()).toMatchObject({ screen: 'complete', slip: 'printed' });
    expect(t.kiosk.audit.recent().map((record) => record.event)).toContain('receipt-printed');

    const receiptId = t.gateway.submissions[0]?.receipt.receiptId ?? 'no receipt';
    const written = pdfsSince(cupsPdfOutput(), started).map(text);
    const slip = written.find((page) => page.includes(receiptId));
    expect(slip, `a PDF from cups-pdf with ${receiptId}`).toBeDefined();
    const lines = (slip ?? '').replace(/\s+/g, ' ');
    expect(lines).toContain('受付番号');
    expect(lines).toContain(receiptId);
    expect(lines).toContain('住宅ローンサービスへの所得情報の提出');
    expect(lines).toContain('デモ銀行 住宅ローンセンター');

    // What the customer provided, or typed, is nowhere: not on the slip, not in the spool
    // (CUPS keeps a printed document for a day), not in the kiosk's log.
    const personal = ['6,000,000', '6000000', '1234', '給与収入額'];
    for (const value of personal) expect(lines).not.toContain(value);
    const spooled = readdirSync(SPOOL)
      .filter((name) => /^d\d+-\d+$/.test(name) && statSync(join(SPOOL, name)).mtimeMs >= started)
      .map((name) => join(SPOOL, name));
    const ours = spooled.map((file) => ({ file, text: text(file) })).filter((entry) => entry.text.includes(receiptId));
    expect(ours).toHaveLength(1);
    // The date as the kiosk sent it. (cups-pdf re-distils the job with Ghostscript, whose text
    // layer now and then maps a digit of the CJK font to another character: the printed glyphs
    // are right, but pdftotext of its output is not a reliable reader of the date.)
    expect((ours[0]?.text ?? '').replace(/\s+/g, ' ')).toMatch(/2026年11月24日 1\d:\d\d（日本時間）/);
    for (const value of personal) expect(ours[0]?.text).not.toContain(value);
    const logs = readdirSync(join(t.dataDir, 'logs')).map((name) => readFileSync(join(t.dataDir, 'logs', name), 'utf8'));
    expect(logs.join('')).toContain('receipt-printed');
    for (const value of personal) expect(logs.join('')).not.toContain(value);
  });

  it('says on the completion screen, in the log and the audit trail that a stopped printer printed nothing, and queues nothing', async () => {
    execFileSync('cupsdisable', [QUEUE]);
    try {
      const t = await completeSession(QUEUE);
      await until(() => (t.kiosk.view() as { slip?: string }).slip === 'failed', 'the slip reported failed', 10_000);
      const failed = t.kiosk.audit.recent().filter((record) => record.event === 'receipt-print-failed');
      expect(failed.map((record) => record.detail?.reason)).toEqual(['printer-stopped']);
      const logs = readdirSync(join(t.dataDir, 'logs')).map((name) => readFileSync(join(t.dataDir, 'logs', name), 'utf8'));
      expect(logs.join('')).toMatch(/"receipt-print-failed".*"printer-stopped"/);
      // No job left to come out for the next customer once the printer is back.
      expect(execFileSync('lpstat', ['-o', QUEUE], { encoding: 'utf8' }).trim()).toBe('');
    } finally {
      execFileSync('cupsenable', [QUEUE]);
    }
  });

  it('cancels a slip the printer has not printed by the deadline, and reports it failed', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'kiosk-print-log-'));
    const log = new KioskLog({ directory: logs });
    const printer = new CupsReceiptPrinter({ queue: DEAD_QUEUE, log, deadlineMs: 3000 });
    const outcome = await printer.print({
      receiptId: 'K7QX-24MP',
      printedAt: new Date(),
      service: { ja: 'テスト', en: 'Test' },
      recipient: { ja: 'テスト銀行', en: 'Test Bank' },
    });
    expect(outcome).toEqual({ kind: 'failed', reason: 'not-printed-in-time' });
    // Cancelled: nothing waits in the queue to come out later.
    await until(() => execFileSync('lpstat', ['-o', DEAD_QUEUE], { encoding: 'utf8' }).trim() === '', 'the job cancelled', 5000);
    log.flush();
    expect(
      readdirSync(logs)
        .map((name) => readFileSync(join(logs, name), 'utf8'))
        .join(''),
    ).toMatch(/"receipt-print-failed".*"not-printed-in-time"/);
    rmSync(logs, { recursive: true, force: true });
  });
});
