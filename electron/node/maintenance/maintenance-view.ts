// Projects the maintenance machine's snapshot onto the one page staff see. Only this module
// decides what of the menu leaves the kiosk core for the renderer: never a PIN digit (only how
// many were typed), a form as its values, live facts read at the moment of drawing.
import type { SnapshotFrom } from 'xstate';
import type {
  BinReconciliation,
  CardServiceHealth,
  KeptCardView,
  KioskServiceState,
  ReleaseCardForm,
  LogBundleOutcome,
  MaintenancePageView,
  OutboxEntryView,
  MaintenanceView,
  ScheduleForm,
  ScheduleOverridesView,
  SelfTestRun,
  ServiceAvailabilityView,
  ServiceOffForm,
  StaffForm,
  StaffMemberView,
  SystemScheduleView,
} from '../../common/maintenance/maintenance-view.ts';
import type { DayCloseView, ExportFolderView, OutcomeDayView, ReceiptLookupView } from '../../common/maintenance/records-view.ts';
import type { Calendar, ViewModel } from '../../common/view-model.ts';
import { needsNotice, noticeTooShort, type Draft } from './drafts.ts';
import type { MaintenanceMachine } from './maintenance-machine.ts';
import { actionOf, describeCommand, type MaintenanceScreenTag } from './maintenance-types.ts';
import { allowedActions, mayDo } from './permissions.ts';
import { todayIn } from './records-form.ts';

type Snapshot = SnapshotFrom<MaintenanceMachine>;

/** What the pages show besides what the machine holds: read live at every drawing. */
export interface MaintenanceData {
  now(): Date;
  service(): KioskServiceState;
  /** Every service's availability; with a schedule form's change applied, for its preview. */
  services(change?: Draft): ServiceAvailabilityView[];
  schedules(): SystemScheduleView[];
  overrides(): ScheduleOverridesView;
  members(): StaffMemberView[];
  configuration(): { readonly entries: readonly { key: string; value: string }[]; readonly hash: string };
  lastSelfTest(): SelfTestRun | undefined;
  cardService(): CardServiceHealth;
  /** 取込カード管理簿. */
  cards(): {
    readonly records: readonly KeptCardView[];
    readonly lock: { readonly since: string; readonly record: string } | undefined;
    readonly reconciliation: BinReconciliation;
    readonly unclaimedDays: number;
  };
  outbox(): { readonly entries: readonly OutboxEntryView[]; readonly alarmMinutes: number; readonly overdue: boolean };
  logs(): { readonly folder: string | undefined; readonly last: LogBundleOutcome | undefined };
  /** The records pages': the 14-day series, a day's report, a receipt's timeline, the export folder and printer. */
  series(): readonly OutcomeDayView[] | undefined;
  dayClose(date: string): DayCloseView | undefined;
  lookup(quoted: string): ReceiptLookupView;
  folder(): ExportFolderView;
  readonly printer: boolean;
}

type PageOf<T extends MaintenanceScreenTag> = T extends `screen:maintenance:${infer P}` ? P : never;

