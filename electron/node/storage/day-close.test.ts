// The business year a day-close counts its users over: 1 April to 31 March, in Japan dates.
import { expect, it } from 'vitest';
import { fiscalYearStart } from './day-close.ts';

it('starts the business year on 1 April: March still belongs to the year before', () => {
  expect(fiscalYearStart('2026-11-24')).toBe('2026-04-01');
  expect(fiscalYearStart('2026-04-01')).toBe('2026-04-01');
  expect(fiscalYearStart('2027-03-31')).toBe('2026-04-01');
  expect(fiscalYearStart('2027-01-04')).toBe('2026-04-01');
});
