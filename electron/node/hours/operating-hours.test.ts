// §2.5 operating hours, table-driven on Japanese wall-clock times.
import { describe, expect, it } from 'vitest';
import { availabilityAt, nextAvailableAt } from './operating-hours.ts';
import { CHAIN_BASE, GUIDELINE_SCHEDULES, type ScheduleRule, type SystemId } from './schedule-rules.ts';
import { fromTokyo, toTokyo } from './tokyo-time.ts';

const LOCAL_TAX: SystemId[] = [...CHAIN_BASE, 'municipal'];
const PENSION: SystemId[] = [...CHAIN_BASE, 'japan-pension-service'];
const FAMILY_REGISTER: SystemId[] = [...CHAIN_BASE, 'family-register'];
const MEDICAL: SystemId[] = [...CHAIN_BASE, 'medical-insurers'];

/** "2026-11-21 21:59" in Japan. */
const jst = (text: string): Date => {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y = 0, mo = 0, d = 0] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  return fromTokyo(y, mo, d, h, mi);
};
const open = (chain: SystemId[], text: string): boolean => availabilityAt(chain, GUIDELINE_SCHEDULES, jst(text)).available;

describe('Japanese time', () => {
  it('is UTC+9 whatever the machine zone: UTC midnight is 09:00 in Tokyo, and JST midnight is 15:00 UTC the day before', () => {
    expect(toTokyo(new Date('2026-01-01T00:00:00Z'))).toMatchObject({ year: 2026, month: 1, day: 1, hour: 9, minute: 0 });
    expect(toTokyo(new Date('2025-12-31T15:00:00Z'))).toMatchObject({ year: 2026, month: 1, day: 1, hour: 0 });
    expect(toTokyo(new Date('2025-12-31T14:59:00Z'))).toMatchObject({ year: 2025, month: 12, day: 31, hour: 23, minute: 59 });
  });
});

describe('地方税 (自治体中間サーバ + 住基ネット + 情報提供NWS)', () => {
  it.each([
    ['an ordinary Tuesday afternoon', '2026-11-24 14:00', true],
    ['a national holiday (勤労感謝の日)', '2026-11-23 10:00', true],
    ['3:00 at night', '2026-11-25 03:00', true],
    // 「原則第3土日に計画停止」 without hours: the whole third weekend until the hours are announced.
    ['third Friday 23:59', '2026-11-20 23:59', true],
    ['third Saturday 00:00', '2026-11-21 00:00', false],
    ['third Saturday noon', '2026-11-21 12:00', false],
    ['third Sunday 08:00', '2026-11-22 08:00', false],
    ['third Sunday 23:59', '2026-11-22 23:59', false],
    ['the Monday after, 00:00', '2026-11-23 00:00', true],
    ['second Saturday 22:30', '2026-11-14 22:30', true],
    ['fourth Saturday 23:00', '2026-11-28 23:00', true],
    ['third weekend of a month starting on Sunday (Sat 21st)', '2026-03-21 23:00', false],
    ['12/28 20:59', '2026-12-28 20:59', true],
    ['12/28 21:00', '2026-12-28 21:00', false],
    ['New Year’s Day', '2027-01-01 12:00', false],
    ['1/4 07:59', '2027-01-04 07:59', false],
    ['1/4 08:00', '2027-01-04 08:00', true],
  ])('%s (%s) → %s', (_, time, expected) => {
    expect(open(LOCAL_TAX, time)).toBe(expected);
  });

  it('names the stopped systems', () => {
    expect(availabilityAt(LOCAL_TAX, GUIDELINE_SCHEDULES, jst('2026-11-21 23:00')).stopped).toEqual([
      'information-network',
      'juki-net',
      'municipal',
    ]);
    expect(availabilityAt(LOCAL_TAX, GUIDELINE_SCHEDULES, jst('2026-12-30 12:00')).stopped).toEqual(['juki-net']);
  });
});

