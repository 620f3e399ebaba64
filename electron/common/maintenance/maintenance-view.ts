// What the touchscreen shows while the operator maintenance menu is open: one page at a time,
// with only what that page needs. The kiosk core projects its maintenance machine onto this;
// the renderer draws it. No PIN digit is ever part of it (only how many were typed), and no
// personal data: a card in the reader test appears by its verdict and protocol facts only.
import type { LocalizedText } from '../income-items.ts';
import type { DayCloseView, ExportFolderView, OutcomeDayView, ReceiptLookupView, RecordsDelivery } from './records-view.ts';

/** 窓口担当, 役席, 保守, 管理者. */
export const STAFF_ROLES = ['operator', 'supervisor', 'maintenance', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Everything a signed-in staff member may be allowed to do (who may: electron/node/maintenance/permissions.ts). */
export const MAINTENANCE_ACTIONS = [
  'view-status',
  'reader-test',
  'restart-card-service',
  'self-test',
  'suspend',
  'resume',
  'switch-service',
  'plan-suspension',
  'view-schedules',
  'edit-schedules',
  'view-configuration',
  'restart-kiosk',
  'unlock-staff',
  'manage-staff',
  'release-card',
  'confirm-card-lock',
  'record-card-missing',
  'retry-submission',
  'purge-submission',
  'export-logs',
  'view-records',
  'print-day-close',
  'export-audit',
] as const;
export type MaintenanceAction = (typeof MAINTENANCE_ACTIONS)[number];

/** What customers read while the kiosk is out of service: 点検中 / 本日の受付は終了しました / システム障害. */
export const CUSTOMER_NOTICES = ['maintenance', 'closed-today', 'system-fault'] as const;
export type CustomerNotice = (typeof CUSTOMER_NOTICES)[number];
/** What customers read while out of service: staff's choice, or a card left behind that staff must see to. */
export type OutOfServiceNotice = CustomerNotice | 'card-left-behind';

/** Why a service is switched off, as staff enter it (no free text: it is audited). */
export const SWITCH_REASONS = ['maintenance', 'system-change', 'end-of-service', 'other'] as const;
export type SwitchReason = (typeof SWITCH_REASONS)[number];

export const SELF_TEST_CHECKS = ['reader', 'gateway', 'clock', 'disk', 'database', 'key-files', 'audit-trail', 'display', 'chime'] as const;
export type SelfTestCheck = (typeof SELF_TEST_CHECKS)[number];

/** Why staff purge a waiting submission (no free text: it is audited). */
export const PURGE_REASONS = ['customer-withdrew', 'bank-instruction', 'duplicate', 'undeliverable', 'other'] as const;
export type PurgeReason = (typeof PURGE_REASONS)[number];

/** The pages of the menu a staff member opens from its home page. */
export const MENU_PAGES = [
  'status',
  'reader-test',
  'self-test',
  'service-control',
  'schedules',
  'configuration',
  'staff',
  'cards',
  'outbox',
  'logs',
  'day-close',
  'receipt-lookup',
  'audit-export',
] as const;
export type MenuPage = (typeof MENU_PAGES)[number];

/** Which permission opens a page (any of them): the menu shows its button, the kiosk core lets it open. */
export const PAGE_ACTIONS: { readonly [P in MenuPage]: readonly MaintenanceAction[] } = {
  status: ['view-status'],
  'reader-test': ['reader-test'],
  'self-test': ['self-test'],
  'service-control': ['suspend', 'resume', 'switch-service', 'plan-suspension'],
  schedules: ['view-schedules'],
  configuration: ['view-configuration', 'restart-kiosk'],
  staff: ['unlock-staff', 'manage-staff'],
  cards: ['release-card', 'confirm-card-lock', 'record-card-missing'],
  outbox: ['view-status'],
  logs: ['export-logs'],
  'day-close': ['view-records'],
  'receipt-lookup': ['view-records'],
  'audit-export': ['export-audit'],
};

export const SCHEDULE_TABS = ['effective', 'stops', 'holidays', 'staffed'] as const;
export type ScheduleTab = (typeof SCHEDULE_TABS)[number];

export interface StaffView {
  readonly number: string;
  readonly role: StaffRole;
}

/** Why the kiosk is out of service, for staff (the customer reads only the notice). */
export type OutOfServiceCause =
  | { readonly kind: 'staff'; readonly notice: CustomerNotice; readonly since: string; readonly staff: string }
  | { readonly kind: 'self-test'; readonly checks: readonly SelfTestCheck[]; readonly since: string }
  | { readonly kind: 'screen-fault'; readonly since: string }
  /** A card was left in the desk reader: locked until staff confirm what happened (取込カード管理簿). */
  | { readonly kind: 'card-left-behind'; readonly since: string; readonly record: string }
  | { readonly kind: 'no-reader' }
  | { readonly kind: 'gateway-down' };

export interface KioskServiceState {
  readonly inService: boolean;
  readonly causes: readonly OutOfServiceCause[];
}

/** One check of a self-test run; `value` is the measurement where there is one (ms, MB). */
export interface SelfTestResult {
  readonly check: SelfTestCheck;
  readonly outcome: 'pass' | 'fail' | 'warn' | 'skipped';
  /** A short code of what was found ("missing", "offset", "tls-failed", "mode:0644", …). */
  readonly finding?: string;
  readonly value?: number;
}

export interface SelfTestRun {
  readonly at: string;
  readonly trigger: 'start-up' | 'daily' | 'on-demand' | 'retry';
  readonly passed: boolean;
  readonly results: readonly SelfTestResult[];
  /** Who ran it (on demand). */
  readonly staff?: string;
}

/** As native/diagnostics/card-verdict.ts names them (the kiosk core checks that both lists agree). */
export type ReaderVerdict =
  | 'ok'
  | 'no-card'
  | 'in-use'
  | 'card-not-responding'
  | 'not-jpki-card'
  | 'not-my-number-card'
  | 'smartphone-token'
  | 'certificate-too-large'
  | 'unreadable'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-revoked'
  | 'pin-blocked';

/**
 * What `card status` found, without personal data: no subject, serial number or fingerprint of
 * the certificate, only the facts that tell whether the card and the reader work.
 */
export interface ReaderDiagnostic {
  readonly reader: string;
  readonly card: 'present' | 'empty' | 'mute';
  readonly atr?: string;
  readonly verdict: ReaderVerdict;
  readonly jpkiApplication?: 'yes' | 'no' | 'in-use' | 'error';
  readonly tokenKind?: string;
  readonly certificateNotAfter?: string;
  readonly pinTriesLeft?: number;
}

export type CardServiceHealth =
  | { readonly kind: 'process'; readonly up: boolean; readonly restarts: number }
  /** The demo's simulated reader runs inside the kiosk core: there is no card service process. */
  | { readonly kind: 'in-process' };

export interface ServiceAvailabilityView {
  readonly id: string;
  readonly name: LocalizedText;
  readonly available: boolean;
  /** When availability changes next (within two weeks), if it does. */
  readonly nextChangeAt: string | undefined;
  /** Switched off by staff, and why. */
  readonly switchedOff: { readonly reason: SwitchReason; readonly from: string; readonly until: string | undefined } | undefined;
}

export interface StatusReport {
  readonly at: string;
  readonly service: KioskServiceState;
  readonly readers: readonly { readonly name: string; readonly card: 'present' | 'empty' | 'mute'; readonly atr?: string }[];
  /** The configured reader's name, and whether it is attached. */
  readonly reader: { readonly name: string; readonly attached: boolean };
  readonly cardService: CardServiceHealth;
  readonly pcscd: { readonly reachable: boolean; readonly detail: string };
  readonly gateway: {
    readonly reachable: boolean;
    readonly latencyMs: number | undefined;
    readonly tls: 'mutual' | 'none';
    readonly certificateExpiresAt: string | undefined;
    readonly problem: string | undefined;
  };
  /** The kiosk's own client certificate (mutual TLS), when one is configured. */
  readonly clientCertificateExpiresAt: string | undefined;
  readonly clock:
    | { readonly kind: 'measured'; readonly source: string; readonly offsetMs: number }
    | { readonly kind: 'unreachable'; readonly source: string }
    | { readonly kind: 'not-configured' };
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number };
  readonly database: { readonly ok: boolean; readonly sizeBytes: number };
  /** `overdue`: the oldest has waited longer than `alarmMinutes` (config maintenance.outboxAlarmMinutes), by the kiosk's clock. */
  readonly pending: {
    readonly count: number;
    readonly oldestAt: string | undefined;
    readonly overdue: boolean;
    readonly alarmMinutes: number;
  };
  readonly services: readonly ServiceAvailabilityView[];
  readonly version: string;
  readonly configurationHash: string;
  readonly startedAt: string;
  readonly uptimeSeconds: number;
}

