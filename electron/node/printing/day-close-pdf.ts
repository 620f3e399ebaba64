// The day-close report (日計表) as an A4 PDF for the branch's files: one row per counter (and
// per reason or screen where a counter has them), the day's total and each service's count in
// columns, and the business year's user count. Counts and service ids only. Drawn with pdfkit in
// the slip's font (receipt-pdf.ts), embedded as a subset.
import PDFDocument from 'pdfkit';
import type { DayCloseReport } from '../storage/day-close.ts';
import type { DayCounters } from '../storage/day-counters.ts';
import { DEFAULT_SLIP_FONT } from './receipt-pdf.ts';

/** One line of the table: what is counted, the day's total and each service's count. */
export interface DayCloseRow {
  readonly label: string;
  readonly total: number;
  readonly services: readonly number[];
}

const LABELS: Readonly<Record<keyof DayCounters, string>> = {
  sessionsStarted: '利用開始 Sessions started',
  completed: '取引完了 Completed',
  declined: '中止 Declined at review',
  cancelled: '取消 Cancelled on',
  timedOut: '時間切れ Timed out',
  unavailable: '取得不可 Unavailable (hours)',
  retrievalFailures: '取得失敗 Retrieval failed',
  pinFailed: '暗証番号誤り PIN wrong',
  pinBlocked: '暗証番号ロック PIN blocked',
  cardErrors: 'カードエラー Card error',
  cardSwapped: 'カード入替 Card swapped',
  cardRemoved: 'カード抜取 Card removed',
  readerLost: 'リーダー断 Reader lost',
  submissionsDelivered: '送信完了 Delivered',
  submissionsQueued: '送信待ち Queued',
  submissionsExpired: '期限切れ Expired',
  submissionsRejected: '送信拒否 Rejected',
  cardsRetained: 'カード取込 Cards retained',
  cardsLeftBehind: 'カード置忘れ Cards left behind',
};

/** The table's rows: every counter, each reason or screen of a counter kept by reason on a row of its own. */
export function dayCloseRows(report: DayCloseReport): { services: string[]; rows: DayCloseRow[] } {
  const services = Object.keys(report.services);
  const counts = services.map((id) => report.services[id]);
  const rows = (Object.keys(LABELS) as (keyof DayCounters)[]).flatMap((key): DayCloseRow[] => {
    const total = report.total[key];
    if (typeof total === 'number')
      return [{ label: LABELS[key], total, services: counts.map((counters) => (counters?.[key] as number | undefined) ?? 0) }];
    const reasons = Object.keys(total).sort();
    if (reasons.length === 0) return [{ label: LABELS[key], total: 0, services: counts.map(() => 0) }];
    return reasons.map((reason) => ({
      label: `${LABELS[key]}: ${reason}`,
      total: total[reason] ?? 0,
      services: counts.map((counters) => (counters?.[key] as Readonly<Record<string, number>> | undefined)?.[reason] ?? 0),
    }));
  });
  return { services, rows };
}

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = 40;
const LABEL_WIDTH = 190;
const COLUMN_WIDTH = 62;
/** Service columns beside the total on one table: more services continue in a table below. */
const SERVICES_PER_TABLE = Math.floor((PAGE.width - MARGIN * 2 - LABEL_WIDTH - COLUMN_WIDTH) / COLUMN_WIDTH);
const ROW = 15;

export function dayClosePdf(report: DayCloseReport, font: { file: string; face: string } = DEFAULT_SLIP_FONT): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `日計表 ${report.date}`, Producer: 'mynaportal-kiosk' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(font.file, font.face);
  // No OpenType features, as on the slip: each character one glyph, so text extraction reads it back.
  const say = (text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void => {
    doc.text(text, x, y, { lineBreak: false, features: [], ...options });
  };
  doc.fontSize(16);
  say(`日計表 Day-close report ${report.date}`, MARGIN, MARGIN);
  doc.fontSize(9);
  say(`${report.timeZone} · generated ${report.generatedAt}`, MARGIN, MARGIN + 24);
  say(
    report.trail.ok
      ? `監査証跡 Audit trail: intact (${String(report.trail.entries)} entries)`
      : `監査証跡 Audit trail: BROKEN — ${report.trail.message}`,
    MARGIN,
    MARGIN + 37,
  );
  const { yearlyUsers } = report;
  say(
    `年度利用者数 Users this business year (${yearlyUsers.from} – ${yearlyUsers.to}): ${String(yearlyUsers.completedSessions)}${yearlyUsers.partial ? ' (partial: trimmed by retention)' : ''}`,
    MARGIN,
    MARGIN + 50,
  );
  const { keptCards } = report;
  if (keptCards) {
    const { binCount, recorded, matches } = keptCards.reconciliation;
    const bin =
      binCount === undefined
        ? 'retain bin count not reported'
        : `retain bin ${String(binCount)} / recorded ${String(recorded)}${matches ? ' (agree)' : ' (DIFFER: check the bin)'}`;
    say(
      `取込カード Retained cards: held ${String(keptCards.open)}, lost-property ${String(keptCards.flagged)}; ${bin}`,
      MARGIN,
      MARGIN + 63,
    );
  }
  const { services, rows } = dayCloseRows(report);
  let y = MARGIN + (keptCards ? 89 : 76);
  for (let first = 0; first === 0 || first < services.length; first += SERVICES_PER_TABLE) {
    const shown = services.slice(first, first + SERVICES_PER_TABLE);
    if (y + ROW * (rows.length + 3) > PAGE.height - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
    const column = (i: number): number => MARGIN + LABEL_WIDTH + COLUMN_WIDTH * i;
    // A service id may take two lines (it breaks at its hyphens).
    doc.fontSize(7);
    say('合計 Total', column(0), y, { width: COLUMN_WIDTH - 4, align: 'right' });
    shown.forEach((service, i) =>
      say(service, column(i + 1), y, { width: COLUMN_WIDTH - 4, height: ROW * 1.5, align: 'right', lineBreak: true, ellipsis: true }),
    );
    y += ROW * 1.7;
    doc
      .moveTo(MARGIN, y - 3)
      .lineTo(column(shown.length + 1), y - 3)
      .stroke();
    doc.fontSize(9);
    for (const row of rows) {
      say(row.label, MARGIN, y, { width: LABEL_WIDTH - 6, ellipsis: true });
      say(String(row.total), column(0), y, { width: COLUMN_WIDTH - 4, align: 'right' });
      shown.forEach((_, i) => say(String(row.services[first + i] ?? 0), column(i + 1), y, { width: COLUMN_WIDTH - 4, align: 'right' }));
      y += ROW;
    }
    y += ROW;
  }
  doc.end();
  return done;
}
