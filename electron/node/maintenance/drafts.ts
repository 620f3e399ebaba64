// The forms of the maintenance menu as the kiosk core holds them while staff fill them in on
// the touchscreen (the renderer holds nothing): a service switched off, a planned stop, a
// holiday override, the staffed hours, a staff member. Times move in steps (a day, an hour,
// a quarter) and stay on quarter hours; a form becomes a command only when it makes sense.
import { STAFF_ROLES, type StaffedHours, type StaffForm, type Window } from '../../common/maintenance/maintenance-view.ts';
import type { FormEdit, FormKind } from '../../common/maintenance/maintenance-events.ts';
import { SYSTEM_IDS, type SystemId } from '../hours/schedule-rules.ts';
import { fromTokyo, toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';
import type { Command } from './maintenance-types.ts';
import type { ScheduleOverrides } from './schedule-overrides.ts';
import { STAFF_PIN_MAX, STAFF_PIN_MIN, StaffPinEntry } from './staff-pin.ts';
import type { IdCheckMethod, SwitchReason } from '../../common/maintenance/maintenance-view.ts';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const DAY = 1440 * MINUTE;
/** デジタル庁 must be told of a planned suspension or an end this long ahead. */
export const NOTICE_PERIOD_DAYS = 14;

export interface ServiceOffDraft {
  readonly form: 'service-off';
  readonly serviceId: string;
  readonly reason: SwitchReason;
  /** Epoch ms, on a quarter hour (or now). */
  readonly from: number;
  readonly until: number | undefined;
  /** YYYY-MM-DD (Japan). */
  readonly notifiedOn: string;
}

export interface PlannedStopDraft {
  readonly form: 'planned-stop';
  readonly system: SystemId;
  readonly from: number;
  readonly until: number;
}

export interface HolidayDraft {
  readonly form: 'holiday';
  readonly date: string;
  readonly holiday: boolean;
}

export interface StaffedHoursDraft {
  readonly form: 'staffed-hours';
  readonly hours: StaffedHours;
}

export interface StaffDraft {
  readonly form: 'add-staff' | 'reset-pin';
  readonly step: StaffForm['step'];
  readonly number: string;
  readonly role: StaffForm['role'];
  /** The new PIN, typed by the staff member it is for, then again to confirm: wiped when done. */
  readonly pin: StaffPinEntry;
  readonly confirm: StaffPinEntry;
  /** How many digits of each were typed: counted here (pure), the digits only in the entries. */
  readonly pinLength: number;
  readonly confirmLength: number;
  readonly mismatch: boolean;
}

/** A kept card given back to its owner: how their identity was checked, and when (the minute). */
export interface ReleaseCardDraft {
  readonly form: 'release-card';
  readonly id: string;
  readonly method: IdCheckMethod | undefined;
  readonly checkedAt: number;
}

export type Draft = ServiceOffDraft | PlannedStopDraft | HolidayDraft | StaffedHoursDraft | StaffDraft | ReleaseCardDraft;

const nextQuarter = (now: Date): number => Math.ceil(now.getTime() / QUARTER) * QUARTER;
const today = (now: Date): string => tokyoDateKey(toTokyo(now));

function shiftDate(date: string, days: number): string {
  const [year = 2000, month = 1, day = 1] = date.split('-').map(Number);
  return tokyoDateKey(toTokyo(new Date(fromTokyo(year, month, day, 12).getTime() + days * DAY)));
}

const DEFAULT_WINDOW = { from: '09:00', to: '15:00' };
export const DEFAULT_STAFFED_HOURS: StaffedHours = { weekdays: DEFAULT_WINDOW, saturday: null, sundaysAndHolidays: null };

/** A form as it opens; undefined for one that does not apply (an unknown service). */
export function openDraft(
  kind: FormKind,
  now: Date,
  context: { serviceIds: readonly string[]; overrides: ScheduleOverrides; releasable?: (id: string) => boolean },
): Draft | undefined {
  switch (kind.form) {
    case 'service-off':
      if (!context.serviceIds.includes(kind.serviceId)) return undefined;
      return {
        form: 'service-off',
        serviceId: kind.serviceId,
        reason: 'maintenance',
        from: now.getTime(),
        until: undefined,
        notifiedOn: today(now),
      };
    case 'planned-stop': {
      const from = nextQuarter(now);
      return { form: 'planned-stop', system: 'mynaportal', from, until: from + 2 * 60 * MINUTE };
    }
    case 'holiday':
      return { form: 'holiday', date: shiftDate(today(now), 1), holiday: true };
    case 'staffed-hours':
      return { form: 'staffed-hours', hours: context.overrides.staffedHours ?? DEFAULT_STAFFED_HOURS };
    case 'add-staff':
      return staffDraft('add-staff', 'number', '');
    case 'reset-pin':
      return staffDraft('reset-pin', 'pin', kind.number);
    case 'release-card':
      if (!context.releasable?.(kind.id)) return undefined;
      return { form: 'release-card', id: kind.id, method: undefined, checkedAt: Math.floor(now.getTime() / MINUTE) * MINUTE };
  }
}

const staffDraft = (form: StaffDraft['form'], step: StaffDraft['step'], number: string): StaffDraft => ({
  form,
  step,
  number,
  role: 'operator',
  pin: new StaffPinEntry(),
  confirm: new StaffPinEntry(),
  pinLength: 0,
  confirmLength: 0,
  mismatch: false,
});

const clockMinutes = (clock: string): number => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};
const clockOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A staffed window's start or end moved by half an hour, within the day and never past the other end. */
function moveWindow(window: Window, bound: 'from' | 'to', minutes: number): Window {
  if (!window) return window;
  const from = clockMinutes(window.from) + (bound === 'from' ? minutes : 0);
  const to = clockMinutes(window.to) + (bound === 'to' ? minutes : 0);
  if (from < 0 || to > 1440 || to - from < 30) return window;
  return { from: clockOf(from), to: clockOf(to) };
}