/** A date and time being set with steps (a planned window), as an ISO instant. */
export interface ServiceOffForm {
  readonly form: 'service-off';
  readonly serviceId: string;
  readonly reason: SwitchReason;
  /** Starts later than now: a planned suspension (デジタル庁 is to be notified two weeks ahead). */
  readonly planned: boolean;
  /** The reminder of the notice to デジタル庁, and its date, apply (planned, or an end of service). */
  readonly needsNotice: boolean;
  readonly from: string;
  readonly until: string | undefined;
  /** When デジタル庁 was notified (a planned suspension or an end must be notified two weeks ahead). */
  readonly notifiedOn: string;
  /** Less than two weeks between the notification and the start. */
  readonly noticeTooShort: boolean;
}

export interface PlannedStopForm {
  readonly form: 'planned-stop';
  readonly system: string;
  readonly from: string;
  readonly until: string;
}

export interface HolidayForm {
  readonly form: 'holiday';
  /** YYYY-MM-DD, Japan. */
  readonly date: string;
  /** true: treat the day as a national holiday; false: as an ordinary day. */
  readonly holiday: boolean;
}

export type Window = { readonly from: string; readonly to: string } | null;

/** The branch's staffed hours (Japan time); null: not staffed that day. */
export interface StaffedHours {
  readonly weekdays: Window;
  readonly saturday: Window;
  readonly sundaysAndHolidays: Window;
}

