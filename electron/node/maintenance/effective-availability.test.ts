// How the branch's layers combine with the schedule the kiosk runs on: a service is offered
// only when the retrieval chain runs (with the branch's planned stops and holiday corrections),
// the branch is staffed, and staff have not switched the service off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GUIDELINE_SCHEDULES, type SystemSchedules } from '../hours/schedule-rules.ts';
import { openKioskDatabase } from '../storage/kiosk-database.ts';
import { MaintenanceStateStore } from './maintenance-state.ts';
import { ServiceControl } from './service-control.ts';
import { ScheduleOverrideStore } from './schedule-overrides.ts';
import { fromTokyo } from '../hours/tokyo-time.ts';
import { DEMO_SERVICES, type Service } from '../services/service-catalog.ts';
import { availabilityOf, blockersOf, nextChangeAt, ServiceAvailability, type AvailabilityLayers } from './effective-availability.ts';
import { NO_OVERRIDES } from './schedule-overrides.ts';

const [housing, , pension] = DEMO_SERVICES as [Service, Service, Service];
/** Tuesday 24 November 2026, 14:00 in Japan: every demo service is available. */
const TUESDAY = fromTokyo(2026, 11, 24, 14, 0);
const BASE: AvailabilityLayers = { schedules: GUIDELINE_SCHEDULES, overrides: NO_OVERRIDES, staffedHours: undefined, switches: [] };
const BY = { by: '1001', approvedBy: '1002' };
/** The pension service's servers that are closed on Saturdays, Sundays and holidays (表2.5-4). */
const WEEKDAY_ONLY = ['japan-pension-service', 'local-mutual-aid', 'national-mutual-aid', 'private-school-mutual-aid'];

describe('the effective availability of a service', () => {
  it('is the schedule’s when the branch has added nothing', () => {
    expect(availabilityOf(housing, BASE, TUESDAY)).toEqual({ available: true, nextAvailableAt: undefined });
    expect(blockersOf(pension, BASE, fromTokyo(2026, 11, 28, 14, 0))).toEqual([{ kind: 'systems', systems: WEEKDAY_ONLY }]);
  });

  it('adds a planned stop to its system, and says when the service is back', () => {
    const stop = { id: 'stop-0000abcd', system: 'mynaportal' as const, from: TUESDAY.toISOString(), ...BY };
    const layers = { ...BASE, overrides: { ...NO_OVERRIDES, stops: [{ ...stop, until: fromTokyo(2026, 11, 24, 18, 0).toISOString() }] } };
    expect(blockersOf(housing, layers, TUESDAY)).toEqual([{ kind: 'systems', systems: ['mynaportal'] }]);
    expect(availabilityOf(housing, layers, TUESDAY)).toEqual({
      available: false,
      nextAvailableAt: fromTokyo(2026, 11, 24, 18, 0).toISOString(),
    });
    expect(availabilityOf(housing, layers, fromTokyo(2026, 11, 24, 18, 0)).available).toBe(true);
  });

  it('treats a day the branch declared a holiday as one, for the systems closed on holidays only', () => {
    const layers = { ...BASE, overrides: { ...NO_OVERRIDES, holidays: [{ date: '2026-11-24', holiday: true, ...BY }] } };
    // 日本年金機構中間サーバ and the mutual-aid servers are closed on holidays; the 地方税 chain is not.
    expect(blockersOf(pension, layers, TUESDAY)).toEqual([{ kind: 'systems', systems: WEEKDAY_ONLY }]);
    expect(availabilityOf(housing, layers, TUESDAY).available).toBe(true);
    // And the other way: 勤労感謝の日 (23 November 2026) treated as an ordinary Monday.
    const monday = fromTokyo(2026, 11, 23, 14, 0);
    expect(availabilityOf(pension, BASE, monday).available).toBe(false);
    const working = { ...BASE, overrides: { ...NO_OVERRIDES, holidays: [{ date: '2026-11-23', holiday: false, ...BY }] } };
    expect(availabilityOf(pension, working, monday).available).toBe(true);
  });

  it('offers nothing outside the branch’s staffed hours, Sundays and holidays sharing theirs', () => {
    const staffedHours = { weekdays: { from: '09:00', to: '15:00' }, saturday: null, sundaysAndHolidays: { from: '10:00', to: '12:00' } };
    const layers = { ...BASE, staffedHours };
    expect(availabilityOf(housing, layers, fromTokyo(2026, 11, 24, 15, 0))).toEqual({
      available: false,
      nextAvailableAt: fromTokyo(2026, 11, 25, 9, 0).toISOString(),
    });
    expect(blockersOf(housing, layers, fromTokyo(2026, 11, 24, 9, 0))).toEqual([]);
    expect(blockersOf(housing, layers, fromTokyo(2026, 11, 28, 11, 0))).toEqual([{ kind: 'unstaffed' }]);
    // 勤労感謝の日, a Monday: holiday hours.
    expect(blockersOf(housing, layers, fromTokyo(2026, 11, 23, 11, 0))).toEqual([]);
    expect(blockersOf(housing, layers, fromTokyo(2026, 11, 23, 13, 0))).toEqual([{ kind: 'unstaffed' }]);
  });

  it('keeps a service switched off within its window, and says when its window ends', () => {
    const serviceSwitch = {
      serviceId: housing.id,
      reason: 'maintenance' as const,
      from: fromTokyo(2026, 11, 24, 13, 0).toISOString(),
      until: fromTokyo(2026, 11, 24, 16, 30).toISOString(),
      by: '1001',
    };
    const layers = { ...BASE, switches: [serviceSwitch] };
    expect(blockersOf(housing, layers, TUESDAY)).toEqual([{ kind: 'switched-off', serviceSwitch }]);
    expect(availabilityOf(housing, layers, TUESDAY).nextAvailableAt).toBe(fromTokyo(2026, 11, 24, 16, 30).toISOString());
    // The other services are not touched.
    expect(availabilityOf(DEMO_SERVICES[1] as Service, layers, TUESDAY).available).toBe(true);
    // Before its window, the next change is its start.
    expect(nextChangeAt(housing, layers, fromTokyo(2026, 11, 24, 12, 0))?.toISOString()).toBe(serviceSwitch.from);
    // Open-ended: off until switched back on, with no time to announce.
    const openEnded = { ...BASE, switches: [{ ...serviceSwitch, until: undefined }] };
    expect(availabilityOf(housing, openEnded, TUESDAY)).toEqual({ available: false, nextAvailableAt: undefined });
  });
});

