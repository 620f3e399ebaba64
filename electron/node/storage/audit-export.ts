// An export of the audit trail for the bank: the entries of a range of Japan dates as CSV and
// as JSON, and a manifest with the SHA-256 of each file, the range, the chain's hashes at its
// ends and the count, so that a copy can be checked against itself and against the kiosk.
// Only the allow-listed columns leave the kiosk; the trail holds no personal data by
// construction (audit-trail.ts keeps short identifiers, numbers and flags only), and a test
// runs whole sessions with canary values through an export to hold it to that.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import type { ChainRow, ChainVerdict } from './audit-chain.ts';
import { fromTokyo, toTokyo } from '../hours/tokyo-time.ts';
import type { AuditTrail } from './audit-trail.ts';

/** The columns an export carries, in order: nothing else of a row leaves the kiosk. */
export const EXPORT_COLUMNS = ['seq', 'at', 'session', 'event', 'detail', 'prev', 'hash'] as const;

/** A range of Japan dates, both included ("2026-11-01" to "2026-11-30"). */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export interface ExportFile {
  readonly name: string;
  readonly content: string;
}

export interface AuditManifest {
  readonly format: 'kiosk-audit-export/1';
  /** Japan dates, both included, and the instants they cover: [start, end). */
  readonly range: DateRange & { readonly start: string; readonly end: string; readonly timeZone: 'Asia/Tokyo' };
  readonly exportedAt: string;
  readonly entries: number;
  /** The hash the first exported entry follows, and the first and last exported entries' own. */
  readonly chain: { readonly previousHash: string | null; readonly firstHash: string | null; readonly lastHash: string | null };
  /** The whole trail's state when exported: ok with its count, or its first broken link. */
  readonly verification: ChainVerdict;
  readonly files: readonly { readonly name: string; readonly sha256: string; readonly bytes: number }[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a Japan date starts; undefined for a string that is no date. */
function startOfTokyoDate(date: string): Date | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = fromTokyo(year, month, day);
  // Date.UTC rolls 2026-02-30 over into March: such a date is refused, not moved.
  const back = toTokyo(start);
  return back.year === year && back.month === month && back.day === day ? start : undefined;
}

/** The instants [start, end) of a range of Japan dates, or what is wrong with it. */
export function rangeInstants(range: DateRange): { start: Date; end: Date } | { error: string } {
  const start = startOfTokyoDate(range.from);
  const last = startOfTokyoDate(range.to);
  if (!start) return { error: `--from ${range.from} is not a date YYYY-MM-DD` };
  if (!last) return { error: `--to ${range.to} is not a date YYYY-MM-DD` };
  if (last < start) return { error: `the range ends (${range.to}) before it starts (${range.from})` };
  return { start, end: new Date(last.getTime() + 86_400_000) };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Only the allow-listed columns of a row, `detail` as the exact text its hash covers. */
const exported = (row: ChainRow): Record<(typeof EXPORT_COLUMNS)[number], string | number | null> =>
  Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column]])) as Record<
    (typeof EXPORT_COLUMNS)[number],
    string | number | null
  >;

/** The export's files (CSV, JSON, manifest) for the entries of a range: no I/O. */
export function buildAuditExport(
  rows: readonly ChainRow[],
  range: DateRange & { readonly start: Date; readonly end: Date },
  verification: ChainVerdict,
  exportedAt: Date,
): { files: ExportFile[]; manifest: AuditManifest } {
  // The moment of export in the name: a second export of the same range sits beside the first.
  const base = `audit_${range.from}_${range.to}_exported-${exportedAt.toISOString().replaceAll(/[-:]|\.\d+/g, '')}`;
  const records = rows.map(exported);
  const csv = [EXPORT_COLUMNS.join(','), ...records.map((record) => EXPORT_COLUMNS.map((column) => csvField(record[column])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
  const json = `${JSON.stringify({ range: { from: range.from, to: range.to }, columns: EXPORT_COLUMNS, entries: records }, null, 2)}\n`;
  const data = [
    { name: `${base}.csv`, content: csv },
    { name: `${base}.json`, content: json },
  ];
  const first = rows.at(0);
  const last = rows.at(-1);
  const manifest: AuditManifest = {
    format: 'kiosk-audit-export/1',
    range: { from: range.from, to: range.to, start: range.start.toISOString(), end: range.end.toISOString(), timeZone: 'Asia/Tokyo' },
    exportedAt: exportedAt.toISOString(),
    entries: rows.length,
    chain: { previousHash: first?.prev ?? null, firstHash: first?.hash ?? null, lastHash: last?.hash ?? null },
    verification,
    files: data.map((file) => ({ name: file.name, sha256: sha256(file.content), bytes: Buffer.byteLength(file.content, 'utf8') })),
  };
  return { files: [...data, { name: `${base}.manifest.json`, content: `${JSON.stringify(manifest, null, 2)}\n` }], manifest };
}

/** Writes the files into `folder` (made if missing); never overwrites an earlier export. */
export function writeAuditExport(folder: string, files: readonly ExportFile[]): string[] {
  mkdirSync(folder, { recursive: true });
  return files.map((file) => {
    const path = join(folder, file.name);
    writeFileSync(path, file.content, { flag: 'wx', mode: 0o600 });
    return path;
  });
}

/**
 * Exports the entries of a range of Japan dates from the trail into `folder`, and records the
 * export in the trail (after the files are written: the export does not contain its own
 * record). For the operator menu (behind its dual control) and `npm run audit -- export`.
 */
export function exportAuditTrail(
  audit: AuditTrail,
  range: DateRange,
  folder: string,
  now: Date,
): Result<{ manifest: AuditManifest; paths: string[] }, string> {
  const instants = rangeInstants(range);
  if ('error' in instants) return err(instants.error);
  const rows = audit.entriesBetween(instants.start, instants.end);
  const { files, manifest } = buildAuditExport(rows, { ...range, ...instants }, audit.verify(), now);
  let paths: string[];
  try {
    paths = writeAuditExport(folder, files);
  } catch (error) {
    return err(`cannot write the export into ${folder}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}`);
  }
  audit.record({ event: 'audit-exported', from: range.from, to: range.to, entries: rows.length });
  return ok({ manifest, paths });
}