export interface StaffedHoursForm {
  readonly form: 'staffed-hours';
  readonly hours: StaffedHours;
}

export interface StaffForm {
  readonly form: 'add-staff' | 'reset-pin';
  readonly step: 'number' | 'role' | 'pin' | 'confirm';
  readonly number: string;
  readonly role: StaffRole;
  readonly pinDigits: number;
  /** The two PINs typed differ (back to the first). */
  readonly mismatch: boolean;
}

export type ScheduleForm = PlannedStopForm | HolidayForm | StaffedHoursForm;

/** A system's rules, each as its kind and parameters (drawn as text by the renderer). */
export interface SystemScheduleView {
  readonly system: string;
  readonly rules: readonly { readonly kind: string; readonly from?: string; readonly to?: string; readonly weeks?: readonly number[] }[];
  readonly runningNow: boolean;
}

export interface ScheduleOverridesView {
  readonly stops: readonly { readonly id: string; readonly system: string; readonly from: string; readonly until: string }[];
  readonly holidays: readonly { readonly date: string; readonly holiday: boolean }[];
  readonly staffedHours: StaffedHours | undefined;
}

export interface StaffMemberView extends StaffView {
  readonly locked: boolean;
  readonly failedAttempts: number;
}

/** A submission waiting in the outbox, as staff see it: never what it holds. */
export interface OutboxEntryView {
  readonly id: string;
  readonly createdAt: string;
  /** Whole minutes since it was stored, by the kiosk's clock. */
  readonly ageMinutes: number;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  /** The last try's failure as a short code ('unavailable', 'timeout', a rejection code…). */
  readonly lastError: string | undefined;
}

/** What became of the last log bundle: the file written, or why none was. */
export type LogBundleOutcome =
  | { readonly written: true; readonly file: string; readonly at: string }
  | {
      readonly written: false;
      readonly reason: 'not-configured' | 'folder-missing' | 'write-failed' | 'encrypt-failed';
      readonly at: string;
    };

/** The outcome of the last action, shown on the page it was taken from. */
export interface ActionResult {
  readonly action: MaintenanceAction;
  readonly outcome: 'done' | 'failed' | 'refused';
}

/** Why the kiosk kept a card, or why one stayed behind (取込カード管理簿). */
export const KEPT_REASONS = ['not-taken', 'left-behind', 'outage', 'swapped'] as const;
export type KeptReason = (typeof KEPT_REASONS)[number];

/** How staff checked the identity of a card's owner before giving it back. */
export const ID_CHECK_METHODS = ['driving-licence', 'passport', 'residence-card', 'other'] as const;
export type IdCheckMethod = (typeof ID_CHECK_METHODS)[number];

/** What staff found at a desk reader locked by a card left behind. */
export const LOCK_OUTCOMES = ['secured', 'not-found'] as const;
export type LockOutcome = (typeof LOCK_OUTCOMES)[number];

/**
 * One card of the register: never personal data, the card only as the kiosk's keyed hash.
 * `flagged`: open longer than the configured days, for the bank's lost-property procedure.
 */
export interface KeptCardView {
  readonly id: string;
  readonly keptAt: string;
  readonly session: string | undefined;
  readonly cardHash: string | undefined;
  readonly reason: KeptReason;
  /** Its place in the retain unit (motorised readers that count). */
  readonly binPosition: number | undefined;
  readonly status: 'open' | 'flagged' | 'released' | 'not-found';
  readonly ageDays: number;
  readonly released?: {
    readonly at: string;
    readonly checkedBy: string;
    readonly method: IdCheckMethod;
    readonly checkedAt: string;
    readonly approvedBy: string;
  };
}

/** The retain unit's count against the cards the register says are in it. */
export interface BinReconciliation {
  /** As the reader last reported it; undefined where it never did (a desk reader, a reader that does not count). */
  readonly binCount: number | undefined;
  /** Records with a bin position since the unit was last emptied. */
  readonly recorded: number;
  readonly matches: boolean | undefined;
}