describe('日本年金機構 (8–23, 土日祝日を除く)', () => {
  it.each([
    ['a weekday 07:59', '2026-11-24 07:59', false],
    ['a weekday 08:00', '2026-11-24 08:00', true],
    ['a weekday 22:59', '2026-11-24 22:59', true],
    ['a weekday 23:00', '2026-11-24 23:00', false],
    ['a Saturday', '2026-11-28 10:00', false],
    ['a national holiday on Monday (勤労感謝の日)', '2026-11-23 10:00', false],
    ['a substitute holiday (振替休日 2026-05-06)', '2026-05-06 10:00', false],
    ['the day after the substitute holiday', '2026-05-07 10:00', true],
    ['a 国民の休日 between holidays (2026-09-22)', '2026-09-22 10:00', false],
  ])('%s → %s', (_, time, expected) => {
    expect(open(PENSION, time)).toBe(expected);
  });
});

describe('other servers of 表2.5-4', () => {
  it('stops 戸籍情報連携システム all of the first and third weekends', () => {
    expect(open(FAMILY_REGISTER, '2026-11-07 10:00')).toBe(false); // first Saturday
    expect(open(FAMILY_REGISTER, '2026-11-08 10:00')).toBe(false); // following Sunday
    expect(open(FAMILY_REGISTER, '2026-11-14 10:00')).toBe(true); // second Saturday
    expect(open(FAMILY_REGISTER, '2026-11-14 21:00')).toBe(false); // after 21:00
  });

  it('keeps the medical insurers’ weekday window', () => {
    expect(open(MEDICAL, '2026-11-24 20:59')).toBe(true);
    expect(open(MEDICAL, '2026-11-24 21:00')).toBe(false);
  });
});

describe('next available time', () => {
  it('is now when open', () => {
    const now = jst('2026-11-24 14:00');
    expect(nextAvailableAt(LOCAL_TAX, GUIDELINE_SCHEDULES, now)).toEqual(now);
  });

  it.each([
    ['third weekend → Monday 00:00', LOCAL_TAX, '2026-11-21 10:00', '2026-11-23 00:00'],
    ['year end → 1/4 08:00', LOCAL_TAX, '2026-12-28 21:00', '2027-01-04 08:00'],
    ['Friday night → Monday 08:00 for pensions', PENSION, '2026-11-27 23:00', '2026-11-30 08:00'],
    ['Saturday before a Monday holiday → Tuesday 08:00', PENSION, '2026-11-21 10:00', '2026-11-24 08:00'],
  ])('%s', (_, chain, from, expected) => {
    expect(nextAvailableAt(chain, GUIDELINE_SCHEDULES, jst(from))?.toISOString()).toBe(jst(expected).toISOString());
  });

  it('honours an announced planned stop', () => {
    const schedules = {
      ...GUIDELINE_SCHEDULES,
      municipal: [{ kind: 'planned-stop' as const, from: '2026-11-24T10:00:00+09:00', to: '2026-11-24T12:30:00+09:00' }],
    };
    expect(availabilityAt(LOCAL_TAX, schedules, jst('2026-11-24 11:00')).available).toBe(false);
    expect(nextAvailableAt(LOCAL_TAX, schedules, jst('2026-11-24 11:00'))?.toISOString()).toBe(jst('2026-11-24 12:30').toISOString());
  });
});

describe('announced hours of a third-weekend stop', () => {
  it('replace the whole-weekend default once configured: 自治体中間サーバ stopped Saturday 20:00 – Sunday 06:00', () => {
    const announced: ScheduleRule = { kind: 'weekend-stop', weeks: [3], from: 'sat 20:00', to: 'sun 06:00' };
    const schedules = { ...GUIDELINE_SCHEDULES, 'information-network': [announced], municipal: [announced] };
    const at = (text: string): boolean => availabilityAt(LOCAL_TAX, schedules, jst(text)).available;
    expect(at('2026-11-21 12:00')).toBe(true);
    expect(at('2026-11-21 20:00')).toBe(false);
    // 住基ネット's own stop (22:00 – 08:00) still applies within the chain.
    expect(at('2026-11-22 07:00')).toBe(false);
    expect(at('2026-11-22 08:00')).toBe(true);
  });
});