interface Shown {
  readonly snapshot: Snapshot;
  readonly context: Snapshot['context'];
  readonly data: MaintenanceData;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Where a sign-in (or an approval) stands: typing the number, the PIN, or being checked. */
const STEPS = ['number', 'pin', 'checking'] as const;

function serviceOffForm(draft: Draft | undefined, now: Date): ServiceOffForm | undefined {
  if (draft?.form !== 'service-off') return undefined;
  return {
    form: 'service-off',
    serviceId: draft.serviceId,
    reason: draft.reason,
    planned: draft.from > now.getTime() + 60_000,
    needsNotice: needsNotice(draft, now),
    from: iso(Math.max(draft.from, now.getTime())),
    until: draft.until === undefined ? undefined : iso(draft.until),
    notifiedOn: draft.notifiedOn,
    noticeTooShort: noticeTooShort(draft, now),
  };
}

function releaseCardForm(draft: Draft | undefined): ReleaseCardForm | undefined {
  if (draft?.form !== 'release-card') return undefined;
  return { form: 'release-card', id: draft.id, method: draft.method, checkedAt: iso(draft.checkedAt) };
}

function scheduleForm(draft: Draft | undefined): ScheduleForm | undefined {
  switch (draft?.form) {
    case 'planned-stop':
      return { form: 'planned-stop', system: draft.system, from: iso(draft.from), until: iso(draft.until) };
    case 'holiday':
      return { form: 'holiday', date: draft.date, holiday: draft.holiday };
    case 'staffed-hours':
      return { form: 'staffed-hours', hours: draft.hours };
    default:
      return undefined;
  }
}

function staffForm(draft: Draft | undefined): StaffForm | undefined {
  if (draft?.form !== 'add-staff' && draft?.form !== 'reset-pin') return undefined;
  return {
    form: draft.form,
    step: draft.step,
    number: draft.number,
    role: draft.role,
    pinDigits: draft.step === 'pin' ? draft.pinLength : draft.step === 'confirm' ? draft.confirmLength : 0,
    mismatch: draft.mismatch,
  };
}

/** Each page tag's page (the compiler checks that every tag has one, and of its kind). */
const PAGES: { readonly [T in MaintenanceScreenTag]: (shown: Shown) => Extract<MaintenancePageView, { page: PageOf<T> }> } = {
  'screen:maintenance:refused': () => ({ page: 'refused' }),
  'screen:maintenance:sign-in': ({ snapshot, context }) => ({
    page: 'sign-in',
    purpose: snapshot.hasTag('approval') ? 'approve' : 'sign-in',
    approving: snapshot.hasTag('approval') && context.pending ? actionOf(context.pending) : undefined,
    // What the second person approves, as the audit trail will record it: not the action's name alone.
    approvingWhat: snapshot.hasTag('approval') && context.pending ? describeCommand(context.pending) : undefined,
    step:
      STEPS.find((step) => snapshot.matches({ open: { signIn: step } }) || snapshot.matches({ open: { menu: { approving: step } } })) ??
      'number',
    staffNumber: context.staffNumber,
    pinDigits: context.pinLength,
    problem: context.problem,
    waitSeconds: context.waitSeconds,
  }),
  'screen:maintenance:home': ({ context, data }) => ({
    page: 'home',
    service: data.service(),
    series: context.staff && mayDo(context.staff.role, 'view-records') ? data.series() : undefined,
  }),
  'screen:maintenance:status': ({ context }) => ({ page: 'status', report: context.status }),
  'screen:maintenance:reader-test': ({ context, data }) => ({
    page: 'reader-test',
    readers: context.readers,
    cardService: data.cardService(),
  }),
  'screen:maintenance:self-test': ({ snapshot, data, context }) => {
    const step = snapshot.matches({ open: { menu: { pages: { selfTest: 'display' } } } })
      ? 'display'
      : snapshot.matches({ open: { menu: { pages: { selfTest: 'chime' } } } })
        ? 'chime'
        : snapshot.matches({ open: { menu: { pages: { selfTest: 'running' } } } })
          ? 'running'
          : 'ready';
    return { page: 'self-test', step, last: context.selfTest ?? data.lastSelfTest() };
  },
  'screen:maintenance:service-control': ({ context, data }) => ({
    page: 'service-control',
    service: data.service(),
    services: data.services(),
    form: serviceOffForm(context.draft, data.now()),
  }),
  'screen:maintenance:schedules': ({ context, data }) => {
    const form = scheduleForm(context.draft);
    return {
      page: 'schedules',
      tab: context.tab,
      systems: data.schedules(),
      overrides: data.overrides(),
      preview: data.services(form ? context.draft : undefined),
      form,
    };
  },
  'screen:maintenance:configuration': ({ context, data }) => ({
    page: 'configuration',
    ...data.configuration(),
    confirm: context.confirmStop,
  }),
  'screen:maintenance:staff': ({ context, data }) => ({ page: 'staff', members: data.members(), form: staffForm(context.draft) }),
  'screen:maintenance:cards': ({ context, data }) => ({ page: 'cards', ...data.cards(), form: releaseCardForm(context.draft) }),
  'screen:maintenance:outbox': ({ data }) => ({ page: 'outbox', ...data.outbox() }),
  'screen:maintenance:logs': ({ data }) => ({ page: 'logs', ...data.logs() }),
  'screen:maintenance:day-close': ({ context, data }) => ({
    page: 'day-close',
    report: data.dayClose(context.records.day),
    printer: data.printer,
    folder: data.folder(),
    delivery: context.delivery,
  }),
  'screen:maintenance:receipt-lookup': ({ context, data }) => ({
    page: 'receipt-lookup',
    typed: context.records.typed,
    lookup: context.records.lookedUp === undefined ? { kind: 'typing' } : data.lookup(context.records.lookedUp),
  }),
  'screen:maintenance:audit-export': ({ context, data }) => ({
    page: 'audit-export',
    from: context.records.from,
    to: context.records.to,
    latest: todayIn(data.now()),
    folder: data.folder(),
    delivery: context.delivery,
  }),
  'screen:maintenance:working': ({ context }) => ({ page: 'working', action: actionOf(context.pending ?? { kind: 'resume' }) }),
  'screen:maintenance:stopping': ({ context }) => ({
    page: 'stopping',
    kind: context.pending?.kind === 'shut-down' ? 'shut-down' : 'restart-kiosk',
  }),
};

export const MAINTENANCE_SCREEN_TAGS: readonly MaintenanceScreenTag[] = Object.keys(PAGES) as MaintenanceScreenTag[];

export const maintenanceTagsOf = (snapshot: Snapshot): MaintenanceScreenTag[] =>
  MAINTENANCE_SCREEN_TAGS.filter((tag) => snapshot.hasTag(tag));

/** The menu's page, or undefined while it holds no screen (closed, or waiting for the customer to finish). */
export function maintenanceViewOf(snapshot: Snapshot, data: MaintenanceData, calendar: Calendar): ViewModel | undefined {
  const [tag] = maintenanceTagsOf(snapshot);
  if (!tag) return undefined;
  const { context } = snapshot;
  const page: MaintenancePageView = PAGES[tag]({ snapshot, context, data });
  const view: MaintenanceView = {
    screen: 'maintenance',
    ...page,
    staff: context.staff,
    allowed: context.staff ? allowedActions(context.staff.role) : [],
    result: context.result,
  };
  return { ...view, language: context.language, canCancel: false, calendar };
}
