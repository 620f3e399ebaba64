// The schedule the kiosk decides availability by: the gateway's published one once fetched
// (kept across restarts), the built-in tables with the configured corrections only before,
// and overlays that can only stop more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayResult } from '../gateway/gateway-client.ts';
import { PublishedScheduleSchema, type PublishedSchedule } from '../gateway/gateway-schemas.ts';
import { openKioskDatabase, type KioskDatabase } from '../storage/kiosk-database.ts';
import { availabilityAt } from './operating-hours.ts';
import { CHAIN_BASE, GUIDELINE_SCHEDULES, type ScheduleRule, type SystemId, type SystemSchedules } from './schedule-rules.ts';
import { ScheduleSource } from './schedule-source.ts';
import { fromTokyo } from './tokyo-time.ts';

const dirs: string[] = [];
const dbs: KioskDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(): { path: string; db: KioskDatabase } {
  const dir = mkdtempSync(join(tmpdir(), 'schedule-'));
  dirs.push(dir);
  const path = join(dir, 'kiosk.sqlite');
  const db = openKioskDatabase(path);
  dbs.push(db);
  return { path, db };
}

const LOCAL_TAX: SystemId[] = [...CHAIN_BASE, 'municipal'];
/** The third Saturday of November 2026, noon: stopped by the guideline's whole-weekend default. */
const THIRD_SATURDAY_NOON = fromTokyo(2026, 11, 21, 12, 0);
/** A Tuesday afternoon. */
const TUESDAY = fromTokyo(2026, 11, 24, 14, 0);
const open = (schedules: SystemSchedules, at: Date): boolean => availabilityAt(LOCAL_TAX, schedules, at).available;

/** The branch's correction: the announced hours of the third-weekend stop, Saturday 20:00 – Sunday 06:00. */
const ANNOUNCED: ScheduleRule = { kind: 'weekend-stop', weeks: [3], from: 'sat 20:00', to: 'sun 06:00' };
const BUILT_IN: SystemSchedules = { ...GUIDELINE_SCHEDULES, 'information-network': [ANNOUNCED], municipal: [ANNOUNCED] };
/** The gateway's: the whole third weekend, and a planned stop on Tuesday afternoon. */
const PUBLISHED: PublishedSchedule = PublishedScheduleSchema.parse({
  publishedAt: '2026-11-20T00:00:00.000Z',
  systems: {
    ...GUIDELINE_SCHEDULES,
    municipal: [
      ...GUIDELINE_SCHEDULES.municipal,
      { kind: 'planned-stop', from: '2026-11-24T13:00:00+09:00', to: '2026-11-24T15:00:00+09:00' },
    ],
  },
});

const answers = (...results: GatewayResult<PublishedSchedule>[]) => {
  let calls = 0;
  return {
    fetch: () => {
      const result = results[Math.min(calls, results.length - 1)];
      calls += 1;
      return Promise.resolve(result ?? { ok: false as const, error: { kind: 'unavailable' as const } });
    },
    calls: () => calls,
  };
};
const DOWN: GatewayResult<PublishedSchedule> = { ok: false, error: { kind: 'unavailable' } };

describe('the schedule source', () => {
  it('uses the built-in tables with the configured corrections until a schedule was ever fetched', async () => {
    const { db } = database();
    const source = new ScheduleSource({ db, builtIn: BUILT_IN, fetch: answers(DOWN).fetch });
    expect(await source.refresh()).toBe(false);
    expect(source.origin).toEqual({ kind: 'built-in' });
    expect(open(source.current(), THIRD_SATURDAY_NOON)).toBe(true);
    expect(open(source.current(), TUESDAY)).toBe(true);
  });

  it('puts the gateway’s published schedule in force over the built-in one, and says so once', async () => {
    const { db } = database();
    const source = new ScheduleSource({ db, builtIn: BUILT_IN, fetch: answers({ ok: true, value: PUBLISHED }).fetch });
    let changes = 0;
    source.onChange(() => (changes += 1));
    expect(await source.refresh()).toBe(true);
    expect(await source.refresh()).toBe(true);
    expect(changes).toBe(1);
    expect(source.origin).toEqual({ kind: 'published', publishedAt: PUBLISHED.publishedAt });
    expect(open(source.current(), THIRD_SATURDAY_NOON)).toBe(false);
    expect(open(source.current(), TUESDAY)).toBe(false);
  });

  it('keeps the last published schedule through a restart while the gateway cannot be reached', async () => {
    const { db, path } = database();
    await new ScheduleSource({ db, builtIn: BUILT_IN, fetch: answers({ ok: true, value: PUBLISHED }).fetch }).refresh();
    db.close();
    dbs.splice(dbs.indexOf(db), 1);
    const reopened = openKioskDatabase(path);
    dbs.push(reopened);
    const source = new ScheduleSource({ db: reopened, builtIn: BUILT_IN, fetch: answers(DOWN).fetch });
    expect(await source.refresh()).toBe(false);
    expect(source.origin).toEqual({ kind: 'published', publishedAt: PUBLISHED.publishedAt });
    expect(open(source.current(), TUESDAY)).toBe(false);
  });

  it('takes a stored schedule that no longer parses for none', () => {
    const { db } = database();
    db.prepare("INSERT INTO settings (name, value) VALUES ('published-schedule', ?)").run('{"publishedAt": 1}');
    const source = new ScheduleSource({ db, builtIn: BUILT_IN, fetch: answers(DOWN).fetch });
    expect(source.origin).toEqual({ kind: 'built-in' });
  });

  it('fetches again on its timer', async () => {
    const { db } = database();
    const gateway = answers(DOWN, { ok: true, value: PUBLISHED });
    const source = new ScheduleSource({ db, builtIn: BUILT_IN, fetch: gateway.fetch });
    source.start(20);
    try {
      await expect.poll(() => source.origin.kind, { timeout: 2000 }).toBe('published');
      expect(gateway.calls()).toBeGreaterThanOrEqual(2);
    } finally {
      source.stop();
    }
  });

  it('adds an overlay’s stops to whatever schedule is in force: stricter, never laxer', async () => {
    const { db } = database();
    const staffStop: ScheduleRule = { kind: 'planned-stop', from: '2026-11-25T10:00:00+09:00', to: '2026-11-25T11:00:00+09:00' };
    // An overlay may say anything; a rule can only stop a system, so the published stops stay.
    const overlay = (): Partial<Record<SystemId, readonly ScheduleRule[]>> => ({ municipal: [staffStop], mynaportal: [] });
    const source = new ScheduleSource({ db, builtIn: BUILT_IN, fetch: answers({ ok: true, value: PUBLISHED }).fetch, overlays: [overlay] });
    await source.refresh();
    expect(open(source.current(), fromTokyo(2026, 11, 25, 10, 30))).toBe(false);
    expect(open(source.current(), fromTokyo(2026, 11, 25, 11, 0))).toBe(true);
    expect(open(source.current(), TUESDAY)).toBe(false);
    expect(open(source.current(), THIRD_SATURDAY_NOON)).toBe(false);
  });
});
