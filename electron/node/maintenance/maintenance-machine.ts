// The operator maintenance menu, from the service key to closing: entry refused while a
// customer's card is held (staff may ask for it after this customer), staff sign-in, the menu's
// pages, a second staff member's approval for marked actions (二人制), and closing by the key,
// by staff or after inactivity. Pure definition, typed like the session machine: every
// device and store is an actor or action injected with `provide` (maintenance-services.ts),
// delays are named, and every state staff see is tagged with its page (MaintenanceTag).
//
// Rules: every command is checked against the signed-in staff member's role here, whatever
// the screen offered; every sign-in attempt and every command is audited with staff numbers;
// a PIN lives only in a wipeable StaffPinEntry and is wiped on every way out.
import { and, assign, cancel, fromPromise, not, raise, setup } from 'xstate';
import {
  PAGE_ACTIONS,
  type MaintenanceAction,
  type ReaderDiagnostic,
  type SelfTestRun,
  type StaffView,
  type StatusReport,
} from '../../common/maintenance/maintenance-view.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import { commandOf, confirmMismatch, editDraft, openDraft, typeOnStaffDraft, wipeDraft, type Draft } from './drafts.ts';
import {
  actionOf,
  describeCommand,
  type Command,
  type CommandOutcome,
  type MaintenanceContext,
  type MaintenanceMachineEvent,
  type MaintenanceTag,
  type SignInResult,
} from './maintenance-types.ts';
import { mayApprove, mayDo, needsApproval } from './permissions.ts';
import { freshRecordsForm, moveDay, typedReceipt, typeReceipt } from './records-form.ts';
import type { ScheduleOverrides } from './schedule-overrides.ts';
import { STAFF_PIN_MIN, StaffPinEntry } from './staff-pin.ts';

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} is not provided`));

/** What the menu reads from the kiosk while forms open (the services offered, today's overrides, the time). */
export interface MaintenanceInput {
  readonly serviceIds: readonly string[];
  readonly now: () => Date;
  readonly overrides: () => ScheduleOverrides;
  /** Whether the register holds this card for its owner (a release form opens only for one). */
  readonly releasable?: (id: string) => boolean;
}

type Context = MaintenanceContext & { readonly input: MaintenanceInput };

/** What a transition tells the menu (the `note` action keeps it). */
type Facts = Partial<Omit<Context, 'pin' | 'input'>>;

const may = (context: Context, action: MaintenanceAction): boolean => context.staff !== undefined && mayDo(context.staff.role, action);

/** The command an event asks for on the page it came from; undefined when it asks for none, or its form is incomplete. */
function commandFor(context: Context, event: MaintenanceMachineEvent): Command | undefined {
  const { draft } = context;
  switch (event.type) {
    case 'MENU_SUSPEND':
      return { kind: 'suspend', notice: event.notice };
    case 'MENU_RESUME':
      return { kind: 'resume' };
    case 'MENU_SERVICE_ON':
      return { kind: 'service-on', serviceId: event.serviceId };
    case 'MENU_SAVE':
      return draft && draft.form !== 'add-staff' && draft.form !== 'reset-pin' ? commandOf(draft, context.input.now()) : undefined;
    case 'MENU_ENTER':
      return draft?.form === 'add-staff' || draft?.form === 'reset-pin' ? commandOf(draft, context.input.now()) : undefined;
    case 'MENU_REMOVE_OVERRIDE':
      return { kind: 'remove-override', id: event.id };
    case 'MENU_UNLOCK':
      return { kind: 'unlock-staff', number: event.number };
    case 'MENU_REMOVE_STAFF':
      return { kind: 'remove-staff', number: event.number };
    case 'MENU_RESTART_CARD_SERVICE':
      return { kind: 'restart-card-service' };
    case 'MENU_CONFIRM_CARD':
      return { kind: 'confirm-card-lock', outcome: event.outcome };
    case 'MENU_CONFIRM_STOP':
      return context.confirmStop ? { kind: context.confirmStop } : undefined;
    case 'MENU_RETRY_SUBMISSION':
      return { kind: 'retry-submission', id: event.id };
    case 'MENU_PURGE_SUBMISSION':
      return { kind: 'purge-submission', id: event.id, reason: event.reason };
    case 'MENU_EXPORT_LOGS':
      return { kind: 'export-logs' };
    case 'MENU_DAY_CLOSE_OUT':
      return { kind: 'day-close-out', date: context.records.day, to: event.to };
    case 'MENU_EXPORT_AUDIT':
      return { kind: 'export-audit', from: context.records.from, to: context.records.to };
    default:
      return undefined;
  }
}

/** A sign-in's (or approval's) typing starts over. */
const CLEARED = { staffNumber: '', pinLength: 0 } as const;

function freshContext(context: Pick<Context, 'input' | 'language' | 'pin'>): Context {
  return {
    input: context.input,
    language: context.language,
    pin: context.pin,
    staff: undefined,
    ...CLEARED,
    problem: undefined,
    waitSeconds: undefined,
    pending: undefined,
    approver: undefined,
    result: undefined,
    status: undefined,
    readers: undefined,
    displayOk: undefined,
    selfTest: undefined,
    tab: 'effective',
    draft: undefined,
    confirmStop: undefined,
    records: freshRecordsForm(context.input.now()),
    delivery: undefined,
  };
}

/** Wipes the PIN of a command that will not run (a staff form's PIN lives in its draft too). */
function wipeCommand(command: Command | undefined): void {
  if (command?.kind === 'add-staff' || command?.kind === 'reset-pin') command.pin.clear();
}

const machineSetup = setup({
  types: {
    context: {} as Context,
    events: {} as MaintenanceMachineEvent,
    input: {} as MaintenanceInput,
    tags: {} as MaintenanceTag,
  },
  actors: {
    /** Checks a staff number and PIN against the staff directory (lock-out and slow-down included). */
    verifySignIn: fromPromise<SignInResult, { number: string; pin: StaffPinEntry }>(notProvided('verifySignIn')),
    gatherStatus: fromPromise<StatusReport>(notProvided('gatherStatus')),
    /** `card status` on every reader: no PIN, no try spent, connected shared. */
    inspectReaders: fromPromise<readonly ReaderDiagnostic[]>(notProvided('inspectReaders')),
    runSelfTest: fromPromise<SelfTestRun, { display: boolean; chime: boolean; staff: string }>(notProvided('runSelfTest')),
    perform: fromPromise<CommandOutcome, { command: Command; staff: string; approver: string | undefined }>(notProvided('perform')),
    /** Ends a session safely, flushes the outbox, closes the database, then restarts or shuts down. */
    stopKiosk: fromPromise<undefined, { kind: 'restart-kiosk' | 'shut-down' }>(notProvided('stopKiosk')),
  },
  actions: {
    audit: (_, _entry: AuditEntry) => undefined,
    /** Keeps what an outcome or a request tells the menu. */
    note: assign((_, facts: Facts) => facts),
    /** The customer's session ends safely, if one is going, and waits until the menu closes. */
    takeScreen: () => undefined,
    /** A fresh customer session: the attract loop is back. */
    releaseScreen: () => undefined,
    /** The reader test: a card may go in (a motorised reader opens its intake). */
    openIntake: () => undefined,
    /** The reader test's card back out, the intake closed. */
    returnTestCard: () => undefined,
    startIdle: raise({ type: 'IDLE_TIMEOUT' }, { id: 'idle', delay: 'idleClose' }),
    stopIdle: cancel('idle'),
    appendPinDigit: ({ context, event }) => {
      if (event.type === 'MENU_DIGIT') context.pin.append(event.digit);
    },
    backspacePin: ({ context }) => context.pin.backspace(),
    clearPin: ({ context }) => context.pin.clear(),
    // The count is kept in context (pure, so graph traversal sees it); the digits are not.
    countPinDigit: assign({ pinLength: ({ context }) => Math.min(12, context.pinLength + 1), problem: undefined }),
    uncountPinDigit: assign({ pinLength: ({ context }) => Math.max(0, context.pinLength - 1) }),
    typeNumber: assign({
      staffNumber: ({ context, event }) =>
        event.type === 'MENU_DIGIT' && context.staffNumber.length < 8 ? context.staffNumber + String(event.digit) : context.staffNumber,
      problem: undefined,
    }),
    untypeNumber: assign({ staffNumber: ({ context }) => context.staffNumber.slice(0, -1) }),
    clearEntry: assign(CLEARED),
    /** Everything of the last staff member goes: who signed in, PINs, forms and what was gathered. */
    forgetAll: assign(({ context }) => {
      context.pin.clear();
      wipeDraft(context.draft);
      wipeCommand(context.pending);
      return freshContext(context);
    }),
    /** Leaving a page: its form (and a staff form's PINs) and its messages go. */
    leavePage: assign(({ context }) => {
      wipeDraft(context.draft);
      return {
        draft: undefined,
        confirmStop: undefined,
        result: undefined,
        displayOk: undefined,
        // A customer's receipt number typed for a lookup does not stay on the menu.
        records: freshRecordsForm(context.input.now()),
        delivery: undefined,
      };
    }),
    moveRecordsDay: assign({
      records: ({ context, event }) =>
        event.type === 'MENU_RECORDS_DAY' ? moveDay(context.records, event.field, event.days, context.input.now()) : context.records,
      delivery: undefined,
      result: undefined,
    }),
    typeReceipt: assign({
      records: ({ context, event }) =>
        event.type === 'MENU_RECEIPT_KEY'
          ? typeReceipt(context.records, { key: event.key })
          : event.type === 'MENU_BACKSPACE'
            ? typeReceipt(context.records, 'backspace')
            : context.records,
    }),
    /** A command the role may not give: said on the page, and recorded. */
    refuse: assign({
      result: ({ context, event }) => ({ action: actionOf(commandFor(context, event) ?? { kind: 'resume' }), outcome: 'refused' as const }),
    }),
    openForm: assign({
      draft: ({ context, event }) => {
        wipeDraft(context.draft);
        if (event.type !== 'MENU_FORM') return context.draft;
        const { input } = context;
        return openDraft(event.form, input.now(), {
          serviceIds: input.serviceIds,
          overrides: input.overrides(),
          ...(input.releasable ? { releasable: input.releasable } : {}),
        });
      },
      result: undefined,
    }),
    editForm: assign({
      draft: ({ context, event }) =>
        context.draft && event.type === 'MENU_EDIT' ? editDraft(context.draft, event.edit, context.input.now()) : context.draft,
    }),
    typeOnForm: assign({
      draft: ({ context, event }): Draft | undefined => {
        const { draft } = context;
        if (draft?.form !== 'add-staff' && draft?.form !== 'reset-pin') return draft;
        if (event.type === 'MENU_DIGIT') return typeOnStaffDraft(draft, { digit: event.digit });
        if (event.type === 'MENU_BACKSPACE') return typeOnStaffDraft(draft, 'backspace');
        return typeOnStaffDraft(draft, 'enter');
      },
    }),
    mismatch: assign({
      draft: ({ context }) =>
        context.draft?.form === 'add-staff' || context.draft?.form === 'reset-pin' ? confirmMismatch(context.draft) : context.draft,
    }),
    closeForm: assign(({ context }) => {
      wipeDraft(context.draft);
      return { draft: undefined };
    }),
    /** A command that ran (or that staff gave up on at the approval): its PINs are not needed any more. */
    settle: assign(({ context }) => {
      wipeCommand(context.pending);
      return { pending: undefined, approver: undefined };
    }),
  },
  guards: {
    cardHeld: ({ event }) => event.type === 'KEY_ON' && event.cardHeld,
    numberComplete: ({ context }) => /^[0-9]{4,8}$/.test(context.staffNumber),
    pinComplete: ({ context }) => context.pinLength >= STAFF_PIN_MIN,
    pinEmpty: ({ context }) => context.pinLength === 0,
    pagePermitted: ({ context, event }) => event.type === 'MENU_OPEN' && PAGE_ACTIONS[event.page].some((action) => may(context, action)),
    /** What an actor's outcome says (the transition computes it from the outcome). */
    holds: (_, { holds }: { holds: boolean }) => holds,
    commandReady: ({ context, event }) => commandFor(context, event) !== undefined,
    commandPermitted: ({ context, event }) => {
      const command = commandFor(context, event);
      return command !== undefined && may(context, actionOf(command));
    },
    commandNeedsApproval: ({ context, event }) => {
      const command = commandFor(context, event);
      return command !== undefined && needsApproval(actionOf(command));
    },
    commandStops: ({ context, event }) => {
      const kind = commandFor(context, event)?.kind;
      return kind === 'restart-kiosk' || kind === 'shut-down';
    },
    may: ({ context }, action: MaintenanceAction) => may(context, action),
    receiptTyped: ({ context }) => typedReceipt(context.records) !== undefined,
    staffForm: ({ context }) => context.draft?.form === 'add-staff' || context.draft?.form === 'reset-pin',
    confirmTyped: ({ context }) =>
      (context.draft?.form === 'add-staff' || context.draft?.form === 'reset-pin') &&
      context.draft.step === 'confirm' &&
      context.draft.confirmLength >= STAFF_PIN_MIN,
    /** Each page opens its own forms (who may save them is checked when they are saved). */
    formOfPage: ({ event }, { forms }: { forms: readonly string[] }) => event.type === 'MENU_FORM' && forms.includes(event.form.form),
  },
  delays: {
    /** The menu closes after this long without a touch (config maintenance.idleCloseSeconds). */
    idleClose: 120_000,
    /** The refusal gives way to the customer's screen again after this long. */
    refusalShown: 20_000,
  },
});

type Args = { readonly context: Context; readonly event: MaintenanceMachineEvent };
type Done<O> = { readonly context: Context; readonly event: { readonly output: O } };

const record = (entry: AuditEntry) => ({ type: 'audit', params: entry }) as const;

/** Records a refused command with the staff number and what it would have done. */
const AUDIT_REFUSED = {
  type: 'audit',
  params: ({ context, event }: Args): AuditEntry => {
    const command = commandFor(context, event) ?? { kind: 'resume' as const };
    return {
      event: 'staff-action',
      staff: context.staff?.number ?? '',
      action: actionOf(command),
      outcome: 'refused',
      ...describeCommand(command),
    };
  },
} as const;

const holdCommand = {
  type: 'note',
  params: ({ context, event }: Args): Facts => ({ pending: commandFor(context, event), result: undefined }),
} as const;

/**
 * A command asked for on any page (every screen event that stands for one, see commandFor):
 * refused (and recorded) when the role may not give it, whatever the screen offered; held for
 * a second staff member's approval where it is marked 二人制; else performed (a restart or a
 * shutdown its own way: the kiosk stops). Any other event is left to the pages and the menu.
 */
const REQUEST = [
  { guard: and(['commandReady', not('commandPermitted')]), actions: ['refuse', AUDIT_REFUSED] },
  { guard: and(['commandPermitted', 'commandNeedsApproval']), target: '#maintenance.open.menu.approving', actions: holdCommand },
  { guard: and(['commandPermitted', 'commandStops']), target: '#maintenance.open.menu.stopping', actions: holdCommand },
  { guard: 'commandPermitted', target: '#maintenance.open.menu.performing', actions: holdCommand },
] as const;

const outcome = <O extends { readonly kind: string }>(expected: O['kind']) =>
  ({ type: 'holds', params: ({ event }: Done<O>) => ({ holds: event.output.kind === expected }) }) as const;

/** What staff are told after a sign-in that did not go through; the typing starts over. */
const problem = (shown: NonNullable<Facts['problem']>) =>
  ({ type: 'note', params: { problem: shown, waitSeconds: undefined, ...CLEARED } }) as const;

/** What a failed sign-in or approval tells staff, and records (the fifth wrong PIN locks the number). */
function failedAttempt(purpose: 'sign-in' | 'approval') {
  const attempt = (result: 'wrong-pin' | 'locked' | 'throttled') =>
    ({
      type: 'audit',
      params: ({ context }: Done<SignInResult>): AuditEntry => ({
        event: 'staff-sign-in',
        staff: context.staffNumber,
        purpose,
        outcome: result,
      }),
    }) as const;
  const lockedNow = {
    type: 'holds',
    params: ({ event }: Done<SignInResult>) => ({ holds: event.output.kind === 'locked' && event.output.now }),
  } as const;
  return [
    { guard: outcome<SignInResult>('wrong-pin'), target: 'number', actions: [attempt('wrong-pin'), problem('wrong')] },
    {
      guard: lockedNow,
      target: 'number',
      actions: [
        attempt('locked'),
        { type: 'audit', params: ({ context }: Done<SignInResult>): AuditEntry => ({ event: 'staff-locked', staff: context.staffNumber }) },
        problem('locked'),
      ],
    },
    { guard: outcome<SignInResult>('locked'), target: 'number', actions: [attempt('locked'), problem('locked')] },
    {
      target: 'number',
      actions: [
        attempt('throttled'),
        {
          type: 'note',
          params: ({ event }: Done<SignInResult>): Facts => ({
            problem: 'throttled',
            waitSeconds: event.output.kind === 'throttled' ? Math.ceil(event.output.waitMs / 1000) : undefined,
            ...CLEARED,
          }),
        },
      ],
    },
  ] as const;
}

/** The staff number, then the PIN, then the check: for a sign-in and for an approval alike. */
function credentials(checking: Parameters<typeof machineSetup.createStateConfig>[0]) {
  return machineSetup.createStateConfig({
    initial: 'number',
    states: {
      number: {
        on: {
          MENU_DIGIT: { actions: 'typeNumber' },
          MENU_BACKSPACE: { actions: 'untypeNumber' },
          MENU_ENTER: { guard: 'numberComplete', target: 'pin' },
        },
      },
      pin: {
        on: {
          MENU_DIGIT: { actions: ['appendPinDigit', 'countPinDigit'] },
          // 訂正 on an empty PIN goes back to the number.
          MENU_BACKSPACE: [{ guard: 'pinEmpty', target: 'number' }, { actions: ['backspacePin', 'uncountPinDigit'] }],
          MENU_ENTER: { guard: 'pinComplete', target: 'checking' },
        },
      },
      checking: { ...checking, exit: 'clearPin' },
    },
  });
}

const signedIn = ({ event }: Done<SignInResult>): StaffView =>
  event.output.kind === 'signed-in' ? event.output.staff : { number: '', role: 'operator' };

/** A page of the menu: its tag, and the events every page takes (leaving it wipes its form). */
const page = (tag: MaintenanceTag) => ({ tags: tag }) as const;

/** The result of a command, recorded with who gave it and who approved it. */
const AUDIT_PERFORMED = {
  type: 'audit',
  params: ({ context, event }: Done<CommandOutcome>): AuditEntry => {
    const command = context.pending ?? { kind: 'resume' as const };
    return {
      event: 'staff-action',
      staff: context.staff?.number ?? '',
      action: actionOf(command),
      outcome: event.output.ok ? 'done' : 'failed',
      ...(context.approver ? { approver: context.approver.number } : {}),
      ...describeCommand(command),
      ...(event.output.ok ? (event.output.detail ? { detail: event.output.detail } : {}) : { detail: event.output.reason }),
    };
  },
} as const;

export const maintenanceMachine = machineSetup.createMachine({
  id: 'maintenance',
  context: ({ input }) => freshContext({ input, language: 'ja', pin: new StaffPinEntry() }),
  initial: 'closed',
  on: {
    MENU_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
  },
  states: {
    closed: {
      entry: 'forgetAll',
      on: {
        KEY_ON: [
          { guard: 'cardHeld', target: 'refused', actions: record({ event: 'maintenance-refused' }) },
          { target: 'open', actions: record({ event: 'maintenance-opened' }) },
        ],
      },
    },

    /** A customer's card is in the kiosk's hands: not now. Staff may ask for the menu after this customer. */
    refused: {
      tags: 'screen:maintenance:refused',
      on: {
        MENU_AFTER_CUSTOMER: { target: 'waiting', actions: record({ event: 'maintenance-deferred' }) },
        MENU_DISMISS: 'closed',
        KEY_OFF: 'closed',
      },
      after: { refusalShown: 'closed' },
    },

    /** The customer goes on undisturbed; the menu opens the moment the session is back at the attract loop. */
    waiting: {
      on: {
        CUSTOMER_GONE: { target: 'open', actions: record({ event: 'maintenance-opened' }) },
        KEY_OFF: 'closed',
      },
    },

    /** The menu holds the screen: no customer session runs meanwhile. */
    open: {
      tags: 'open',
      entry: ['takeScreen', 'startIdle'],
      exit: ['stopIdle', 'forgetAll', 'releaseScreen'],
      on: {
        KEY_OFF: { target: 'closed', actions: record({ event: 'maintenance-closed', reason: 'key' }) },
        IDLE_TIMEOUT: { target: 'closed', actions: record({ event: 'maintenance-closed', reason: 'idle' }) },
        ACTIVITY: { actions: ['stopIdle', 'startIdle'] },
        MENU_CLOSE: { target: 'closed', actions: record({ event: 'maintenance-closed', reason: 'staff' }) },
      },
      initial: 'signIn',
      states: {
        signIn: {
          tags: 'screen:maintenance:sign-in',
          ...credentials({
            invoke: {
              src: 'verifySignIn',
              input: ({ context }) => ({ number: context.staffNumber, pin: context.pin }),
              onDone: [
                {
                  guard: outcome<SignInResult>('signed-in'),
                  target: '#maintenance.open.menu',
                  actions: [
                    assign({ staff: signedIn, problem: undefined, waitSeconds: undefined }),
                    {
                      type: 'audit',
                      params: ({ event }: Done<SignInResult>): AuditEntry => ({
                        event: 'staff-sign-in',
                        staff: signedIn({ event } as Done<SignInResult>).number,
                        purpose: 'sign-in',
                        outcome: 'signed-in',
                      }),
                    },
                  ],
                },
                ...failedAttempt('sign-in'),
              ],
              onError: { target: 'number', actions: assign({ problem: 'wrong' as const, ...CLEARED }) },
            },
          }),
        },

        menu: {
          tags: 'signed-in',
          entry: 'clearEntry',
          initial: 'pages',
          states: {
            pages: {
              initial: 'home',
              on: {
                '*': REQUEST,
                MENU_HOME: { target: '.home', actions: 'leavePage' },
                MENU_OPEN: [
                  { guard: not('pagePermitted') },
                  { guard: ({ event }) => event.page === 'status', target: '.status', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'reader-test', target: '.readerTest', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'self-test', target: '.selfTest', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'service-control', target: '.serviceControl', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'schedules', target: '.schedules', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'configuration', target: '.configuration', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'cards', target: '.cards', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'outbox', target: '.outbox', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'logs', target: '.logs', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'day-close', target: '.dayClose', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'receipt-lookup', target: '.receiptLookup', actions: 'leavePage' },
                  { guard: ({ event }) => event.page === 'audit-export', target: '.auditExport', actions: 'leavePage' },
                  { target: '.staff', actions: 'leavePage' },
                ],
              },
              states: {
                home: page('screen:maintenance:home'),
                status: {
                  ...page('screen:maintenance:status'),
                  initial: 'gathering',
                  on: { MENU_REFRESH: '.gathering' },
                  states: {
                    gathering: {
                      invoke: {
                        src: 'gatherStatus',
                        onDone: { target: 'shown', actions: assign({ status: ({ event }) => event.output }) },
                        onError: 'shown',
                      },
                    },
                    shown: {},
                  },
                },
                readerTest: {
                  ...page('screen:maintenance:reader-test'),
                  entry: [assign({ readers: undefined }), 'openIntake'],
                  exit: 'returnTestCard',
                  initial: 'inspecting',
                  on: {
                    MENU_REFRESH: '.inspecting',
                    READER_CHANGED: '.inspecting',
                    MENU_EJECT: { actions: ['returnTestCard', 'openIntake'] },
                  },
                  states: {
                    inspecting: {
                      invoke: {
                        src: 'inspectReaders',
                        onDone: { target: 'shown', actions: assign({ readers: ({ event }) => event.output }) },
                        onError: { target: 'shown', actions: assign({ readers: [] }) },
                      },
                    },
                    shown: {},
                  },
                },
                selfTest: {
                  ...page('screen:maintenance:self-test'),
                  initial: 'ready',
                  states: {
                    ready: {
                      on: {
                        MENU_SELF_TEST: {
                          guard: { type: 'may', params: 'self-test' },
                          target: 'display',
                          actions: assign({ result: undefined }),
                        },
                      },
                    },
                    /** Staff look at the test pattern: all colours, all corners. */
                    display: { on: { MENU_CHECKED: { target: 'chime', actions: assign({ displayOk: ({ event }) => event.ok }) } } },
                    /** Staff listen to the chime the screen plays. */
                    // The chime's answer goes with the event into the run.
                    chime: { on: { MENU_CHECKED: 'running' } },
                    running: {
                      invoke: {
                        src: 'runSelfTest',
                        input: ({ context, event }) => ({
                          display: context.displayOk ?? false,
                          chime: event.type === 'MENU_CHECKED' && event.ok,
                          staff: context.staff?.number ?? '',
                        }),
                        onDone: {
                          target: 'ready',
                          actions: [
                            assign({ selfTest: ({ event }) => event.output, displayOk: undefined }),
                            {
                              type: 'audit',
                              params: ({ context, event }): AuditEntry => ({
                                event: 'staff-action',
                                staff: context.staff?.number ?? '',
                                action: 'self-test',
                                outcome: 'done',
                                detail: event.output.passed ? 'passed' : 'failed',
                              }),
                            },
                          ],
                        },
                        onError: {
                          target: 'ready',
                          actions: assign({ displayOk: undefined, result: { action: 'self-test', outcome: 'failed' } }),
                        },
                      },
                    },
                  },
                },
                serviceControl: {
                  ...page('screen:maintenance:service-control'),
                  on: {
                    MENU_FORM: { guard: { type: 'formOfPage', params: { forms: ['service-off'] } }, actions: 'openForm' },
                    MENU_EDIT: { actions: 'editForm' },
                    MENU_CANCEL_FORM: { actions: 'closeForm' },
                  },
                },
                schedules: {
                  ...page('screen:maintenance:schedules'),
                  on: {
                    MENU_TAB: { actions: ['closeForm', assign({ tab: ({ event }) => event.tab, result: undefined })] },
                    MENU_FORM: {
                      guard: { type: 'formOfPage', params: { forms: ['planned-stop', 'holiday', 'staffed-hours'] } },
                      actions: 'openForm',
                    },
                    MENU_EDIT: { actions: 'editForm' },
                    MENU_CANCEL_FORM: { actions: 'closeForm' },
                  },
                },
                configuration: {
                  ...page('screen:maintenance:configuration'),
                  on: {
                    // Asks first; the confirmation is the command.
                    MENU_STOP: { actions: assign({ confirmStop: ({ event }) => event.kind, result: undefined }) },
                    MENU_CANCEL_STOP: { actions: assign({ confirmStop: undefined }) },
                  },
                },
                staff: {
                  ...page('screen:maintenance:staff'),
                  on: {
                    MENU_FORM: { guard: { type: 'formOfPage', params: { forms: ['add-staff', 'reset-pin'] } }, actions: 'openForm' },
                    MENU_EDIT: { actions: 'editForm' },
                    MENU_DIGIT: { guard: 'staffForm', actions: 'typeOnForm' },
                    MENU_BACKSPACE: { guard: 'staffForm', actions: 'typeOnForm' },
                    // The PIN typed twice alike is the command (taken by the pages' request); differently, both are asked for again.
                    MENU_ENTER: [
                      { guard: and(['confirmTyped', not('commandReady')]), actions: 'mismatch' },
                      { guard: and(['staffForm', not('commandReady')]), actions: 'typeOnForm' },
                    ],
                    MENU_CANCEL_FORM: { actions: 'closeForm' },
                  },
                },
                /** 取込カード管理簿: the kept cards, a card given back (二人制), a desk reader's lock lifted. */
                cards: {
                  ...page('screen:maintenance:cards'),
                  on: {
                    MENU_FORM: { guard: { type: 'formOfPage', params: { forms: ['release-card'] } }, actions: 'openForm' },
                    MENU_EDIT: { actions: 'editForm' },
                    MENU_CANCEL_FORM: { actions: 'closeForm' },
                  },
                },
                // Read live at every drawing (maintenance-view.ts): the commands are the pages' requests.
                outbox: page('screen:maintenance:outbox'),
                logs: page('screen:maintenance:logs'),
                dayClose: {
                  ...page('screen:maintenance:day-close'),
                  on: { MENU_RECORDS_DAY: { guard: ({ event }) => event.field === 'day', actions: 'moveRecordsDay' } },
                },
                receiptLookup: {
                  ...page('screen:maintenance:receipt-lookup'),
                  on: {
                    MENU_RECEIPT_KEY: { actions: 'typeReceipt' },
                    MENU_BACKSPACE: { actions: 'typeReceipt' },
                    // A lookup is recorded: who looked up which number (the timeline holds nothing personal).
                    MENU_ENTER: {
                      guard: and([{ type: 'may', params: 'view-records' as const }, 'receiptTyped']),
                      actions: [
                        assign({ records: ({ context }) => ({ ...context.records, lookedUp: typedReceipt(context.records) }) }),
                        {
                          type: 'audit',
                          params: ({ context }): AuditEntry => ({
                            event: 'staff-action',
                            staff: context.staff?.number ?? '',
                            action: 'view-records',
                            outcome: 'done',
                            subject: context.records.lookedUp ?? '',
                            detail: 'receipt-lookup',
                          }),
                        },
                      ],
                    },
                  },
                },
                auditExport: {
                  ...page('screen:maintenance:audit-export'),
                  on: { MENU_RECORDS_DAY: { guard: ({ event }) => event.field !== 'day', actions: 'moveRecordsDay' } },
                },
                hist: { type: 'history' },
              },
            },

            /** 二人制: a second, different staff member of an approving role signs in to approve. */
            approving: {
              tags: ['screen:maintenance:sign-in', 'approval'],
              entry: 'clearEntry',
              on: {
                MENU_DISMISS: {
                  target: 'pages.hist',
                  actions: [
                    {
                      type: 'audit',
                      params: ({ context }): AuditEntry => {
                        const command = context.pending ?? { kind: 'resume' as const };
                        return {
                          event: 'staff-action',
                          staff: context.staff?.number ?? '',
                          action: actionOf(command),
                          outcome: 'cancelled',
                          ...describeCommand(command),
                        };
                      },
                    },
                    'clearEntry',
                    'settle',
                    assign({ problem: undefined, waitSeconds: undefined }),
                  ],
                },
              },
              ...credentials({
                invoke: {
                  src: 'verifySignIn',
                  input: ({ context }) => ({ number: context.staffNumber, pin: context.pin }),
                  onDone: [
                    {
                      guard: {
                        type: 'holds',
                        params: ({ context, event }: Done<SignInResult>) => ({
                          holds:
                            event.output.kind === 'signed-in' &&
                            context.pending !== undefined &&
                            context.staff !== undefined &&
                            mayApprove(actionOf(context.pending), context.staff.number, event.output.staff),
                        }),
                      },
                      target: '#maintenance.open.menu.performing',
                      actions: [
                        assign({ approver: signedIn, problem: undefined, waitSeconds: undefined }),
                        {
                          type: 'audit',
                          params: ({ event }: Done<SignInResult>): AuditEntry => ({
                            event: 'staff-sign-in',
                            staff: signedIn({ event } as Done<SignInResult>).number,
                            purpose: 'approval',
                            outcome: 'approved',
                          }),
                        },
                      ],
                    },
                    {
                      guard: {
                        type: 'holds',
                        params: ({ context, event }: Done<SignInResult>) => ({
                          holds: event.output.kind === 'signed-in' && event.output.staff.number === context.staff?.number,
                        }),
                      },
                      target: 'number',
                      actions: [
                        {
                          type: 'audit',
                          params: ({ context }: Done<SignInResult>): AuditEntry => ({
                            event: 'staff-sign-in',
                            staff: context.staffNumber,
                            purpose: 'approval',
                            outcome: 'same-person',
                          }),
                        },
                        assign({ problem: 'same-person' as const, waitSeconds: undefined, ...CLEARED }),
                      ],
                    },
                    {
                      guard: outcome<SignInResult>('signed-in'),
                      target: 'number',
                      actions: [
                        {
                          type: 'audit',
                          params: ({ context }: Done<SignInResult>): AuditEntry => ({
                            event: 'staff-sign-in',
                            staff: context.staffNumber,
                            purpose: 'approval',
                            outcome: 'role',
                          }),
                        },
                        assign({ problem: 'role' as const, waitSeconds: undefined, ...CLEARED }),
                      ],
                    },
                    ...failedAttempt('approval'),
                  ],
                  onError: { target: 'number', actions: assign({ problem: 'wrong' as const, ...CLEARED }) },
                },
              }),
            },

            performing: {
              tags: 'screen:maintenance:working',
              invoke: {
                src: 'perform',
                input: ({ context }) => ({
                  command: context.pending ?? { kind: 'resume' },
                  staff: context.staff?.number ?? '',
                  approver: context.approver?.number,
                }),
                onDone: {
                  target: 'pages.hist',
                  actions: [
                    AUDIT_PERFORMED,
                    assign({
                      result: ({ context, event }) => ({
                        action: actionOf(context.pending ?? { kind: 'resume' }),
                        outcome: event.output.ok ? ('done' as const) : ('failed' as const),
                      }),
                    }),
                    assign({ delivery: ({ event }) => event.output.delivery }),
                    // Done: its form has served. Failed: the form stays, for staff to correct.
                    ({ context, event }) => {
                      if (event.output.ok) wipeDraft(context.draft);
                    },
                    assign({ draft: ({ context, event }) => (event.output.ok ? undefined : context.draft) }),
                    'settle',
                  ],
                },
                onError: {
                  target: 'pages.hist',
                  actions: [
                    assign({
                      result: ({ context }) => ({ action: actionOf(context.pending ?? { kind: 'resume' }), outcome: 'failed' as const }),
                    }),
                    'settle',
                  ],
                },
              },
            },

            /** The kiosk ends a session safely, flushes the outbox and closes the database, then restarts or shuts down. */
            stopping: {
              tags: 'screen:maintenance:stopping',
              entry: [
                'stopIdle',
                {
                  type: 'audit',
                  params: ({ context }): AuditEntry => ({
                    event: 'staff-action',
                    staff: context.staff?.number ?? '',
                    action: 'restart-kiosk',
                    outcome: 'done',
                    detail: context.pending?.kind ?? 'restart-kiosk',
                  }),
                },
                record({ event: 'maintenance-closed', reason: 'stopping' }),
              ],
              invoke: {
                src: 'stopKiosk',
                input: ({ context }) => ({
                  kind: context.pending?.kind === 'shut-down' ? ('shut-down' as const) : ('restart-kiosk' as const),
                }),
                onError: {
                  target: 'pages.hist',
                  actions: [assign({ result: { action: 'restart-kiosk', outcome: 'failed' } }), 'settle', 'startIdle'],
                },
              },
            },
          },
        },
      },
    },
  },
});

export type MaintenanceMachine = typeof maintenanceMachine;