/** Applies one edit; an edit that does not fit the form, or would make no sense, changes nothing. */
export function editDraft(draft: Draft, edit: FormEdit, now: Date): Draft {
  const floor = now.getTime();
  switch (draft.form) {
    case 'service-off':
      if (edit.kind === 'reason') return { ...draft, reason: edit.reason };
      if (edit.kind === 'open-ended') {
        return { ...draft, until: edit.openEnded ? undefined : Math.max(draft.from, nextQuarter(now)) + 60 * MINUTE };
      }
      if (edit.kind === 'step' && edit.field === 'from') {
        const from = Math.max(floor, Math.round((draft.from + edit.minutes * MINUTE) / QUARTER) * QUARTER);
        return draft.until !== undefined && from >= draft.until ? draft : { ...draft, from };
      }
      if (edit.kind === 'step' && edit.field === 'until' && draft.until !== undefined) {
        const until = draft.until + edit.minutes * MINUTE;
        return until <= Math.max(draft.from, floor) ? draft : { ...draft, until };
      }
      if (edit.kind === 'step' && edit.field === 'notifiedOn' && Math.abs(edit.minutes) === 1440) {
        const notifiedOn = shiftDate(draft.notifiedOn, Math.sign(edit.minutes));
        // The notification was made already: never a day after today.
        return notifiedOn > today(now) ? draft : { ...draft, notifiedOn };
      }
      return draft;
    case 'planned-stop':
      if (edit.kind === 'system') {
        const index = SYSTEM_IDS.indexOf(draft.system) + edit.direction;
        return { ...draft, system: SYSTEM_IDS[(index + SYSTEM_IDS.length) % SYSTEM_IDS.length] ?? draft.system };
      }
      if (edit.kind === 'step' && edit.field === 'from') {
        const from = draft.from + edit.minutes * MINUTE;
        return from >= draft.until || from < nextQuarter(now) - QUARTER ? draft : { ...draft, from };
      }
      if (edit.kind === 'step' && edit.field === 'until') {
        const until = draft.until + edit.minutes * MINUTE;
        return until <= draft.from ? draft : { ...draft, until };
      }
      return draft;
    case 'holiday':
      if (edit.kind === 'holiday') return { ...draft, holiday: edit.holiday };
      if (edit.kind === 'step' && edit.field === 'date' && Math.abs(edit.minutes) === 1440) {
        const date = shiftDate(draft.date, Math.sign(edit.minutes));
        return date < today(now) ? draft : { ...draft, date };
      }
      return draft;
    case 'staffed-hours': {
      if (edit.kind === 'staffed')
        return { ...draft, hours: { ...draft.hours, [edit.day]: moveWindow(draft.hours[edit.day], edit.bound, edit.minutes) } };
      if (edit.kind === 'staffed-closed') {
        const window = edit.closed ? null : (draft.hours[edit.day] ?? DEFAULT_WINDOW);
        return { ...draft, hours: { ...draft.hours, [edit.day]: window } };
      }
      return draft;
    }
    case 'add-staff':
    case 'reset-pin':
      return edit.kind === 'role' && draft.step === 'role' && STAFF_ROLES.includes(edit.role) ? { ...draft, role: edit.role } : draft;
    case 'release-card': {
      if (edit.kind === 'id-method') return { ...draft, method: edit.method };
      // The check was made before the release is recorded: never later than now.
      if (edit.kind === 'step' && edit.field === 'checkedAt' && Math.abs(edit.minutes) <= 60) {
        const checkedAt = draft.checkedAt + edit.minutes * MINUTE;
        return checkedAt > floor ? draft : { ...draft, checkedAt };
      }
      return draft;
    }
  }
}

