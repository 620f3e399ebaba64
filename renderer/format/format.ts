// Yen, years and times the Japanese way (6,000,000円, 令和6年, 令和7年度, 令和9年1月4日 8:00), or 西暦 as
// the branch configured. Always in Japan time, whatever the machine's zone.
import type { ItemValue } from '../../electron/common/income-items.ts';
import type { Language } from '../../electron/common/ui-events.ts';
import type { Calendar } from '../../electron/common/view-model.ts';

const yen = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

export function formatYen(amount: number, language: Language): string {
  const digits = yen.format(Math.abs(amount));
  const sign = amount < 0 ? '−' : '';
  return language === 'ja' ? `${sign}${digits}円` : `${sign}¥${digits}`;
}

export function formatYear(year: number, language: Language, calendar: Calendar): string {
  if (language === 'en') return String(year);
  if (calendar === 'gregorian') return `${String(year)}年`;
  // Mid-year avoids the era boundary day (令和 began 1 May 2019).
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.UTC(year, 6, 1)),
  );
}

/** 課税年度: 令和7年度 (2025年度 in 西暦), FY2025 in English. */
export function formatFiscalYear(year: number, language: Language, calendar: Calendar): string {
  return language === 'en' ? `FY${String(year)}` : `${formatYear(year, language, calendar)}度`;
}

/** A moment in Japan time, the Japanese way (令和 or 西暦 as configured) or the English; with or without its time. */
function inJapan(date: Date, language: Language, calendar: Calendar, withTime: boolean): string {
  if (language === 'en') {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    }).format(date);
  }
  const locale = calendar === 'japanese' ? 'ja-JP-u-ca-japanese' : 'ja-JP';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Tokyo',
    ...(calendar === 'japanese' ? { era: 'long' } : {}),
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    ...(withTime ? { hour: 'numeric', minute: '2-digit' } : {}),
  }).format(date);
}

export const formatDateTime = (iso: string, language: Language, calendar: Calendar): string =>
  inJapan(new Date(iso), language, calendar, true);

/** A calendar day "2026-12-31" (Japan) as 令和8年12月31日(木) / Thu 31 December 2026. */
export const formatDay = (day: string, language: Language, calendar: Calendar): string =>
  inJapan(new Date(`${day}T12:00:00+09:00`), language, calendar, false);

export function formatValue(value: ItemValue, language: Language, calendar: Calendar, none: string): string {
  switch (value.kind) {
    case 'yen':
      return value.amount === null ? none : formatYen(value.amount, language);
    case 'year':
      return formatYear(value.year, language, calendar);
    case 'fiscal-year':
      return formatFiscalYear(value.year, language, calendar);
    case 'text':
      return value.text ?? none;
  }
}