describe('the availability the kiosk asks at every screen', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('follows a schedule the gateway publishes while the kiosk runs, with the branch’s stops on top, within the same minute', () => {
    const folder = mkdtempSync(join(tmpdir(), 'availability-'));
    folders.push(folder);
    const db = openKioskDatabase(join(folder, 'kiosk.sqlite'));
    const state = new MaintenanceStateStore(db);
    const now = (): Date => TUESDAY;
    // As ScheduleSource gives it: the schedule in force, a new object once a new one is fetched.
    let inForce: SystemSchedules = GUIDELINE_SCHEDULES;
    const overrides = new ScheduleOverrideStore(state, now);
    const availability = new ServiceAvailability({
      schedules: { current: () => inForce },
      overrides,
      control: new ServiceControl(state, now),
      services: DEMO_SERVICES,
      now,
    });
    expect(availability.of(housing.id).available).toBe(true);
    // The gateway publishes a stop of 地方税 now: the same minute's answer changes.
    const until = fromTokyo(2026, 11, 24, 16, 0).toISOString();
    inForce = {
      ...GUIDELINE_SCHEDULES,
      municipal: [...GUIDELINE_SCHEDULES.municipal, { kind: 'planned-stop', from: TUESDAY.toISOString(), to: until }],
    };
    expect(availability.of(housing.id)).toEqual({ available: false, nextAvailableAt: until });
    // The branch's own stop of マイナポータル until 17:00 adds to the published one.
    overrides.addStop(
      { system: 'mynaportal', from: TUESDAY.toISOString(), until: fromTokyo(2026, 11, 24, 17, 0).toISOString() },
      { staff: '1001', approvedBy: '1002' },
    );
    expect(availability.of(housing.id)).toEqual({ available: false, nextAvailableAt: fromTokyo(2026, 11, 24, 17, 0).toISOString() });
    db.close();
  });
});
