// The kiosk's records for the menu's pages: the 14-day series, the day-close report, a
// receipt's timeline, and what leaves the kiosk — the day-close report printed or saved, the
// audit trail exported — into the configured export folder (a removable medium on a terminal),
// checked before each use and said plainly when it is not there or not writable.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  DayCloseView,
  ExportFolderView,
  OutcomeDayView,
  ReceiptLookupView,
  RecordsDelivery,
} from '../../common/maintenance/records-view.ts';
import { DAY_CLOSE_COUNTS } from '../../common/maintenance/records-view.ts';
import type { ReceiptPrintOutcome } from '../session/session-types.ts';
import { dayClosePdf } from '../printing/day-close-pdf.ts';
import type { DocumentPrinter } from '../printing/receipt-printer.ts';
import { exportAuditTrail } from '../storage/audit-export.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import { dayClose, sessionSeries, type DayCloseReport, type KeptCardsAtClose } from '../storage/day-close.ts';
import type { DayCounters } from '../storage/day-counters.ts';
import { receiptTimeline } from '../storage/trace-receipt.ts';
import { todayIn } from './records-form.ts';

export interface RecordsOptions {
  readonly audit: AuditTrail;
  readonly now: () => Date;
  /** Config `records.exportFolder`: an absolute path, or none. */
  readonly exportFolder: string | undefined;
  /** The terminal's printer for staff documents, where it has one. */
  readonly printer: DocumentPrinter | undefined;
  /** 取込カード管理簿 at the close: part of the report staff print or save. */
  readonly keptCards: () => KeptCardsAtClose;
}

/** What an output did, for the machine's result and the page. */
export interface RecordsOutcome {
  readonly ok: boolean;
  readonly reason?: string;
  readonly delivery: RecordsDelivery;
}

/** The folder as the kiosk finds it now: there, a folder, and writable by the kiosk. */
export function exportFolderState(path: string | undefined): ExportFolderView {
  if (path === undefined) return { kind: 'not-configured' };
  try {
    if (!statSync(path).isDirectory()) return { kind: 'not-a-folder', path };
  } catch {
    return { kind: 'missing', path };
  }
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return { kind: 'not-writable', path };
  }
  return { kind: 'ready', path };
}

const sum = (value: number | Readonly<Record<string, number>>): number =>
  typeof value === 'number' ? value : Object.values(value).reduce((total, count) => total + count, 0);

/** The report's lines as the page shows them: counts only. */
export function dayCloseView(report: DayCloseReport): DayCloseView {
  const counts = Object.fromEntries(DAY_CLOSE_COUNTS.map((name) => [name, sum(report.total[name])])) as DayCloseView['counts'];
  return {
    date: report.date,
    counts,
    services: Object.entries(report.services).map(([id, counters]: [string, DayCounters]) => ({
      id,
      started: counters.sessionsStarted,
      completed: counters.completed,
    })),
    yearly: {
      from: report.yearlyUsers.from,
      completedSessions: report.yearlyUsers.completedSessions,
      partial: report.yearlyUsers.partial,
    },
    trail: report.trail.ok ? { ok: true } : { ok: false, seq: report.trail.seq, problem: report.trail.problem },
  };
}

// To the millisecond: a print that fell back to a PDF, then a save, must not collide (files are never overwritten).
const stamp = (now: Date): string => now.toISOString().replaceAll(/[-:.]/g, '');

const printed = (outcome: ReceiptPrintOutcome): RecordsDelivery['printed'] =>
  outcome.kind === 'printed' ? { ok: true } : { ok: false, reason: outcome.kind === 'failed' ? outcome.reason : 'none' };

export class Records {
  readonly #options: RecordsOptions;
  /**
   * The pages are drawn again at every touch: the series and the report (whose chain check reads
   * the whole trail) are counted again only once the trail has grown or the day has changed.
   */
  readonly #counted = new Map<string, unknown>();

  constructor(options: RecordsOptions) {
    this.#options = options;
  }

  get hasPrinter(): boolean {
    return this.#options.printer !== undefined;
  }

  folder(): ExportFolderView {
    return exportFolderState(this.#options.exportFolder);
  }

  #once<T>(what: string, count: () => T): T {
    const key = `${what}@${String(this.#options.audit.recent(1)[0]?.seq ?? 0)}`;
    if (!this.#counted.has(key)) {
      this.#counted.clear();
      this.#counted.set(key, count());
    }
    return this.#counted.get(key) as T;
  }

