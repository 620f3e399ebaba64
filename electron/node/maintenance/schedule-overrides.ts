// The branch's own corrections to the operating hours, entered in the maintenance menu and
// kept in the kiosk database: planned stops of a system (e.g. マイナポータル's announced 第3土日
// hours), days to treat as national holidays or as ordinary days (a newly declared holiday
// the published calendar does not know yet), and the branch's staffed hours. They are a layer
// of their own: effective-availability.ts combines them with the schedule the kiosk runs on.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ScheduleOverridesView, StaffedHours } from '../../common/maintenance/maintenance-view.ts';
import { SystemIdSchema, type SystemId } from '../hours/schedule-rules.ts';
import type { MaintenanceStateStore } from './maintenance-state.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const WindowSchema = z.object({ from: clock, to: clock }).nullable();
export const StaffedHoursSchema = z.object({ weekdays: WindowSchema, saturday: WindowSchema, sundaysAndHolidays: WindowSchema });

const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const staff = z.string().regex(/^[0-9]{4,8}$/);

export const PlannedStopSchema = z.object({
  id: z.string().regex(/^stop-[a-z0-9]{8}$/),
  system: SystemIdSchema,
  from: instant,
  until: instant,
  by: staff,
  approvedBy: staff,
});
export type PlannedStop = z.infer<typeof PlannedStopSchema>;

export const HolidayOverrideSchema = z.object({ date: day, holiday: z.boolean(), by: staff, approvedBy: staff });
export type HolidayOverride = z.infer<typeof HolidayOverrideSchema>;

export const ScheduleOverridesSchema = z.object({
  stops: z.array(PlannedStopSchema).max(200),
  holidays: z.array(HolidayOverrideSchema).max(400),
  staffedHours: StaffedHoursSchema.optional(),
});
export type ScheduleOverrides = z.infer<typeof ScheduleOverridesSchema>;

export const NO_OVERRIDES: ScheduleOverrides = { stops: [], holidays: [] };

const NAME = 'schedule-overrides';

export class ScheduleOverrideStore {
  readonly #state: MaintenanceStateStore;
  readonly #now: () => Date;
  #current: ScheduleOverrides;
  #version = 0;

  constructor(state: MaintenanceStateStore, now: () => Date) {
    this.#state = state;
    this.#now = now;
    this.#current = state.read(NAME, ScheduleOverridesSchema, NO_OVERRIDES);
  }

  /** Read on every evaluation: a change applies to the next screen and session, without a restart. */
  get(): ScheduleOverrides {
    return this.#current;
  }

  /** Counts changes: what was computed from the overrides is good until it moves. */
  get version(): number {
    return this.#version;
  }

  #save(next: ScheduleOverrides): void {
    this.#state.write(NAME, next);
    this.#current = next;
    this.#version += 1;
  }

  addStop(stop: { system: SystemId; from: string; until: string }, by: { staff: string; approvedBy: string }): PlannedStop {
    const added = { id: `stop-${randomBytes(4).toString('hex')}`, ...stop, by: by.staff, approvedBy: by.approvedBy };
    // Stops that ended a week ago are of no use any more: the list stays short.
    const weekAgo = this.#now().getTime() - 7 * 86_400_000;
    this.#save({ ...this.#current, stops: [...this.#current.stops.filter((kept) => Date.parse(kept.until) > weekAgo), added] });
    return added;
  }

  /** A day treated as a holiday, or as an ordinary day; one override per day. */
  setHoliday(date: string, holiday: boolean, by: { staff: string; approvedBy: string }): void {
    const others = this.#current.holidays.filter((kept) => kept.date !== date);
    const entry = { date, holiday, by: by.staff, approvedBy: by.approvedBy };
    this.#save({ ...this.#current, holidays: [...others, entry].sort((a, b) => a.date.localeCompare(b.date)) });
  }

  setStaffedHours(hours: StaffedHours): void {
    this.#save({ ...this.#current, staffedHours: hours });
  }

  /** A stop by its id, or a holiday override by its date. */
  remove(id: string): 'stop' | 'holiday' | undefined {
    const { stops, holidays } = this.#current;
    if (stops.some((stop) => stop.id === id)) {
      this.#save({ ...this.#current, stops: stops.filter((stop) => stop.id !== id) });
      return 'stop';
    }
    if (holidays.some((entry) => entry.date === id)) {
      this.#save({ ...this.#current, holidays: holidays.filter((entry) => entry.date !== id) });
      return 'holiday';
    }
    return undefined;
  }
}

export function overridesView(overrides: ScheduleOverrides): ScheduleOverridesView {
  return {
    stops: overrides.stops.map(({ id, system, from, until }) => ({ id, system, from, until })),
    holidays: overrides.holidays.map(({ date, holiday }) => ({ date, holiday })),
    staffedHours: overrides.staffedHours,
  };
}