/** A planned suspension, or an end, must reach デジタル庁 two weeks ahead. */
export function needsNotice(draft: ServiceOffDraft, now: Date): boolean {
  return draft.reason === 'end-of-service' || draft.from > now.getTime() + MINUTE;
}

export function noticeTooShort(draft: ServiceOffDraft, now: Date): boolean {
  if (!needsNotice(draft, now)) return false;
  const [year = 2000, month = 1, day = 1] = draft.notifiedOn.split('-').map(Number);
  return draft.from - fromTokyo(year, month, day).getTime() < NOTICE_PERIOD_DAYS * DAY;
}

/** The keypad on a staff form: the number, then (after the role) the PIN twice. */
export function typeOnStaffDraft(draft: StaffDraft, key: { digit: number } | 'backspace' | 'enter'): StaffDraft {
  const counted = (entry: StaffPinEntry): Partial<StaffDraft> =>
    draft.step === 'pin' ? { pinLength: entry.length } : { confirmLength: entry.length };
  const entry = draft.step === 'pin' ? draft.pin : draft.step === 'confirm' ? draft.confirm : undefined;
  if (key === 'backspace') {
    if (draft.step === 'number') return { ...draft, number: draft.number.slice(0, -1) };
    if (!entry) return draft;
    entry.backspace();
    return { ...draft, ...counted(entry) };
  }
  if (key === 'enter') {
    if (draft.step === 'number') return /^[0-9]{4,8}$/.test(draft.number) ? { ...draft, step: 'role' } : draft;
    if (draft.step === 'role') return { ...draft, step: 'pin' };
    if (draft.step === 'pin') return draft.pinLength >= STAFF_PIN_MIN ? { ...draft, step: 'confirm', mismatch: false } : draft;
    return draft;
  }
  if (draft.step === 'number') return draft.number.length < 8 ? { ...draft, number: draft.number + String(key.digit) } : draft;
  if (!entry || entry.length >= STAFF_PIN_MAX) return draft;
  entry.append(key.digit);
  return { ...draft, ...counted(entry) };
}

/** The two PINs typed differ: both are wiped and the first is asked for again. */
export function confirmMismatch(draft: StaffDraft): StaffDraft {
  draft.pin.clear();
  draft.confirm.clear();
  return { ...draft, step: 'pin', pinLength: 0, confirmLength: 0, mismatch: true };
}

/** The command a filled-in form stands for; undefined while it is incomplete. */
export function commandOf(draft: Draft, now: Date): Command | undefined {
  switch (draft.form) {
    case 'service-off': {
      const from = Math.max(draft.from, now.getTime());
      if (draft.until !== undefined && draft.until <= from) return undefined;
      const notice = needsNotice(draft, now);
      return {
        kind: 'service-off',
        planned: draft.from > now.getTime() + MINUTE,
        off: {
          serviceId: draft.serviceId,
          reason: draft.reason,
          from: new Date(from).toISOString(),
          ...(draft.until === undefined ? {} : { until: new Date(draft.until).toISOString() }),
          ...(notice ? { notifiedOn: draft.notifiedOn } : {}),
        },
      };
    }
    case 'planned-stop':
      if (draft.until <= Math.max(draft.from, now.getTime())) return undefined;
      return {
        kind: 'add-stop',
        system: draft.system,
        from: new Date(draft.from).toISOString(),
        until: new Date(draft.until).toISOString(),
      };
    case 'holiday':
      return { kind: 'set-holiday', date: draft.date, holiday: draft.holiday };
    case 'staffed-hours':
      return { kind: 'set-staffed-hours', hours: draft.hours };
    case 'add-staff':
    case 'reset-pin':
      if (draft.step !== 'confirm' || draft.confirmLength < STAFF_PIN_MIN || !draft.pin.matches(draft.confirm)) return undefined;
      return draft.form === 'add-staff'
        ? { kind: 'add-staff', number: draft.number, role: draft.role, pin: draft.pin }
        : { kind: 'reset-pin', number: draft.number, pin: draft.pin };
    case 'release-card':
      if (!draft.method) return undefined;
      return { kind: 'release-card', id: draft.id, method: draft.method, checkedAt: new Date(draft.checkedAt).toISOString() };
  }
}

/** Wipes whatever secret a form holds (a staff form's PINs). */
export function wipeDraft(draft: Draft | undefined): void {
  if (draft?.form === 'add-staff' || draft?.form === 'reset-pin') {
    draft.pin.clear();
    draft.confirm.clear();
  }
}
