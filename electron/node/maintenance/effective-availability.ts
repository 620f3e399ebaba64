// Whether a service can be offered at an instant, from every layer that has a say, and when
// that changes next:
//   1. the schedule in force (ScheduleSource: the gateway's published one once fetched, else
//      the §2.5 tables corrected by the configuration), with the branch's planned stops added
//      as 'planned-stop' rules of their system and the holiday calendar corrected by the
//      branch's holiday overrides;
//   2. the branch's staffed hours: outside them no service is offered;
//   3. staff's switch for the service: off within its window.
// A service is available when all three allow it. Pure: the live layers are read by the
// caller (ServiceAvailability below), so every screen and session sees a change at once.
import type { ServiceAvailabilityView, StaffedHours } from '../../common/maintenance/maintenance-view.ts';
import { isJapaneseHoliday } from '../hours/japanese-holidays.ts';
import { availabilityAt, type HolidayCalendar } from '../hours/operating-hours.ts';
import type { ScheduleRule, SystemId, SystemSchedules } from '../hours/schedule-rules.ts';
import { minuteOfDay, toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';
import { retrievalChain, type Service } from '../services/service-catalog.ts';
import type { ScheduleOverrides, ScheduleOverrideStore } from './schedule-overrides.ts';
import type { ServiceControl, ServiceSwitch } from './service-control.ts';

export interface AvailabilityLayers {
  /** The schedule in force when the layers were read (ScheduleSource.current()). */
  readonly schedules: SystemSchedules;
  readonly overrides: ScheduleOverrides;
  /** The branch's staffed hours; undefined: no limit of the branch's own. */
  readonly staffedHours: StaffedHours | undefined;
  readonly switches: readonly ServiceSwitch[];
}

/** Why a service is not offered. */
export type Blocker =
  | { readonly kind: 'switched-off'; readonly serviceSwitch: ServiceSwitch }
  | { readonly kind: 'unstaffed' }
  | { readonly kind: 'systems'; readonly systems: readonly SystemId[] };

/** The layers made ready for evaluating many instants. */
interface Compiled {
  readonly schedules: SystemSchedules;
  readonly isHoliday: HolidayCalendar;
  readonly staffedHours: StaffedHours | undefined;
  readonly switches: readonly ServiceSwitch[];
}

/** The published calendar, corrected by the branch's holiday overrides. */
export function holidayCalendar(overrides: ScheduleOverrides): HolidayCalendar {
  const corrected = new Map(overrides.holidays.map((entry) => [entry.date, entry.holiday]));
  return (time) => corrected.get(tokyoDateKey(time)) ?? isJapaneseHoliday(time);
}

/** The schedule with the branch's planned stops added to their systems. */
export function withPlannedStops(schedules: SystemSchedules, overrides: ScheduleOverrides): SystemSchedules {
  if (overrides.stops.length === 0) return schedules;
  const combined: Record<SystemId, readonly ScheduleRule[]> = { ...schedules };
  for (const stop of overrides.stops) {
    combined[stop.system] = [...combined[stop.system], { kind: 'planned-stop', from: stop.from, to: stop.until }];
  }
  return combined;
}

const compile = (layers: AvailabilityLayers): Compiled => ({
  schedules: withPlannedStops(layers.schedules, layers.overrides),
  isHoliday: holidayCalendar(layers.overrides),
  staffedHours: layers.staffedHours,
  switches: layers.switches,
});

const minutes = (clock: string): number => {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return hours * 60 + mins;
};

/** Whether the branch is staffed at an instant (Japan time; Sundays and holidays share their hours). */
export function staffedAt(hours: StaffedHours | undefined, instant: Date, isHoliday: HolidayCalendar): boolean {
  if (!hours) return true;
  const time = toTokyo(instant);
  const window = time.weekday === 0 || isHoliday(time) ? hours.sundaysAndHolidays : time.weekday === 6 ? hours.saturday : hours.weekdays;
  if (!window) return false;
  const now = minuteOfDay(time);
  return now >= minutes(window.from) && now < minutes(window.to);
}

const switchedOffAt = (entry: ServiceSwitch, instant: Date): boolean =>
  instant.getTime() >= Date.parse(entry.from) && (entry.until === undefined || instant.getTime() < Date.parse(entry.until));

function blockersAt(service: Service, layers: Compiled, instant: Date): Blocker[] {
  const blockers: Blocker[] = [];
  const serviceSwitch = layers.switches.find((entry) => entry.serviceId === service.id && switchedOffAt(entry, instant));
  if (serviceSwitch) blockers.push({ kind: 'switched-off', serviceSwitch });
  if (!staffedAt(layers.staffedHours, instant, layers.isHoliday)) blockers.push({ kind: 'unstaffed' });
  const { stopped } = availabilityAt(retrievalChain(service), layers.schedules, instant, layers.isHoliday);
  if (stopped.length > 0) blockers.push({ kind: 'systems', systems: stopped });
  return blockers;
}

export function blockersOf(service: Service, layers: AvailabilityLayers, instant: Date): Blocker[] {
  return blockersAt(service, compile(layers), instant);
}

const MINUTE = 60_000;
/** How far ahead a change is looked for: past the longest stop in the tables (year end). */
const HORIZON_MINUTES = 14 * 24 * 60;

/** The first whole minute after `instant` at which the service's availability differs from now (within two weeks). */
export function nextChangeAt(service: Service, layers: AvailabilityLayers, instant: Date): Date | undefined {
  const compiled = compile(layers);
  const now = blockersAt(service, compiled, instant).length === 0;
  const start = Math.floor(instant.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let step = 0; step <= HORIZON_MINUTES; step += 1) {
    const candidate = new Date(start + step * MINUTE);
    if ((blockersAt(service, compiled, candidate).length === 0) !== now) return candidate;
  }
  return undefined;
}

export interface Availability {
  readonly available: boolean;
  /** When an unavailable service is next available (within two weeks); undefined when it is available now. */
  readonly nextAvailableAt: string | undefined;
}

export function availabilityOf(service: Service, layers: AvailabilityLayers, instant: Date): Availability {
  if (blockersOf(service, layers, instant).length === 0) return { available: true, nextAvailableAt: undefined };
  return { available: false, nextAvailableAt: nextChangeAt(service, layers, instant)?.toISOString() };
}

export function availabilityView(service: Service, layers: AvailabilityLayers, instant: Date): ServiceAvailabilityView {
  const serviceSwitch = layers.switches.find((entry) => entry.serviceId === service.id);
  return {
    id: service.id,
    name: service.name,
    available: blockersOf(service, layers, instant).length === 0,
    nextChangeAt: nextChangeAt(service, layers, instant)?.toISOString(),
    switchedOff: serviceSwitch && { reason: serviceSwitch.reason, from: serviceSwitch.from, until: serviceSwitch.until },
  };
}

/**
 * The layers as they are now: read at every question, so a change applies without a restart.
 * Answers are kept for the minute, until a layer changes: looking two weeks ahead minute by
 * minute is too slow to repeat for every touch on the screen.
 */
export class ServiceAvailability {
  readonly #schedules: { current(): SystemSchedules };
  readonly #overrides: ScheduleOverrideStore;
  readonly #control: ServiceControl;
  readonly #services: readonly Service[];
  readonly #now: () => Date;
  #cache = new Map<string, Availability | ServiceAvailabilityView>();
  #cachedFor = '';
  /** The schedule the cache was computed with: a newly fetched one is a new object (ScheduleSource). */
  #cachedSchedules: SystemSchedules | undefined;

  constructor(options: {
    /** The schedule in force, read at every question: the gateway may publish a new one while the kiosk runs. */
    schedules: { current(): SystemSchedules };
    overrides: ScheduleOverrideStore;
    control: ServiceControl;
    services: readonly Service[];
    now: () => Date;
  }) {
    this.#schedules = options.schedules;
    this.#overrides = options.overrides;
    this.#control = options.control;
    this.#services = options.services;
    this.#now = options.now;
  }

  layers(): AvailabilityLayers {
    const overrides = this.#overrides.get();
    return { schedules: this.#schedules.current(), overrides, staffedHours: overrides.staffedHours, switches: this.#control.switches() };
  }

  /** What was computed this minute with the layers as they are. */
  #remembered<T extends Availability | ServiceAvailabilityView>(key: string, compute: () => T): T {
    const minute = Math.floor(this.#now().getTime() / 60_000);
    const era = `${String(minute)}/${String(this.#overrides.version)}/${String(this.#control.version)}`;
    const schedules = this.#schedules.current();
    if (era !== this.#cachedFor || schedules !== this.#cachedSchedules) {
      this.#cache = new Map();
      this.#cachedFor = era;
      this.#cachedSchedules = schedules;
    }
    const known = this.#cache.get(key) as T | undefined;
    if (known) return known;
    const computed = compute();
    this.#cache.set(key, computed);
    return computed;
  }

  /** For the customer's service choice and the session's check; an unknown service is not available. */
  of(serviceId: string): Availability {
    const service = this.#services.find((candidate) => candidate.id === serviceId);
    if (!service) return { available: false, nextAvailableAt: undefined };
    return this.#remembered(`of:${serviceId}`, () => availabilityOf(service, this.layers(), this.#now()));
  }

  /** Every service as staff see it; `preview`: the layers with a change not saved yet. */
  views(preview?: AvailabilityLayers): ServiceAvailabilityView[] {
    const now = this.#now();
    if (preview) return this.#services.map((service) => availabilityView(service, preview, now));
    return this.#services.map((service) => this.#remembered(`view:${service.id}`, () => availabilityView(service, this.layers(), now)));
  }
}
