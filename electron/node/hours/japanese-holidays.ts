// 国民の祝日 (incl. 振替休日 and 国民の休日) from @holiday-jp/holiday_jp, an offline, maintained
// table keyed by Japanese calendar day, so no time zone is involved. Looked up by key: the
// package's own isHoliday scans every entry.
import holidayJp from '@holiday-jp/holiday_jp';
import { tokyoDateKey, type TokyoDateTime } from './tokyo-time.ts';

export function isJapaneseHoliday(day: Pick<TokyoDateTime, 'year' | 'month' | 'day'>): boolean {
  return Object.hasOwn(holidayJp.holidays, tokyoDateKey(day));
}
