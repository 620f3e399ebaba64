// Is retrieval possible now, and when next? Every system of the chain must be running
// (§2.5); all rules are evaluated on Japanese wall-clock time.
import { isJapaneseHoliday } from './japanese-holidays.ts';
import type { ScheduleRule, SystemId, SystemSchedules } from './schedule-rules.ts';
import { fromTokyo, minuteOfDay, toTokyo, weekOfMonth, type TokyoDateTime } from './tokyo-time.ts';

const MINUTE = 60_000;
/** How far ahead "next available" looks: past the longest stop in the tables (year end). */
const HORIZON_MINUTES = 14 * 24 * 60;

const minutes = (clock: string): number => {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return hours * 60 + mins;
};

const WEEKEND_DAY_OFFSET = { sat: 0, sun: 1, mon: 2 } as const;

/** Minutes since the Saturday 00:00 of "sat 22:00" / "sun 08:00" / "mon 00:00". */
const weekendMinutes = (clock: string): number => {
  const [day = 'sat', time = '00:00'] = clock.split(' ');
  return WEEKEND_DAY_OFFSET[day as keyof typeof WEEKEND_DAY_OFFSET] * 1440 + minutes(time);
};

function inWeekendStop(time: TokyoDateTime, weeks: readonly number[], from: string, to: string): boolean {
  // Find the Saturday this weekend belongs to: today if Saturday, yesterday if Sunday, two days ago if Monday.
  const daysSinceSaturday = (time.weekday + 1) % 7;
  if (daysSinceSaturday > 2) return false;
  const saturday = toTokyo(new Date(fromTokyo(time.year, time.month, time.day).getTime() - daysSinceSaturday * 1440 * MINUTE));
  if (!weeks.includes(weekOfMonth(saturday.day))) return false;
  const sinceSaturday = daysSinceSaturday * 1440 + minuteOfDay(time);
  return sinceSaturday >= weekendMinutes(from) && sinceSaturday < weekendMinutes(to);
}

function inYearlyStop(time: TokyoDateTime, from: string, to: string): boolean {
  const position = (clock: string): number => {
    const [monthDay = '01-01', hourMinute = '00:00'] = clock.split(' ');
    const [month = 1, day = 1] = monthDay.split('-').map(Number);
    return (month * 32 + day) * 1440 + minutes(hourMinute);
  };
  const now = (time.month * 32 + time.day) * 1440 + minuteOfDay(time);
  const start = position(from);
  const end = position(to);
  return start <= end ? now >= start && now < end : now >= start || now < end; // across the new year
}

function inDailySpan(time: TokyoDateTime, from: string, to: string): boolean {
  const now = minuteOfDay(time);
  const start = minutes(from);
  const end = minutes(to);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

/** Which days are national holidays: the published calendar, or it with the branch's corrections. */
export type HolidayCalendar = (time: TokyoDateTime) => boolean;

/** Whether one rule lets the system run at this instant. */
function allows(rule: ScheduleRule, instant: Date, time: TokyoDateTime, isHoliday: HolidayCalendar): boolean {
  switch (rule.kind) {
    case 'daily-window':
      return inDailySpan(time, rule.from, rule.to);
    case 'closed-weekends-and-holidays':
      return time.weekday !== 0 && time.weekday !== 6 && !isHoliday(time);
    case 'daily-stop':
      return !inDailySpan(time, rule.from, rule.to);
    case 'weekend-stop':
      return !inWeekendStop(time, rule.weeks, rule.from, rule.to);
    case 'yearly-stop':
      return !inYearlyStop(time, rule.from, rule.to);
    case 'planned-stop':
      return instant.getTime() < Date.parse(rule.from) || instant.getTime() >= Date.parse(rule.to);
  }
}

export interface Availability {
  readonly available: boolean;
  /** The systems of the chain that are stopped now. */
  readonly stopped: readonly SystemId[];
}

export function availabilityAt(
  chain: readonly SystemId[],
  schedules: SystemSchedules,
  instant: Date,
  isHoliday: HolidayCalendar = isJapaneseHoliday,
): Availability {
  const time = toTokyo(instant);
  const stopped = chain.filter((system) => !schedules[system].every((rule) => allows(rule, instant, time, isHoliday)));
  return { available: stopped.length === 0, stopped };
}

/** The first minute at or after `instant` when every system of the chain runs, within two weeks. */
export function nextAvailableAt(chain: readonly SystemId[], schedules: SystemSchedules, instant: Date): Date | undefined {
  if (availabilityAt(chain, schedules, instant).available) return instant;
  const start = Math.ceil(instant.getTime() / MINUTE) * MINUTE;
  for (let step = 0; step <= HORIZON_MINUTES; step += 1) {
    const candidate = new Date(start + step * MINUTE);
    if (availabilityAt(chain, schedules, candidate).available) return candidate;
  }
  return undefined;
}
