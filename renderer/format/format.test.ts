import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatFiscalYear, formatValue, formatYear, formatYen } from './format.ts';

describe('formatting the way a Japanese customer reads it', () => {
  it('writes yen with separators and 円, negative with a minus, and keeps "no information" apart from 0', () => {
    expect(formatYen(6_000_000, 'ja')).toBe('6,000,000円');
    expect(formatYen(-250_000, 'ja')).toBe('−250,000円');
    expect(formatYen(0, 'ja')).toBe('0円');
    expect(formatYen(6_000_000, 'en')).toBe('¥6,000,000');
    expect(formatValue({ kind: 'yen', amount: null }, 'ja', 'japanese', '情報なし')).toBe('情報なし');
    expect(formatValue({ kind: 'yen', amount: 0 }, 'ja', 'japanese', '情報なし')).toBe('0円');
  });

  it('writes years in 令和 or 西暦 as configured', () => {
    expect(formatYear(2025, 'ja', 'japanese')).toBe('令和7年');
    expect(formatYear(2019, 'ja', 'japanese')).toBe('令和元年');
    expect(formatYear(2018, 'ja', 'japanese')).toBe('平成30年');
    expect(formatYear(2025, 'ja', 'gregorian')).toBe('2025年');
    expect(formatYear(2025, 'en', 'japanese')).toBe('2025');
  });

  it('writes a 課税年度 as a fiscal year, 年度, apart from the calendar year the income was earned', () => {
    expect(formatFiscalYear(2025, 'ja', 'japanese')).toBe('令和7年度');
    expect(formatFiscalYear(2019, 'ja', 'japanese')).toBe('令和元年度');
    expect(formatFiscalYear(2025, 'ja', 'gregorian')).toBe('2025年度');
    expect(formatFiscalYear(2025, 'en', 'japanese')).toBe('FY2025');
    expect(formatValue({ kind: 'fiscal-year', year: 2025 }, 'ja', 'japanese', '情報なし')).toBe('令和7年度');
    expect(formatValue({ kind: 'year', year: 2024 }, 'ja', 'japanese', '情報なし')).toBe('令和6年');
  });

  it('writes a Japanese calendar day with its weekday, without a time', () => {
    expect(formatDay('2026-12-31', 'ja', 'japanese')).toBe('令和8年12月31日(木)');
    expect(formatDay('2027-01-01', 'ja', 'gregorian')).toBe('2027年1月1日(金)');
    expect(formatDay('2026-12-31', 'en', 'japanese')).toBe('Thu, 31 December 2026');
  });

  it('writes times in Japan time whatever the machine zone', () => {
    expect(formatDateTime('2027-01-03T23:00:00.000Z', 'ja', 'japanese')).toBe('令和9年1月4日(月) 8:00');
    expect(formatDateTime('2027-01-03T23:00:00.000Z', 'ja', 'gregorian')).toBe('2027年1月4日(月) 8:00');
  });
});