  /** The last 14 days' sessions by outcome, oldest first; undefined when they cannot be counted. */
  series(): readonly OutcomeDayView[] | undefined {
    const today = todayIn(this.#options.now());
    return this.#once(`series:${today}`, () => {
      const series = sessionSeries(this.#options.audit, today);
      return series.ok ? series.value : undefined;
    });
  }

  dayClose(date: string): DayCloseView | undefined {
    return this.#once(`day-close:${date}`, () => {
      const report = dayClose(this.#options.audit, date, this.#options.now());
      return report.ok ? dayCloseView(report.value) : undefined;
    });
  }

  /** The session a receipt or kiosk reference names, with its timeline (no card hash, nothing personal). */
  lookup(quoted: string): ReceiptLookupView {
    const found = receiptTimeline(this.#options.audit.recordsOfReceipt(quoted), quoted);
    if (!found) return { kind: 'not-found', quoted };
    return {
      kind: 'found',
      quoted,
      service: found.service,
      receipt: found.trace.receipt,
      reference: found.trace.reference,
      timeline: found.timeline,
    };
  }

  /** Writes files into the export folder, checked first; never overwrites. */
  #save(files: readonly { name: string; content: string | Buffer }[]): RecordsDelivery['saved'] {
    const folder = this.folder();
    if (folder.kind !== 'ready') return { ok: false, reason: `folder-${folder.kind}` };
    try {
      for (const file of files) writeFileSync(join(folder.path, file.name), file.content, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      return { ok: false, reason: `write-${(error as NodeJS.ErrnoException).code ?? 'failed'}` };
    }
    return { ok: true, folder: folder.path, files: files.map((file) => file.name) };
  }

  /**
   * The day-close report of a date: to the printer where the terminal has one (and, should it
   * fail, as a PDF into the export folder), else as a PDF into the folder; or saved there as
   * JSON and PDF. Whatever happened is what the page says.
   */
  async dayCloseOut(date: string, to: 'printer' | 'folder'): Promise<RecordsOutcome> {
    const { audit, now, printer } = this.#options;
    const counted = dayClose(audit, date, now());
    if (!counted.ok) return { ok: false, reason: 'not-counted', delivery: { printed: undefined, saved: undefined } };
    const report = { ...counted.value, keptCards: this.#options.keptCards() };
    const pdf = await dayClosePdf(report);
    const base = `day-close_${date}_generated-${stamp(now())}`;
    if (to === 'printer' && printer) {
      const outcome = printed(await printer.printDocument(pdf));
      if (outcome?.ok) return { ok: true, delivery: { printed: outcome, saved: undefined } };
      const saved = this.#save([{ name: `${base}.pdf`, content: pdf }]);
      return { ok: saved?.ok === true, reason: 'print-failed', delivery: { printed: outcome, saved } };
    }
    const files =
      to === 'printer'
        ? [{ name: `${base}.pdf`, content: pdf }]
        : [
            { name: `${base}.json`, content: `${JSON.stringify(report, null, 2)}\n` },
            { name: `${base}.pdf`, content: pdf },
          ];
    const saved = this.#save(files);
    return { ok: saved?.ok === true, ...(saved?.ok ? {} : { reason: 'not-saved' }), delivery: { printed: undefined, saved } };
  }

  /** The audit trail of a range of Japan dates, as CSV, JSON and manifest, into the export folder (recorded by the trail). */
  exportAudit(from: string, to: string): RecordsOutcome {
    const folder = this.folder();
    if (folder.kind !== 'ready') {
      return {
        ok: false,
        reason: `folder-${folder.kind}`,
        delivery: { printed: undefined, saved: { ok: false, reason: `folder-${folder.kind}` } },
      };
    }
    const exported = exportAuditTrail(this.#options.audit, { from, to }, folder.path, this.#options.now());
    if (!exported.ok)
      return { ok: false, reason: 'not-written', delivery: { printed: undefined, saved: { ok: false, reason: 'write-failed' } } };
    const files = exported.value.manifest.files.map((file) => file.name);
    const manifest = exported.value.paths.map((path) => path.split(/[\\/]/).at(-1) ?? path).filter((name) => !files.includes(name));
    return {
      ok: true,
      delivery: {
        printed: undefined,
        saved: { ok: true, folder: folder.path, files: [...files, ...manifest], entries: exported.value.manifest.entries },
      },
    };
  }
}
