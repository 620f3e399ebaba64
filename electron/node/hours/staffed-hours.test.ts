// Whether staff are at the branch's counter, on Japanese wall-clock time: the staffed hours of
// the day, and no one on national holidays, the yearly bank holidays and the branch's own days.
import { describe, expect, it } from 'vitest';
import { BranchSchema, counterStaffedAt } from './staffed-hours.ts';
import { fromTokyo } from './tokyo-time.ts';

const branch = BranchSchema.parse({
  staffedHours: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '15:00' },
    { days: ['sat'], from: '10:00', to: '12:00' },
  ],
  closedDates: ['2026-11-26'],
  phone: '0120-123-456',
});

describe('the counter', () => {
  it.each([
    ['a Tuesday at opening', fromTokyo(2026, 11, 24, 9, 0), true],
    ['a Tuesday afternoon', fromTokyo(2026, 11, 24, 14, 59), true],
    ['a Tuesday at closing', fromTokyo(2026, 11, 24, 15, 0), false],
    ['a Tuesday before opening', fromTokyo(2026, 11, 24, 8, 59), false],
    ['a Saturday morning the branch opens', fromTokyo(2026, 11, 28, 11, 0), true],
    ['a Saturday afternoon', fromTokyo(2026, 11, 28, 13, 0), false],
    ['a Sunday', fromTokyo(2026, 11, 29, 11, 0), false],
    ['a national holiday (勤労感謝の日, a Monday)', fromTokyo(2026, 11, 23, 11, 0), false],
    ['a day the branch closes', fromTokyo(2026, 11, 26, 11, 0), false],
    ['31 December, a Thursday', fromTokyo(2026, 12, 31, 11, 0), false],
    ['4 January, a Monday', fromTokyo(2027, 1, 4, 11, 0), true],
    // 09:30 in Tokyo is 00:30 UTC: the day is Japan's whatever the machine's zone.
    ['a Wednesday 09:30 in Japan (Tuesday in UTC)', new Date('2026-11-25T00:30:00Z'), true],
  ])('%s → %s', (_, instant, staffed) => {
    expect(counterStaffedAt(branch, instant)).toBe(staffed);
  });

  it('refuses hours that end before they begin, and a phone number that is not one', () => {
    expect(BranchSchema.safeParse({ staffedHours: [{ days: ['mon'], from: '15:00', to: '09:00' }], phone: '0120-123-456' }).success).toBe(
      false,
    );
    expect(BranchSchema.safeParse({ staffedHours: [{ days: ['mon'], from: '09:00', to: '15:00' }], phone: 'call us' }).success).toBe(false);
  });
});
