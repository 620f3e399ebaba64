// The maintenance machine's context, events, commands and the outcomes of its actors.
import type { MaintenanceEvent } from '../../common/maintenance/maintenance-events.ts';
import type {
  ActionResult,
  CustomerNotice,
  IdCheckMethod,
  LockOutcome,
  MaintenanceAction,
  MaintenancePageView,
  PurgeReason,
  ReaderDiagnostic,
  ScheduleTab,
  SelfTestRun,
  StaffedHours,
  StaffRole,
  StaffView,
  StatusReport,
} from '../../common/maintenance/maintenance-view.ts';
import type { RecordsDelivery } from '../../common/maintenance/records-view.ts';
import type { Language } from '../../common/ui-events.ts';
import type { SystemId } from '../hours/schedule-rules.ts';
import type { Draft } from './drafts.ts';
import type { RecordsForm } from './records-form.ts';
import type { SwitchOff } from './service-control.ts';
import type { StaffPinEntry } from './staff-pin.ts';

/** What a staff member's command does; `actionOf` says which permission it needs. */
export type Command =
  | { readonly kind: 'suspend'; readonly notice: CustomerNotice }
  | { readonly kind: 'resume' }
  | { readonly kind: 'service-off'; readonly off: SwitchOff; readonly planned: boolean }
  | { readonly kind: 'service-on'; readonly serviceId: string }
  | { readonly kind: 'add-stop'; readonly system: SystemId; readonly from: string; readonly until: string }
  | { readonly kind: 'set-holiday'; readonly date: string; readonly holiday: boolean }
  | { readonly kind: 'set-staffed-hours'; readonly hours: StaffedHours }
  | { readonly kind: 'remove-override'; readonly id: string }
  | { readonly kind: 'unlock-staff'; readonly number: string }
  | { readonly kind: 'remove-staff'; readonly number: string }
  /** The new PIN stays in its wipeable entry until the command has run. */
  | { readonly kind: 'add-staff'; readonly number: string; readonly role: StaffRole; readonly pin: StaffPinEntry }
  | { readonly kind: 'reset-pin'; readonly number: string; readonly pin: StaffPinEntry }
  | { readonly kind: 'restart-card-service' }
  /** A kept card given back to its owner, whose identity the staff member giving it checked. */
  | { readonly kind: 'release-card'; readonly id: string; readonly method: IdCheckMethod; readonly checkedAt: string }
  /** Staff saw to a card left in the desk reader: the lock is lifted. */
  | { readonly kind: 'confirm-card-lock'; readonly outcome: LockOutcome }
  | { readonly kind: 'retry-submission'; readonly id: string }
  | { readonly kind: 'purge-submission'; readonly id: string; readonly reason: PurgeReason }
  | { readonly kind: 'export-logs' }
  | { readonly kind: 'restart-kiosk' }
  | { readonly kind: 'shut-down' }
  | { readonly kind: 'day-close-out'; readonly date: string; readonly to: 'printer' | 'folder' }
  | { readonly kind: 'export-audit'; readonly from: string; readonly to: string };

export function actionOf(command: Command): MaintenanceAction {
  switch (command.kind) {
    case 'suspend':
      return 'suspend';
    case 'resume':
      return 'resume';
    case 'service-off':
      return command.planned || command.off.reason === 'end-of-service' ? 'plan-suspension' : 'switch-service';
    case 'service-on':
      return 'switch-service';
    case 'add-stop':
    case 'set-holiday':
    case 'set-staffed-hours':
    case 'remove-override':
      return 'edit-schedules';
    case 'unlock-staff':
      return 'unlock-staff';
    case 'remove-staff':
    case 'add-staff':
    case 'reset-pin':
      return 'manage-staff';
    case 'restart-card-service':
      return 'restart-card-service';
    case 'release-card':
      return 'release-card';
    case 'confirm-card-lock':
      return command.outcome === 'not-found' ? 'record-card-missing' : 'confirm-card-lock';
    case 'retry-submission':
      return 'retry-submission';
    case 'purge-submission':
      return 'purge-submission';
    case 'export-logs':
      return 'export-logs';
    case 'restart-kiosk':
    case 'shut-down':
      return 'restart-kiosk';
    case 'day-close-out':
      return 'print-day-close';
    case 'export-audit':
      return 'export-audit';
  }
}