export interface ReleaseCardForm {
  readonly form: 'release-card';
  readonly id: string;
  readonly method: IdCheckMethod | undefined;
  readonly checkedAt: string;
}

export type MaintenancePageView =
  /** The key was turned while a customer's card is held: not now; after this customer? */
  | { readonly page: 'refused' }
  | {
      readonly page: 'sign-in';
      /** Signing in, or a second staff member approving a marked action (二人制). */
      readonly purpose: 'sign-in' | 'approve';
      readonly approving: MaintenanceAction | undefined;
      /** What is to be approved (the record, submission or dates and how), as the audit trail records it. */
      readonly approvingWhat: { readonly subject?: string; readonly detail?: string } | undefined;
      readonly step: 'number' | 'pin' | 'checking';
      readonly staffNumber: string;
      readonly pinDigits: number;
      readonly problem: 'wrong' | 'locked' | 'throttled' | 'same-person' | 'role' | undefined;
      readonly waitSeconds: number | undefined;
    }
  /** `series`: the last 14 days' sessions by outcome, for staff who may view the records. */
  | { readonly page: 'home'; readonly service: KioskServiceState; readonly series: readonly OutcomeDayView[] | undefined }
  | { readonly page: 'status'; readonly report: StatusReport | undefined }
  | {
      readonly page: 'reader-test';
      readonly readers: readonly ReaderDiagnostic[] | undefined;
      readonly cardService: CardServiceHealth;
    }
  | {
      readonly page: 'self-test';
      readonly step: 'ready' | 'display' | 'chime' | 'running';
      readonly last: SelfTestRun | undefined;
    }
  | {
      readonly page: 'service-control';
      readonly service: KioskServiceState;
      readonly services: readonly ServiceAvailabilityView[];
      readonly form: ServiceOffForm | undefined;
    }
  | {
      readonly page: 'schedules';
      readonly tab: ScheduleTab;
      readonly systems: readonly SystemScheduleView[];
      readonly overrides: ScheduleOverridesView;
      /** Availability of each service: as it is, or with the form's change applied (the preview). */
      readonly preview: readonly ServiceAvailabilityView[];
      readonly form: ScheduleForm | undefined;
    }
  | {
      readonly page: 'configuration';
      readonly entries: readonly { readonly key: string; readonly value: string }[];
      readonly hash: string;
      readonly confirm: 'restart-kiosk' | 'shut-down' | undefined;
    }
  | { readonly page: 'staff'; readonly members: readonly StaffMemberView[]; readonly form: StaffForm | undefined }
  | {
      readonly page: 'cards';
      readonly records: readonly KeptCardView[];
      readonly lock: { readonly since: string; readonly record: string } | undefined;
      readonly reconciliation: BinReconciliation;
      readonly unclaimedDays: number;
      readonly form: ReleaseCardForm | undefined;
    }
  | { readonly page: 'outbox'; readonly entries: readonly OutboxEntryView[]; readonly alarmMinutes: number; readonly overdue: boolean }
  /** The log bundle for the maintenance vendor: where it is written (undefined: not configured), and the last one. */
  | { readonly page: 'logs'; readonly folder: string | undefined; readonly last: LogBundleOutcome | undefined }
  | {
      readonly page: 'day-close';
      /** The report of the date chosen; undefined when it could not be counted. */
      readonly report: DayCloseView | undefined;
      /** Whether the terminal has a printer (else the PDF goes to the export folder). */
      readonly printer: boolean;
      readonly folder: ExportFolderView;
      readonly delivery: RecordsDelivery | undefined;
    }
  | {
      readonly page: 'receipt-lookup';
      /** The characters typed so far, without the hyphen. */
      readonly typed: string;
      readonly lookup: ReceiptLookupView;
    }
  | {
      readonly page: 'audit-export';
      /** Japan dates, both included. */
      readonly from: string;
      readonly to: string;
      /** The last date that may be chosen (today). */
      readonly latest: string;
      readonly folder: ExportFolderView;
      readonly delivery: RecordsDelivery | undefined;
    }
  /** A command is being carried out. */
  | { readonly page: 'working'; readonly action: MaintenanceAction }
  /** The kiosk is stopping safely before it restarts or shuts down. */
  | { readonly page: 'stopping'; readonly kind: 'restart-kiosk' | 'shut-down' };

export type MaintenanceView = { readonly screen: 'maintenance' } & MaintenancePageView & {
    /** Who is signed in (none on the refusal and the first sign-in). */
    readonly staff: StaffView | undefined;
    /** What the signed-in staff member may do: the menu offers only these. */
    readonly allowed: readonly MaintenanceAction[];
    readonly result: ActionResult | undefined;
  };
