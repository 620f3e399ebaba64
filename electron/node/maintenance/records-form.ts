// What staff choose on the records pages, as pure logic: the day-close report's date and an
// export's range (moved by days, never past today, the range never reversed), and the receipt
// number typed on the lookup's keypad (its alphabet only, two blocks of four).
import { RECEIPT_BLOCK } from '../../common/receipt-number.ts';
import { toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';

export interface RecordsForm {
  /** The day-close report's Japan date. */
  readonly day: string;
  /** The export's first and last Japan dates, both included. */
  readonly from: string;
  readonly to: string;
  /** The receipt number typed, without the hyphen. */
  readonly typed: string;
  /** The number looked up last (the lookup shows its timeline until the typing changes). */
  readonly lookedUp: string | undefined;
}

const DAY_MS = 86_400_000;

/** The calendar date `days` after a date "YYYY-MM-DD" (calendar arithmetic: no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

export const todayIn = (now: Date): string => tokyoDateKey(toTokyo(now));

/** Today's report, and the last 7 days to export. */
export function freshRecordsForm(now: Date): RecordsForm {
  const today = todayIn(now);
  return { day: today, from: addDays(today, -6), to: today, typed: '', lookedUp: undefined };
}

/** A date moved by days: never after today; an export's first day never after its last, nor its last before its first. */
export function moveDay(form: RecordsForm, field: 'day' | 'from' | 'to', days: number, now: Date): RecordsForm {
  const today = todayIn(now);
  const moved = addDays(form[field], days);
  const latest = field === 'from' ? form.to : today;
  const earliest = field === 'to' ? form.from : undefined;
  let date = moved > latest ? latest : moved;
  if (earliest !== undefined && date < earliest) date = earliest;
  return { ...form, [field]: date };
}

/** The receipt number's characters: at most two blocks; a change of typing clears the last lookup. */
export function typeReceipt(form: RecordsForm, key: { readonly key: string } | 'backspace'): RecordsForm {
  if (key === 'backspace') return { ...form, typed: form.typed.slice(0, -1), lookedUp: undefined };
  if (form.typed.length >= RECEIPT_BLOCK * 2) return form;
  return { ...form, typed: form.typed + key.key, lookedUp: undefined };
}

/** The number as quoted (XXXX-XXXX), once both blocks are typed. */
export function typedReceipt(form: RecordsForm): string | undefined {
  return form.typed.length === RECEIPT_BLOCK * 2 ? `${form.typed.slice(0, RECEIPT_BLOCK)}-${form.typed.slice(RECEIPT_BLOCK)}` : undefined;
}
