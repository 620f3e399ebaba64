// When a system of the retrieval chain runs (guideline §2.5, 表2.5-1…2.5-4), as data that a
// bank can correct from the operators' announcements without a code change.
import { z } from 'zod';

/** A time of day, Japan time: "08:00". */
export const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const clock = ClockSchema;
/** A time of the weekend: "sat 22:00", "sun 08:00", "mon 00:00" (= end of Sunday). */
const weekendClock = z.string().regex(/^(sat|sun|mon) ([01]\d|2[0-3]):[0-5]\d$/, '"sat|sun|mon HH:MM"');
/** A time of the year: "12-28 21:00". */
const yearClock = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/, '"MM-DD HH:MM"');

export const ScheduleRuleSchema = z.discriminatedUnion('kind', [
  /** Runs only between these times each day (表2.5-4 "8 時～21 時"). */
  z.object({ kind: z.literal('daily-window'), from: clock, to: clock }),
  /** 土日祝日を除く: closed on Saturdays, Sundays and national holidays. */
  z.object({ kind: z.literal('closed-weekends-and-holidays') }),
  /** Stopped between these times each day (医療保険者 03:00–06:00). */
  z.object({ kind: z.literal('daily-stop'), from: clock, to: clock }),
  /** Planned stop on the weekend of the given weeks of the month (第3土日, 第1・第3土日). */
  z.object({
    kind: z.literal('weekend-stop'),
    weeks: z.array(z.number().int().min(1).max(5)).min(1),
    from: weekendClock,
    to: weekendClock,
  }),
  /** Yearly stop across the new year (年末年始 12/28 21:00 – 1/4 08:00). */
  z.object({ kind: z.literal('yearly-stop'), from: yearClock, to: yearClock }),
  /** An announced one-off stop. */
  z.object({ kind: z.literal('planned-stop'), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
]);
export type ScheduleRule = z.infer<typeof ScheduleRuleSchema>;

export const SYSTEM_IDS = [
  'mynaportal',
  'information-network',
  'juki-net',
  'municipal',
  'local-civil-servants-compensation',
  'hello-work',
  'medical-insurers',
  'local-mutual-aid',
  'national-mutual-aid',
  'private-school-mutual-aid',
  'labour-standards',
  'japan-pension-service',
  'public-funds-account',
  'family-register',
] as const;
export const SystemIdSchema = z.enum(SYSTEM_IDS);
export type SystemId = z.infer<typeof SystemIdSchema>;

export type SystemSchedules = Readonly<Record<SystemId, readonly ScheduleRule[]>>;

/**
 * The guideline's tables. Where a table names a planned stop without hours ("原則第3土日に計画
 * 停止": 情報提供ネットワークシステム and 自治体中間サーバ), the default is the whole weekend —
 * Saturday 00:00 to Monday 00:00 — until the announced hours are configured (schedules in the
 * configuration, or the gateway's published schedule): a kiosk that promises less than it can
 * do costs a customer a trip, one that promises more costs them a PIN entry and a failed
 * retrieval. 住基ネット's stop has its hours in the table. Stops that fall outside a server's own
 * window need no rule: 国共済's 第2金曜日夜間 (after 21:00) and 私学共済's 最終土曜日 (closed on
 * Saturdays anyway). 地公災's stop "in a week of June or December" has no fixed date: it is
 * entered as a 'planned-stop' once announced.
 */
const THIRD_WEEKEND_NIGHT: ScheduleRule = { kind: 'weekend-stop', weeks: [3], from: 'sat 22:00', to: 'sun 08:00' };
const THIRD_WEEKEND: ScheduleRule = { kind: 'weekend-stop', weeks: [3], from: 'sat 00:00', to: 'mon 00:00' };
const OFFICE_HOURS: readonly ScheduleRule[] = [
  { kind: 'daily-window', from: '08:00', to: '21:00' },
  { kind: 'closed-weekends-and-holidays' },
];

export const GUIDELINE_SCHEDULES: SystemSchedules = {
  mynaportal: [],
  'information-network': [THIRD_WEEKEND],
  'juki-net': [THIRD_WEEKEND_NIGHT, { kind: 'yearly-stop', from: '12-28 21:00', to: '01-04 08:00' }],
  municipal: [THIRD_WEEKEND],
  'local-civil-servants-compensation': [{ kind: 'daily-window', from: '08:00', to: '21:00' }],
  'hello-work': [{ kind: 'daily-window', from: '07:00', to: '22:00' }],
  'medical-insurers': [...OFFICE_HOURS, { kind: 'daily-stop', from: '03:00', to: '06:00' }],
  'local-mutual-aid': OFFICE_HOURS,
  'national-mutual-aid': OFFICE_HOURS,
  'private-school-mutual-aid': OFFICE_HOURS,
  'labour-standards': OFFICE_HOURS,
  'japan-pension-service': [{ kind: 'daily-window', from: '08:00', to: '23:00' }, { kind: 'closed-weekends-and-holidays' }],
  'public-funds-account': [],
  'family-register': [
    { kind: 'daily-window', from: '08:00', to: '21:00' },
    { kind: 'weekend-stop', weeks: [1, 3], from: 'sat 00:00', to: 'mon 00:00' },
  ],
};

/** Every retrieval needs these, whatever the information (§2.5). */
export const CHAIN_BASE: readonly SystemId[] = ['mynaportal', 'information-network', 'juki-net'];
