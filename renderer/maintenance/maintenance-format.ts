// Values of the maintenance pages the way staff read them: dates and times in Japan time (令和
// or 西暦 as the branch configured), sizes in KB/MB/GB, a rule of the schedule tables as a phrase.
import type { Calendar } from '../../electron/common/view-model.ts';
import type { Language } from '../../electron/common/ui-events.ts';
import type { SystemScheduleView } from '../../electron/common/maintenance/maintenance-view.ts';
import type { MaintenanceMessages } from './maintenance-messages.ts';

import { formatDateTime, formatDay } from '../format/format.ts';

export { formatDateTime, formatDay };

export function formatBytes(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${gb.toFixed(1)} GB`;
  // A young database is a few hundred KB: "0 MB" would read as empty.
  return bytes >= 1024 ** 2 ? `${String(Math.round(bytes / 1024 ** 2))} MB` : `${String(Math.ceil(bytes / 1024))} KB`;
}

/** "sat 22:00" as 土 22:00 / Sat 22:00. */
function weekendClock(clock: string, text: MaintenanceMessages): string {
  const [day = 'sat', time = ''] = clock.split(' ');
  return `${text.schedules.weekend[day as keyof MaintenanceMessages['schedules']['weekend']]} ${time}`;
}

/** "12-28 21:00" as 12/28 21:00. */
const yearClock = (clock: string): string => clock.replace('-', '/');

export function ruleText(
  rule: SystemScheduleView['rules'][number],
  text: MaintenanceMessages,
  language: Language,
  calendar: Calendar,
): string {
  const phrases = text.schedules.rules;
  const from = rule.from ?? '';
  const to = rule.to ?? '';
  switch (rule.kind) {
    case 'daily-window':
      return phrases['daily-window'](from, to);
    case 'closed-weekends-and-holidays':
      return phrases['closed-weekends-and-holidays'];
    case 'daily-stop':
      return phrases['daily-stop'](from, to);
    case 'weekend-stop':
      return phrases['weekend-stop']((rule.weeks ?? []).join('・'), weekendClock(from, text), weekendClock(to, text));
    case 'yearly-stop':
      return phrases['yearly-stop'](yearClock(from), yearClock(to));
    default:
      return phrases['planned-stop'](formatDateTime(from, language, calendar), formatDateTime(to, language, calendar));
  }
}

export const systemName = (system: string, text: MaintenanceMessages): string => text.schedules.systems[system] ?? system;
