// The day-close report (日計表) of a Japan date and the daily outcome series for the operator
// menu's chart, read from the audit trail (day-counters.ts counts). Counts and identifiers of
// services only: the trail holds no personal data, and nothing of a session but its counts
// leaves here.
import type { BinReconciliation } from '../../common/maintenance/maintenance-view.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';
import type { ChainVerdict } from './audit-chain.ts';
import { rangeInstants } from './audit-export.ts';
import type { AuditTrail } from './audit-trail.ts';
import { countDays, outcomesByDay, type DayCounters, type OutcomeDay } from './day-counters.ts';

export interface YearlyUsers {
  /**
   * The business year (年度, 1 April to 31 March) the date falls in: how Japanese banks and the
   * public bodies behind マイナポータル report a year, so the count sits beside their figures.
   */
  readonly basis: 'fiscal-year';
  /** The Japan dates counted, both included: the year's first day to the report's date. */
  readonly from: string;
  readonly to: string;
  /** Distinct customer sessions started in those dates that reached 取引完了 (a customer who came twice counts twice). */
  readonly completedSessions: number;
  /** The trail's retention trimmed part of the year: the count is of what is left. */
  readonly partial: boolean;
}

export interface DayCloseReport {
  readonly format: 'kiosk-day-close/1';
  readonly date: string;
  readonly timeZone: 'Asia/Tokyo';
  readonly generatedAt: string;
  readonly total: DayCounters;
  /** By service id; '(none)' for sessions that chose none and what no service can be told for. */
  readonly services: Readonly<Record<string, DayCounters>>;
  readonly yearlyUsers: YearlyUsers;
  /** Whether the trail the counts come from is intact (its first broken link otherwise). */
  readonly trail: ChainVerdict;
  /** 取込カード管理簿 when the report was made (the kiosk's report; the command line reads the trail only). */
  readonly keptCards?: KeptCardsAtClose;
}

/** The cards the register still holds, and the retain unit's count reconciled against its records. */
export interface KeptCardsAtClose {
  /** Held for their owners (flagged ones included). */
  readonly open: number;
  /** Unclaimed past the configured days: for the bank's lost-property procedure. */
  readonly flagged: number;
  readonly reconciliation: BinReconciliation;
}

const DAY_MS = 86_400_000;

/** The first Japan date of the business year (1 April) that `date` falls in. */
export function fiscalYearStart(date: string): string {
  const [year = 0, month = 0] = date.split('-').map(Number);
  return `${String(month >= 4 ? year : year - 1)}-04-01`;
}

/** The Japan dates of the `days` days that end with `last`, oldest first. */
function datesEndingWith(last: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => tokyoDateKey(toTokyo(new Date(last.getTime() - (days - 1 - i) * DAY_MS))));
}

/** The day-close report of one Japan date ("2026-11-24"). */
export function dayClose(audit: AuditTrail, date: string, generatedAt: Date): Result<DayCloseReport, string> {
  const day = rangeInstants({ from: date, to: date });
  if ('error' in day) return err(`${date} is not a date YYYY-MM-DD`);
  const [counted] = countDays(audit.recordsForCounting(day.start, day.end), [date]);
  if (!counted) return err(`${date} could not be counted`);
  const from = fiscalYearStart(date);
  const year = rangeInstants({ from, to: date });
  if ('error' in year) return err(year.error);
  const trimmed = audit.trimmedThrough();
  return ok({
    format: 'kiosk-day-close/1',
    date,
    timeZone: 'Asia/Tokyo',
    generatedAt: generatedAt.toISOString(),
    total: counted.total,
    services: counted.services,
    yearlyUsers: {
      basis: 'fiscal-year',
      from,
      to: date,
      completedSessions: audit.completedSessions(year.start, year.end),
      partial: trimmed !== undefined && Date.parse(trimmed) >= year.start.getTime(),
    },
    trail: audit.verify(),
  });
}

/** The sessions started on each of the `days` Japan dates that end with `last`, by outcome, oldest first. */
export function sessionSeries(audit: AuditTrail, last: string, days = 14): Result<OutcomeDay[], string> {
  const lastDay = rangeInstants({ from: last, to: last });
  if ('error' in lastDay) return err(`${last} is not a date YYYY-MM-DD`);
  const dates = datesEndingWith(lastDay.start, days);
  const first = rangeInstants({ from: dates[0] ?? last, to: last });
  if ('error' in first) return err(first.error);
  return ok(outcomesByDay(audit.recordsForCounting(first.start, first.end), dates));
}
