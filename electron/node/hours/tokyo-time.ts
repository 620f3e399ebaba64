// Wall-clock time in Japan, whatever zone the machine is set to. Japan has used UTC+9 with
// no daylight saving since 1951, so a fixed offset is exact.
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface TokyoDateTime {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

export function toTokyo(instant: Date): TokyoDateTime {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** The instant of a Japanese wall-clock time. */
export function fromTokyo(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - JST_OFFSET_MS);
}

/** "2026-11-23": the key of the Japanese calendar day. */
export function tokyoDateKey(time: Pick<TokyoDateTime, 'year' | 'month' | 'day'>): string {
  return `${String(time.year)}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** Minutes since midnight, Japanese time. */
export const minuteOfDay = (time: TokyoDateTime): number => time.hour * 60 + time.minute;

/** Which Saturday of its month a day is on or after: 1 for days 1–7, 3 for days 15–21. */
export const weekOfMonth = (day: number): number => Math.ceil(day / 7);
