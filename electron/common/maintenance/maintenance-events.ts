// What the touchscreen may ask of the maintenance menu. Validated on arrival like the
// customer's events, taken only while the menu is open (it opens by the service key, never by
// a screen event), and checked against the signed-in staff member's role by the kiosk core:
// the menu's buttons follow the permissions, they do not enforce them.
import { z } from 'zod';
import { RECEIPT_KEYS } from '../receipt-number.ts';
import {
  CUSTOMER_NOTICES,
  ID_CHECK_METHODS,
  LOCK_OUTCOMES,
  MENU_PAGES,
  PURGE_REASONS,
  SCHEDULE_TABS,
  STAFF_ROLES,
  SWITCH_REASONS,
} from './maintenance-view.ts';

const ServiceIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
export const StaffNumberSchema = z.string().regex(/^[0-9]{4,8}$/);
const OverrideIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);
const KeptCardIdSchema = z.string().regex(/^kc-[a-z0-9]{1,40}$/);

/** Steps a date and time may take on the touchscreen: a day, an hour, a quarter of an hour. */
export const STEP_MINUTES = [-1440, -60, -15, 15, 60, 1440] as const;
export type StepMinutes = (typeof STEP_MINUTES)[number];
const StepSchema = z.union(STEP_MINUTES.map((minutes) => z.literal(minutes)));

/** One change to the form on screen; the core checks that it fits the form. */
export const FormEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reason'), reason: z.enum(SWITCH_REASONS) }),
  /** A window's start or end, a notification date or an override's date, moved by a step. */
  z.object({ kind: z.literal('step'), field: z.enum(['from', 'until', 'notifiedOn', 'date', 'checkedAt']), minutes: StepSchema }),
  /** The window runs until switched back on (no end). */
  z.object({ kind: z.literal('open-ended'), openEnded: z.boolean() }),
  /** The next or previous system of the schedule tables. */
  z.object({ kind: z.literal('system'), direction: z.union([z.literal(1), z.literal(-1)]) }),
  z.object({ kind: z.literal('holiday'), holiday: z.boolean() }),
  z.object({
    kind: z.literal('staffed'),
    day: z.enum(['weekdays', 'saturday', 'sundaysAndHolidays']),
    bound: z.enum(['from', 'to']),
    minutes: z.union([z.literal(-30), z.literal(30)]),
  }),
  z.object({ kind: z.literal('staffed-closed'), day: z.enum(['weekdays', 'saturday', 'sundaysAndHolidays']), closed: z.boolean() }),
  z.object({ kind: z.literal('role'), role: z.enum(STAFF_ROLES) }),
  /** How the owner's identity was checked before a kept card is given back. */
  z.object({ kind: z.literal('id-method'), method: z.enum(ID_CHECK_METHODS) }),
]);
export type FormEdit = z.infer<typeof FormEditSchema>;

export const FormKindSchema = z.discriminatedUnion('form', [
  z.object({ form: z.literal('service-off'), serviceId: ServiceIdSchema }),
  z.object({ form: z.literal('planned-stop') }),
  z.object({ form: z.literal('holiday') }),
  z.object({ form: z.literal('staffed-hours') }),
  z.object({ form: z.literal('add-staff') }),
  z.object({ form: z.literal('reset-pin'), number: StaffNumberSchema }),
  z.object({ form: z.literal('release-card'), id: KeptCardIdSchema }),
]);
export type FormKind = z.infer<typeof FormKindSchema>;

