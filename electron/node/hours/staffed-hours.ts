// When staff are at the branch's counter (its staffed hours, closed on bank holidays): the
// screens that would send a customer to the counter say so only then, and give the branch's
// phone number otherwise. Bank holidays are Saturdays and Sundays unless staffed hours name
// them, the national holidays (from the holiday table), 31 December to 3 January by default,
// and whatever dates the branch adds. Evaluated in Japan time, whatever the machine's zone.
import { z } from 'zod';
import { isJapaneseHoliday } from './japanese-holidays.ts';
import { ClockSchema } from './schedule-rules.ts';
import { minuteOfDay, toTokyo, tokyoDateKey } from './tokyo-time.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const StaffedSpanSchema = z
  .object({ days: z.array(z.enum(WEEKDAYS)).min(1), from: ClockSchema, to: ClockSchema })
  .strict()
  .refine((span) => minutes(span.from) < minutes(span.to), { message: 'from must be before to', path: ['to'] });

export const BranchSchema = z
  .object({
    /** When the counter is staffed, by weekday: [{ "days": ["mon", …, "fri"], "from": "09:00", "to": "15:00" }]. */
    staffedHours: z.array(StaffedSpanSchema).min(1),
    /** Days the counter is closed every year, as "MM-DD" (bank holidays: 31 December to 3 January). */
    closedEveryYear: z
      .array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '"MM-DD"'))
      .default(['12-31', '01-01', '01-02', '01-03']),
    /** Further days the counter is closed, as "YYYY-MM-DD" (national holidays need not be listed). */
    closedDates: z.array(z.iso.date()).default([]),
    /** The number customers are given when nobody is at the counter. */
    phone: z.string().regex(/^\+?[0-9][0-9-]{5,20}$/, 'digits and hyphens, e.g. "0120-000-000"'),
  })
  .strict();
export type Branch = z.infer<typeof BranchSchema>;

/** Whether staff are at the counter at this instant. */
export function counterStaffedAt(branch: Branch, instant: Date): boolean {
  const time = toTokyo(instant);
  const day = tokyoDateKey(time);
  if (isJapaneseHoliday(time) || branch.closedEveryYear.includes(day.slice(5)) || branch.closedDates.includes(day)) return false;
  const weekday = WEEKDAYS[time.weekday];
  const now = minuteOfDay(time);
  return branch.staffedHours.some(
    (span) => weekday !== undefined && span.days.includes(weekday) && now >= minutes(span.from) && now < minutes(span.to),
  );
}
