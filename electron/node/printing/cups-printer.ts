// The receipt slip through CUPS: the queue is asked first whether it can print now (a
// stopped queue, or one out of paper, gets no job: nothing waits in the spool to come out
// for the next customer), the PDF is handed to `lp`, and the job is followed (ipptool) until
// CUPS reports it completed. One not completed within the deadline is cancelled and reported
// failed. The job's title is fixed: no receipt number or anything else of the customer's
// goes into CUPS's job history.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { KioskLog } from '../logging/kiosk-log.ts';
import type { PrintFailure, ReceiptPrintOutcome } from '../session/session-types.ts';
import type { DocumentPrinter, ReceiptPrinter, ReceiptSlip } from './receipt-printer.ts';
import { slipPdf } from './receipt-pdf.ts';
import { slipLines } from './receipt-slip.ts';

const run = promisify(execFile);

export const JOB_TITLE = 'kiosk-receipt';
export const DOCUMENT_JOB_TITLE = 'kiosk-day-close';

export interface CupsPrinterOptions {
  /** The CUPS queue (lpstat -p names it). */
  readonly queue: string;
  readonly log: KioskLog;
  /** The slip's font, where not Debian's Noto Sans CJK JP. */
  readonly font?: { readonly file: string; readonly face: string } | undefined;
  /** How long a slip may take to come out before it is cancelled (default 20 s). */
  readonly deadlineMs?: number;
  readonly pollMs?: number;
  /** The CUPS server (default: the local one). */
  readonly server?: string;
}

// ipptool requests: the queue's state, and one job's.
const PRINTER_STATE = `{
  NAME "printer state"
  OPERATION Get-Printer-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR keyword requested-attributes printer-state,printer-is-accepting-jobs,printer-state-reasons
  STATUS successful-ok
  DISPLAY printer-state
  DISPLAY printer-is-accepting-jobs
  DISPLAY printer-state-reasons
}
`;
const JOB_STATE = `{
  NAME "job state"
  OPERATION Get-Job-Attributes
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR integer job-id $job_id
  ATTR keyword requested-attributes job-state
  STATUS successful-ok
  DISPLAY job-state
}
`;

/** Reasons a printer gives that mean nothing will come out now (RFC 8011 printer-state-reasons). */
const CANNOT_PRINT =
  /^(media-empty|media-needed|media-jam|door-open|cover-open|paused|stopped|offline|shutdown|toner-empty|marker-supply-empty|output-area-full|input-tray-missing|connecting-to-device)|-error$/;

/** The second line of ipptool's CSV output, split at commas (values here never contain one). */
const csvValues = (stdout: string): string[] => (stdout.trim().split('\n')[1] ?? '').split(',');

/** What the log may say of a printer's reasons: keywords only. */
const asToken = (text: string): string => text.replace(/[^A-Za-z0-9.,:-]+/g, '-').slice(0, 80);

export class CupsReceiptPrinter implements ReceiptPrinter, DocumentPrinter {
  readonly #options: CupsPrinterOptions;
  readonly #uri: string;

  constructor(options: CupsPrinterOptions) {
    this.#options = options;
    this.#uri = `ipp://${options.server ?? 'localhost'}/printers/${encodeURIComponent(options.queue)}`;
  }

  async print(slip: ReceiptSlip): Promise<ReceiptPrintOutcome> {
    return this.#print(() => slipPdf(slipLines(slip), this.#options.font), JOB_TITLE);
  }

  /** A staff document (the day-close report) on the same queue, checked and followed the same way. */
  printDocument(pdf: Buffer): Promise<ReceiptPrintOutcome> {
    return this.#print(() => Promise.resolve(pdf), DOCUMENT_JOB_TITLE);
  }

  async #print(render: () => Promise<Buffer>, title: string): Promise<ReceiptPrintOutcome> {
    const work = mkdtempSync(join(tmpdir(), 'kiosk-cups-'));
    try {
      const ready = await this.#ready(work);
      if (!ready.ok) return this.#failed('printer-stopped', ready.reasons);
      const pdf = await render();
      const job = await this.#submit(pdf, title);
      if (job === undefined) return this.#failed('rejected', 'lp');
      const state = await this.#follow(work, job);
      if (state === 'completed') {
        this.#options.log.info('receipt-printed');
        return { kind: 'printed' };
      }
      if (state === 'pending') {
        // Not out in time: cancelled, so it never comes out later into someone else's hands.
        await run('cancel', [...this.#serverArgs(), `${this.#options.queue}-${String(job)}`]).catch(() => undefined);
        return this.#failed('not-printed-in-time', 'deadline');
      }
      return this.#failed('rejected', state);
    } catch {
      return this.#failed('error', 'exception');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  #failed(reason: PrintFailure, detail: string): ReceiptPrintOutcome {
    this.#options.log.warn('receipt-print-failed', { reason, detail: asToken(detail) });
    return { kind: 'failed', reason };
  }

  #serverArgs(): string[] {
    return this.#options.server ? ['-h', this.#options.server] : [];
  }

  async #ipp(work: string, request: string, variables: Record<string, string> = {}): Promise<string[]> {
    const file = join(work, 'request.test');
    writeFileSync(file, request);
    const defines = Object.entries(variables).flatMap(([name, value]) => ['-d', `${name}=${value}`]);
    const { stdout } = await run('ipptool', ['-c', ...defines, this.#uri, file], { timeout: 5000 });
    return csvValues(stdout);
  }

  /** Whether the queue would print now; its reasons (keywords) when not. */
  async #ready(work: string): Promise<{ ok: true } | { ok: false; reasons: string }> {
    try {
      const [state = '', accepting = '', ...reasons] = await this.#ipp(work, PRINTER_STATE);
      const blocking = reasons.filter((reason) => CANNOT_PRINT.test(reason));
      if (state === 'stopped' || accepting !== 'true' || blocking.length > 0)
        return { ok: false, reasons: [state, accepting === 'true' ? '' : 'not-accepting', ...blocking].filter(Boolean).join(',') };
      return { ok: true };
    } catch {
      return { ok: false, reasons: 'queue-unknown' };
    }
  }

  /** Hands the PDF to lp on its standard input; the job's number, or undefined when refused. */
  #submit(pdf: Buffer, title: string): Promise<number | undefined> {
    return new Promise((resolve) => {
      const lp = spawn(
        'lp',
        [...this.#serverArgs(), '-d', this.#options.queue, '-t', title, '-o', 'document-format=application/pdf', '-'],
        {
          stdio: ['pipe', 'pipe', 'ignore'],
        },
      );
      let output = '';
      lp.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      lp.on('error', () => resolve(undefined));
      lp.on('close', (code) => {
        const match = /request id is .*-(\d+) /.exec(output);
        resolve(code === 0 && match?.[1] ? Number(match[1]) : undefined);
      });
      lp.stdin.on('error', () => undefined);
      lp.stdin.end(pdf);
    });
  }

  /** Follows the job to its end, or the deadline: 'completed', 'pending' (still to print), or how it ended otherwise. */
  async #follow(work: string, job: number): Promise<string> {
    const deadline = Date.now() + (this.#options.deadlineMs ?? 20_000);
    for (;;) {
      const [state = 'unknown'] = await this.#ipp(work, JOB_STATE, { job_id: String(job) }).catch(() => ['unknown']);
      if (state === 'completed' || state === 'canceled' || state === 'aborted') return state;
      if (Date.now() >= deadline) return 'pending';
      await sleep(this.#options.pollMs ?? 250);
    }
  }
}