export const MAINTENANCE_EVENT_OPTIONS = [
  /** A digit on the menu's keypad: a staff number or PIN, or the staff form's. */
  z.object({ type: z.literal('MENU_DIGIT'), digit: z.number().int().min(0).max(9) }),
  z.object({ type: z.literal('MENU_BACKSPACE') }),
  /** 確定 on the keypad. */
  z.object({ type: z.literal('MENU_ENTER') }),
  /** The refusal: open the menu once this customer has finished. */
  z.object({ type: z.literal('MENU_AFTER_CUSTOMER') }),
  /** Never mind: the refusal, or a second staff member's approval, is dropped. */
  z.object({ type: z.literal('MENU_DISMISS') }),
  z.object({ type: z.literal('MENU_OPEN'), page: z.enum(MENU_PAGES) }),
  z.object({ type: z.literal('MENU_HOME') }),
  /** Signs out and closes the menu: the customer's attract loop comes back. */
  z.object({ type: z.literal('MENU_CLOSE') }),
  // ui-events.ts takes these options into its union: its LanguageSchema cannot be imported back.
  z.object({ type: z.literal('MENU_LANGUAGE'), language: z.enum(['ja', 'en']) }),
  /** Gathers the status again, or inspects the readers again. */
  z.object({ type: z.literal('MENU_REFRESH') }),
  /** The reader test's card back out. */
  z.object({ type: z.literal('MENU_EJECT') }),
  z.object({ type: z.literal('MENU_RESTART_CARD_SERVICE') }),
  z.object({ type: z.literal('MENU_SELF_TEST') }),
  /** The display or chime check of a self-test: staff saw the pattern / heard the chime. */
  z.object({ type: z.literal('MENU_CHECKED'), ok: z.boolean() }),
  /** Out of service now (a session is ended safely first), with what customers read. */
  z.object({ type: z.literal('MENU_SUSPEND'), notice: z.enum(CUSTOMER_NOTICES) }),
  z.object({ type: z.literal('MENU_RESUME') }),
  z.object({ type: z.literal('MENU_SERVICE_ON'), serviceId: ServiceIdSchema }),
  z.object({ type: z.literal('MENU_TAB'), tab: z.enum(SCHEDULE_TABS) }),
  z.object({ type: z.literal('MENU_FORM'), form: FormKindSchema }),
  z.object({ type: z.literal('MENU_EDIT'), edit: FormEditSchema }),
  z.object({ type: z.literal('MENU_SAVE') }),
  z.object({ type: z.literal('MENU_CANCEL_FORM') }),
  z.object({ type: z.literal('MENU_REMOVE_OVERRIDE'), id: OverrideIdSchema }),
  z.object({ type: z.literal('MENU_UNLOCK'), number: StaffNumberSchema }),
  z.object({ type: z.literal('MENU_REMOVE_STAFF'), number: StaffNumberSchema }),
  /** Restart or shut down the kiosk: asks first, then ends a session safely and stops. */
  z.object({ type: z.literal('MENU_STOP'), kind: z.enum(['restart-kiosk', 'shut-down']) }),
  z.object({ type: z.literal('MENU_CONFIRM_STOP') }),
  z.object({ type: z.literal('MENU_CANCEL_STOP') }),
  /** What staff found at a desk reader locked by a card left behind: the kiosk goes back in service. */
  z.object({ type: z.literal('MENU_CONFIRM_CARD'), outcome: z.enum(LOCK_OUTCOMES) }),
  /** A waiting submission sent now; or purged (二人制), with why. */
  z.object({ type: z.literal('MENU_RETRY_SUBMISSION'), id: z.uuid() }),
  z.object({ type: z.literal('MENU_PURGE_SUBMISSION'), id: z.uuid(), reason: z.enum(PURGE_REASONS) }),
  /** Writes the encrypted log bundle for the maintenance vendor. */
  z.object({ type: z.literal('MENU_EXPORT_LOGS') }),
  /** The records pages' dates: the day-close report's day, or an export's first or last day, by days. */
  z.object({
    type: z.literal('MENU_RECORDS_DAY'),
    field: z.enum(['day', 'from', 'to']),
    days: z.union([z.literal(-7), z.literal(-1), z.literal(1), z.literal(7)]),
  }),
  /** A key of the receipt lookup's keypad: one character of the receipt numbers' alphabet. */
  z.object({ type: z.literal('MENU_RECEIPT_KEY'), key: z.enum(RECEIPT_KEYS) }),
  /** The day-close report on the terminal's printer (or, without one, as a PDF in the export folder), or saved there. */
  z.object({ type: z.literal('MENU_DAY_CLOSE_OUT'), to: z.enum(['printer', 'folder']) }),
  /** The audit trail of the dates chosen, into the export folder (二人制). */
  z.object({ type: z.literal('MENU_EXPORT_AUDIT') }),
] as const;

export const MaintenanceEventSchema = z.discriminatedUnion('type', MAINTENANCE_EVENT_OPTIONS);
export type MaintenanceEvent = z.infer<typeof MaintenanceEventSchema>;

const MAINTENANCE_TYPES: ReadonlySet<string> = new Set(MAINTENANCE_EVENT_OPTIONS.map((option) => option.shape.type.value));

/** Whether a screen event is the maintenance menu's (the kiosk core routes it there, never to a customer's session). */
export const isMaintenanceEvent = (event: { readonly type: string }): event is MaintenanceEvent => MAINTENANCE_TYPES.has(event.type);