/** What the audit trail says a command was done to and how (short codes only: the trail takes no free text). */
export function describeCommand(command: Command): { subject?: string; detail?: string } {
  switch (command.kind) {
    case 'suspend':
      return { detail: command.notice };
    case 'service-off': {
      const { off } = command;
      const window = [off.from, off.until ?? 'open'].join('..');
      return { subject: off.serviceId, detail: [off.reason, window, off.notifiedOn ? `notified:${off.notifiedOn}` : ''].join(':') };
    }
    case 'service-on':
      return { subject: command.serviceId };
    case 'add-stop':
      return { subject: command.system, detail: `${command.from}..${command.until}` };
    case 'set-holiday':
      return { subject: command.date, detail: command.holiday ? 'holiday' : 'working-day' };
    case 'set-staffed-hours': {
      const { weekdays, saturday, sundaysAndHolidays } = command.hours;
      const day = (window: StaffedHours['weekdays']): string => (window ? `${window.from}-${window.to}` : 'closed');
      return { detail: [day(weekdays), day(saturday), day(sundaysAndHolidays)].join('.') };
    }
    case 'remove-override':
      return { subject: command.id };
    case 'unlock-staff':
    case 'remove-staff':
    case 'reset-pin':
      return { subject: command.number };
    case 'add-staff':
      return { subject: command.number, detail: command.role };
    case 'release-card':
      return { subject: command.id, detail: `${command.method}:${command.checkedAt}` };
    case 'confirm-card-lock':
      return { detail: command.outcome };
    case 'retry-submission':
      return { subject: command.id };
    case 'purge-submission':
      return { subject: command.id, detail: command.reason };
    case 'day-close-out':
      return { subject: command.date, detail: command.to };
    case 'export-audit':
      return { subject: `${command.from}..${command.to}` };
    default:
      return {};
  }
}

/** The kiosk's own events to the menu, never the screen's. */
export type KioskMaintenanceEvent =
  /** The service key turned on; `cardHeld`: a customer's card is in the kiosk's hands now. */
  | { readonly type: 'KEY_ON'; readonly cardHeld: boolean }
  | { readonly type: 'KEY_OFF' }
  /** The customer's session is back at the attract loop (or out of service) with no card. */
  | { readonly type: 'CUSTOMER_GONE' }
  /** A card went in or out of a reader (the reader test inspects again). */
  | { readonly type: 'READER_CHANGED' }
  /** A touch anywhere: staff are still there. */
  | { readonly type: 'ACTIVITY' }
  /** Raised by the machine itself after the idle time. */
  | { readonly type: 'IDLE_TIMEOUT' };

export type MaintenanceMachineEvent = MaintenanceEvent | KioskMaintenanceEvent;

export type SignInResult =
  | { readonly kind: 'signed-in'; readonly staff: StaffView }
  | { readonly kind: 'wrong-pin' }
  | { readonly kind: 'locked'; readonly now: boolean }
  | { readonly kind: 'throttled'; readonly waitMs: number };

/** `detail`: what came of it, for the audit trail (a short code: the file written, 'delivered'…); `delivery`: what a print or an export actually did, for the page to say. */
export type CommandOutcome =
  | { readonly ok: true; readonly detail?: string; readonly delivery?: RecordsDelivery }
  | { readonly ok: false; readonly reason: string; readonly delivery?: RecordsDelivery };

export type SignInProblem = Extract<MaintenancePageView, { page: 'sign-in' }>['problem'];

export interface MaintenanceContext {
  readonly language: Language;
  /** Who signed in; undefined until then and after closing. */
  readonly staff: StaffView | undefined;
  /** The staff number being typed (not a secret: it is shown). */
  readonly staffNumber: string;
  /** The PIN being typed: mutable and wipeable, never copied into the context. */
  readonly pin: StaffPinEntry;
  /** How many digits of it were typed (kept here so that graph traversal sees it; the digits are not). */
  readonly pinLength: number;
  readonly problem: SignInProblem;
  readonly waitSeconds: number | undefined;
  /** A command waiting for a second staff member's approval, or being performed. */
  readonly pending: Command | undefined;
  readonly approver: StaffView | undefined;
  readonly result: ActionResult | undefined;
  readonly status: StatusReport | undefined;
  readonly readers: readonly ReaderDiagnostic[] | undefined;
  /** The display check's answer, while the chime is checked. */
  readonly displayOk: boolean | undefined;
  readonly selfTest: SelfTestRun | undefined;
  readonly tab: ScheduleTab;
  readonly draft: Draft | undefined;
  readonly confirmStop: 'restart-kiosk' | 'shut-down' | undefined;
  /** The records pages' dates and the receipt number typed. */
  readonly records: RecordsForm;
  /** What the last print or export did (said on its page until staff leave it). */
  readonly delivery: RecordsDelivery | undefined;
}

/** The page a state shows (exactly one per state the menu draws; `closed` and `waiting` draw none). */
export type MaintenanceScreenTag = `screen:maintenance:${MaintenancePageView['page']}`;

/**
 * - 'open': the menu holds the screen (the customer's session is suspended).
 * - 'signed-in': a staff member is signed in.
 * - 'approval': a second staff member is asked to approve `pending`.
 */
export type MaintenanceFactTag = 'open' | 'signed-in' | 'approval';

export type MaintenanceTag = MaintenanceScreenTag | MaintenanceFactTag;
