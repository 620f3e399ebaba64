// Model-based tests of the maintenance machine, as the session machine's: xstate/graph
// explores every state it can reach with every event it can get (the service key, screen
// events, actor outcomes, the idle timer); every path is replayed on a real actor whose
// inspection reports the transitions taken. Asserted: every state and transition is reached,
// every state staff see shows exactly one page, no command runs unless the signed-in role may
// give it (and, where marked 二人制, a second, different staff member of an approving role
// approved it), every sign-in attempt and command is audited with staff numbers, and every way
// out wipes the PIN and gives the screen back to the customer.
import {
  createActor,
  fromPromise,
  matchesState,
  SimulatedClock,
  type AnyStateNode,
  type InspectionEvent,
  type SnapshotFrom,
  type TransitionDefinition,
} from 'xstate';
import { getShortestPaths, type StatePath } from 'xstate/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MaintenanceEvent } from '../../common/maintenance/maintenance-events.ts';
import {
  MAINTENANCE_ACTIONS,
  MENU_PAGES,
  STAFF_ROLES,
  type MaintenanceAction,
  type StaffView,
} from '../../common/maintenance/maintenance-view.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import { maintenanceMachine, type MaintenanceInput } from './maintenance-machine.ts';
import {
  actionOf,
  type Command,
  type CommandOutcome,
  type MaintenanceMachineEvent,
  type MaintenanceScreenTag,
  type SignInResult,
} from './maintenance-types.ts';
import { MAINTENANCE_SCREEN_TAGS, maintenanceTagsOf, maintenanceViewOf, type MaintenanceData } from './maintenance-view.ts';
import { mayApprove, mayDo, needsApproval, PERMISSIONS } from './permissions.ts';
import { NO_OVERRIDES } from './schedule-overrides.ts';
import type { StaffPinEntry } from './staff-pin.ts';

type Snapshot = SnapshotFrom<typeof maintenanceMachine>;

/**
 * What the checks read of a snapshot. A replay keeps one per step: a whole snapshot would keep
 * its replay's actor system alive, and tens of thousands of replays would not fit in memory.
 */
interface Seen {
  readonly value: Snapshot['value'];
  readonly context: Snapshot['context'];
  matches(value: Parameters<Snapshot['matches']>[0]): boolean;
  hasTag(tag: Parameters<Snapshot['hasTag']>[0]): boolean;
}

function seen(snapshot: Snapshot): Seen {
  const { value, context } = snapshot;
  const tags = new Set(snapshot.tags);
  return {
    value,
    context,
    matches: (other) => matchesState(other, value),
    hasTag: (tag) => tags.has(tag),
  };
}
type AnyTransition = TransitionDefinition<never, never>;

const NOW = new Date('2026-11-24T05:00:00Z');
const KEPT_CARD = 'kc-0000abcd';
const INPUT: MaintenanceInput = {
  serviceIds: ['housing-loan-income'],
  now: () => NOW,
  overrides: () => NO_OVERRIDES,
  releasable: (id) => id === KEPT_CARD,
};

const SUPERVISOR: StaffView = { number: '1001', role: 'supervisor' };
const SECOND_SUPERVISOR: StaffView = { number: '1002', role: 'supervisor' };
const OPERATOR: StaffView = { number: '1003', role: 'operator' };
const ADMINISTRATOR: StaffView = { number: '1004', role: 'administrator' };

const FAILED_SIGN_INS: SignInResult[] = [
  { kind: 'wrong-pin' },
  { kind: 'locked', now: true },
  { kind: 'locked', now: false },
  { kind: 'throttled', waitMs: 4000 },
];

/** Outcomes each actor may report, by its source; a sign-in as someone who signs in, an approval as anyone. */
function outcomes(src: string, snapshot: Snapshot): unknown[] {
  switch (src) {
    case 'verifySignIn': {
      const signIn = snapshot.hasTag('approval') ? [SUPERVISOR, SECOND_SUPERVISOR, OPERATOR] : [SUPERVISOR, OPERATOR, ADMINISTRATOR];
      return [...signIn.map((staff) => ({ kind: 'signed-in', staff })), ...FAILED_SIGN_INS];
    }
    case 'gatherStatus':
      return [{ at: NOW.toISOString() }];
    case 'inspectReaders':
      return [[{ reader: 'Reader', card: 'present', verdict: 'ok' }]];
    case 'runSelfTest':
      return [{ at: NOW.toISOString(), trigger: 'on-demand', passed: true, results: [] }];
    case 'perform':
      return [{ ok: true }, { ok: false, reason: 'not-found' }];
    default:
      return [];
  }
}

const SUBMISSION_ID = '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c';

const SCREEN_EVENTS: MaintenanceEvent[] = [
  { type: 'MENU_DIGIT', digit: 7 },
  { type: 'MENU_BACKSPACE' },
  { type: 'MENU_ENTER' },
  { type: 'MENU_AFTER_CUSTOMER' },
  { type: 'MENU_DISMISS' },
  ...MENU_PAGES.map((page): MaintenanceEvent => ({ type: 'MENU_OPEN', page })),
  { type: 'MENU_HOME' },
  { type: 'MENU_CLOSE' },
  { type: 'MENU_LANGUAGE', language: 'en' },
  { type: 'MENU_REFRESH' },
  { type: 'MENU_EJECT' },
  { type: 'MENU_RESTART_CARD_SERVICE' },
  { type: 'MENU_SELF_TEST' },
  { type: 'MENU_CHECKED', ok: true },
  { type: 'MENU_CHECKED', ok: false },
  { type: 'MENU_SUSPEND', notice: 'maintenance' },
  { type: 'MENU_RESUME' },
  { type: 'MENU_SERVICE_ON', serviceId: 'housing-loan-income' },
  { type: 'MENU_TAB', tab: 'stops' },
  { type: 'MENU_FORM', form: { form: 'service-off', serviceId: 'housing-loan-income' } },
  { type: 'MENU_FORM', form: { form: 'planned-stop' } },
  { type: 'MENU_FORM', form: { form: 'staffed-hours' } },
  { type: 'MENU_FORM', form: { form: 'add-staff' } },
  { type: 'MENU_FORM', form: { form: 'reset-pin', number: '1003' } },
  { type: 'MENU_FORM', form: { form: 'release-card', id: KEPT_CARD } },
  { type: 'MENU_EDIT', edit: { kind: 'role', role: 'supervisor' } },
  { type: 'MENU_EDIT', edit: { kind: 'id-method', method: 'passport' } },
  { type: 'MENU_SAVE' },
  { type: 'MENU_CANCEL_FORM' },
  { type: 'MENU_REMOVE_OVERRIDE', id: 'stop-0000abcd' },
  { type: 'MENU_UNLOCK', number: '1003' },
  { type: 'MENU_REMOVE_STAFF', number: '1003' },
  { type: 'MENU_STOP', kind: 'restart-kiosk' },
  { type: 'MENU_CONFIRM_STOP' },
  { type: 'MENU_CANCEL_STOP' },
  { type: 'MENU_CONFIRM_CARD', outcome: 'secured' },
  { type: 'MENU_RETRY_SUBMISSION', id: SUBMISSION_ID },
  { type: 'MENU_PURGE_SUBMISSION', id: SUBMISSION_ID, reason: 'duplicate' },
  { type: 'MENU_EXPORT_LOGS' },
  { type: 'MENU_RECORDS_DAY', field: 'day', days: -1 },
  { type: 'MENU_RECORDS_DAY', field: 'from', days: -1 },
  { type: 'MENU_RECEIPT_KEY', key: 'A' },
  { type: 'MENU_DAY_CLOSE_OUT', to: 'printer' },
  { type: 'MENU_EXPORT_AUDIT' },
];
const KIOSK_EVENTS: MaintenanceMachineEvent[] = [
  { type: 'KEY_ON', cardHeld: false },
  { type: 'KEY_ON', cardHeld: true },
  { type: 'KEY_OFF' },
  { type: 'CUSTOMER_GONE' },
  { type: 'READER_CHANGED' },
  { type: 'ACTIVITY' },
  { type: 'IDLE_TIMEOUT' },
];

const typing = (digits: string): MaintenanceMachineEvent[] => [
  ...Array.from(digits, (digit): MaintenanceMachineEvent => ({ type: 'MENU_DIGIT', digit: Number(digit) })),
  { type: 'MENU_ENTER' },
];

/** An administrator adds a staff member whose PIN is typed differently the second time. */
const MISMATCHED_PIN: MaintenanceMachineEvent[] = [
  { type: 'KEY_ON', cardHeld: false },
  ...typing('1004'),
  ...typing('246813'),
  {
    type: 'xstate.done.actor.0.maintenance.open.signIn.checking',
    output: { kind: 'signed-in', staff: ADMINISTRATOR },
  } as unknown as MaintenanceMachineEvent,
  { type: 'MENU_OPEN', page: 'staff' },
  { type: 'MENU_FORM', form: { form: 'add-staff' } },
  ...typing('3001'),
  { type: 'MENU_ENTER' },
  ...typing('777777'),
  ...typing('333333'),
];

const activeNodes = (snapshot: Snapshot): AnyStateNode[] => (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes;

function eventsFor(snapshot: Snapshot): MaintenanceMachineEvent[] {
  const events: unknown[] = [...SCREEN_EVENTS, ...KIOSK_EVENTS];
  for (const node of activeNodes(snapshot)) {
    for (const invoke of node.invoke) {
      if (typeof invoke.src !== 'string') continue;
      for (const output of outcomes(invoke.src, snapshot)) events.push({ type: `xstate.done.actor.${invoke.id}`, output });
      events.push({ type: `xstate.error.actor.${invoke.id}`, error: new Error('actor failed') });
    }
    for (const delayed of node.after) events.push({ type: String(delayed.eventType) });
  }
  return events as MaintenanceMachineEvent[];
}

/** What tells two states apart for this model: typing is counted up to what the guards look at. */
function serializeState(snapshot: Snapshot): string {
  const { context } = snapshot;
  const draft = context.draft;
  return JSON.stringify({
    value: snapshot.value,
    staff: context.staff?.number,
    number: Math.min(context.staffNumber.length, 4),
    pin: Math.min(context.pinLength, 6),
    pending: context.pending?.kind,
    approver: context.approver?.number,
    draft: draft && {
      form: draft.form,
      ...(draft.form === 'add-staff' || draft.form === 'reset-pin'
        ? {
            step: draft.step,
            number: Math.min(draft.number.length, 4),
            pin: Math.min(draft.pinLength, 6),
            confirm: Math.min(draft.confirmLength, 6),
          }
        : {}),
    },
    confirmStop: context.confirmStop,
    displayOk: context.displayOk,
    receipt: context.records.typed.length,
    lookedUp: context.records.lookedUp !== undefined,
  });
}

const serializeEvent = (event: MaintenanceMachineEvent): string =>
  JSON.stringify(event, (key, value: unknown) => (key === 'error' ? 'error' : value));

function nameOf(transition: AnyTransition): string {
  const source = transition.source;
  const always = source.always?.indexOf(transition) ?? -1;
  if (always >= 0) return `${source.id} --always#${String(always)}`;
  const index = source.transitions.get(transition.eventType)?.indexOf(transition) ?? -1;
  return `${source.id} --${transition.eventType}#${String(index)}`;
}

interface Step {
  readonly event: MaintenanceMachineEvent;
  readonly snapshot: Seen;
  readonly audited: AuditEntry[];
  readonly taken: number;
  readonly released: number;
  readonly pinEmpty: boolean;
  /** Commands handed to `perform` (or to `stopKiosk`) at this step, with who gave and who approved them. */
  readonly performed: { command: Command | { kind: 'restart-kiosk' | 'shut-down' }; staff: string; approver: string | undefined }[];
  readonly verified: number;
}

/** Every transition taken and state visited by any replay (kept once, not per replay: there are tens of thousands). */
const TAKEN = new Set<string>();
const VISITED = new Set<string>();

/**
 * A replay's last step, and the one before it (the state it was taken from): the checks look at
 * these alone, since a replay's earlier steps are the last steps of shorter replays.
 */
interface Replay {
  readonly step: Step;
  readonly previous: Step | undefined;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function replay(events: readonly MaintenanceMachineEvent[]): Replay {
  let screenTaken = 0;
  let screenReleased = 0;
  let audited: AuditEntry[] = [];
  let performed: Step['performed'] = [];
  let verified = 0;
  let staffNow: string | undefined;
  const machine = maintenanceMachine.provide({
    actors: {
      verifySignIn: fromPromise<SignInResult, { number: string; pin: StaffPinEntry }>(() => {
        verified += 1;
        return never();
      }),
      gatherStatus: fromPromise(() => never()),
      inspectReaders: fromPromise(() => never()),
      runSelfTest: fromPromise(() => never()),
      perform: fromPromise<CommandOutcome, { command: Command; staff: string; approver: string | undefined }>(({ input }) => {
        performed.push({ command: input.command, staff: input.staff, approver: input.approver });
        return never();
      }),
      stopKiosk: fromPromise<undefined, { kind: 'restart-kiosk' | 'shut-down' }>(({ input }) => {
        performed.push({ command: { kind: input.kind }, staff: staffNow ?? '', approver: undefined });
        return never();
      }),
    },
    actions: {
      audit: (_, entry) => void audited.push(entry),
      takeScreen: () => void (screenTaken += 1),
      releaseScreen: () => void (screenReleased += 1),
    },
  });
  const actor = createActor(machine, {
    input: INPUT,
    // Timers are the test's to deliver (as events): the real clock never fires during a replay.
    clock: new SimulatedClock(),
    inspect: (event: InspectionEvent) => {
      if (event.type !== '@xstate.microstep') return;
      for (const transition of event._transitions) TAKEN.add(nameOf(transition as AnyTransition));
      for (const node of activeNodes(event.snapshot as Snapshot)) VISITED.add(node.id);
    },
  });
  actor.start();
  const trace: Step[] = [];
  for (const event of events) {
    audited = [];
    performed = [];
    verified = 0;
    staffNow = actor.getSnapshot().context.staff?.number;
    actor.send(event);
    const snapshot = actor.getSnapshot();
    trace.push({
      event,
      snapshot: seen(snapshot),
      audited,
      taken: screenTaken,
      released: screenReleased,
      pinEmpty: snapshot.context.pin.empty,
      performed,
      verified,
    });
  }
  actor.stop();
  const [previous, step] = trace.length > 1 ? trace.slice(-2) : [undefined, trace[0]];
  if (!step) throw new Error('a replay of no events');
  return { step, previous };
}

function allNodes(): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(maintenanceMachine.root);
  return nodes;
}

function allTransitions(): string[] {
  return allNodes().flatMap((node) =>
    [...[...node.transitions.values()].flat(), ...(node.always ?? [])].map((transition) => nameOf(transition as AnyTransition)),
  );
}

const DATA: MaintenanceData = {
  now: () => NOW,
  service: () => ({ inService: true, causes: [] }),
  services: () => [],
  schedules: () => [],
  overrides: () => ({ stops: [], holidays: [], staffedHours: undefined }),
  members: () => [],
  configuration: () => ({ entries: [], hash: '0'.repeat(16) }),
  lastSelfTest: () => undefined,
  cardService: () => ({ kind: 'in-process' }),
  cards: () => ({
    records: [],
    lock: undefined,
    reconciliation: { binCount: undefined, recorded: 0, matches: undefined },
    unclaimedDays: 7,
  }),
  outbox: () => ({ entries: [], alarmMinutes: 60, overdue: false }),
  logs: () => ({ folder: undefined, last: undefined }),
  series: () => [],
  dayClose: () => undefined,
  lookup: (quoted) => ({ kind: 'not-found', quoted }),
  folder: () => ({ kind: 'not-configured' }),
  printer: false,
};

const takes = (state: Snapshot, event: MaintenanceMachineEvent): boolean => maintenanceMachine.getTransitionData(state, event).length > 0;

// Every assertion walks thousands of replays: seconds each on a busy machine.
describe('the maintenance machine, explored as a model', { timeout: 60_000 }, () => {
  let paths: StatePath<Snapshot, MaintenanceMachineEvent>[];
  let replays: Replay[];

  beforeAll(() => {
    paths = getShortestPaths(maintenanceMachine, { events: eventsFor, serializeState, serializeEvent, input: INPUT });
    // The digits of a PIN live outside the model (wipeable entries): a new PIN typed differently the second time is scripted.
    replays = [replay(MISMATCHED_PIN)];
    const seen = new Set<string>();
    for (const path of paths) {
      const events = path.steps.map((step) => step.event);
      for (const next of [undefined, ...eventsFor(path.state)]) {
        if (next && !takes(path.state, next)) continue;
        const full = next ? [...events, next] : events;
        const key = full.map(serializeEvent).join('>');
        if (seen.has(key)) continue;
        seen.add(key);
        replays.push(replay(full));
      }
    }
  }, 300_000);

  it('reaches every state', () => {
    const reached = VISITED;
    const everyState = allNodes()
      .filter((node) => node.type !== 'history')
      .map((node) => node.id);
    expect(everyState.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('takes every transition on a real actor', () => {
    const defined = allTransitions();
    expect(defined.length).toBeGreaterThan(80);
    const taken = TAKEN;
    expect(defined.filter((name) => !taken.has(name))).toEqual([]);
  });

  it('shows exactly one page wherever it holds the screen, and none where the customer has it', () => {
    const shown = new Set<MaintenanceScreenTag>();
    for (const { state } of paths) {
      const tags = maintenanceTagsOf(state);
      const customer = state.matches('closed') || state.matches('waiting');
      expect({ at: state.value, pages: tags.length }).toEqual({ at: state.value, pages: customer ? 0 : 1 });
      const [tag] = tags;
      if (!tag) continue;
      shown.add(tag);
      const view = maintenanceViewOf(state, DATA, 'japanese');
      expect({ at: state.value, page: view?.screen === 'maintenance' ? view.page : undefined }).toEqual({
        at: state.value,
        page: tag.split(':')[2],
      });
      // Who is signed in, and what they may do, travel with every page; never a PIN digit.
      expect(JSON.stringify(view)).not.toMatch(/"pin"\s*:/);
    }
    expect(MAINTENANCE_SCREEN_TAGS.filter((tag) => !shown.has(tag))).toEqual([]);
  });

  it('holds to what its tags say, in every state it can reach', () => {
    for (const { state } of paths) {
      const at = state.value;
      expect({ at, open: state.hasTag('open') }).toEqual({ at, open: state.matches('open') });
      expect({ at, signedIn: state.hasTag('signed-in') }).toEqual({ at, signedIn: state.matches({ open: 'menu' }) });
      if (state.hasTag('signed-in')) expect(state.context.staff).toBeDefined();
      if (state.hasTag('approval')) expect(state.context.pending && needsApproval(actionOf(state.context.pending))).toBe(true);
      // The key turned back closes the menu from wherever it is.
      if (!state.matches('closed')) expect({ at, keyOff: takes(state, { type: 'KEY_OFF' }) }).toEqual({ at, keyOff: true });
    }
  });

  it('runs a command only for a role that may give it, and a marked one only with a different approver of an approving role', () => {
    let commands = 0;
    let approved = 0;
    const refusedAs = new Set<string>();
    replays.forEach(({ step: { performed, snapshot, audited, event }, previous }) => {
      const before = previous?.snapshot ?? snapshot;
      for (const { command, staff, approver } of performed) {
        commands += 1;
        const action = actionOf(command);
        const role = before.context.staff?.role;
        expect({ action, staff, role, may: role !== undefined && mayDo(role, action) }).toMatchObject({ may: true });
        expect(staff).toBe(before.context.staff?.number);
        if (needsApproval(action)) {
          approved += 1;
          const approverRole = [SUPERVISOR, SECOND_SUPERVISOR, OPERATOR, ADMINISTRATOR].find((member) => member.number === approver)?.role;
          expect(approver).not.toBe(staff);
          expect(approverRole !== undefined && mayApprove(action, staff, { number: approver ?? '', role: approverRole })).toBe(true);
        } else {
          expect(approver).toBeUndefined();
        }
      }
      for (const entry of audited) {
        if (entry.event === 'staff-action' && entry.outcome === 'refused') {
          refusedAs.add(before.context.staff?.role ?? 'nobody');
          expect(entry.staff).toBe(before.context.staff?.number);
          expect(performed).toEqual([]);
          expect(event.type.startsWith('MENU_')).toBe(true);
        }
      }
    });
    expect(commands).toBeGreaterThan(50);
    expect(approved).toBeGreaterThan(5);
    expect([...refusedAs].sort()).toEqual(['operator', 'supervisor']);
  });

  it('refuses the same person as the second staff member, and a role that may not approve', () => {
    const outcomesSeen = new Set<string>();
    replays.forEach(({ step: { event, snapshot, audited, performed }, previous }) => {
      const before = previous?.snapshot;
      if (!before?.hasTag('approval') || !event.type.startsWith('xstate.done.actor')) return;
      const output = (event as unknown as { output: SignInResult }).output;
      if (output.kind !== 'signed-in') return;
      const same = output.staff.number === before.context.staff?.number;
      const approves =
        !same &&
        before.context.pending !== undefined &&
        mayApprove(actionOf(before.context.pending), before.context.staff?.number ?? '', output.staff);
      const approval = audited.find((entry) => entry.event === 'staff-sign-in');
      outcomesSeen.add(approval?.event === 'staff-sign-in' ? approval.outcome : 'none');
      if (approves) {
        expect(performed).toHaveLength(1);
        expect(approval).toMatchObject({ staff: output.staff.number, purpose: 'approval', outcome: 'approved' });
      } else {
        expect(performed).toEqual([]);
        expect(snapshot.hasTag('approval')).toBe(true);
        expect(approval).toMatchObject({ purpose: 'approval', outcome: same ? 'same-person' : 'role' });
      }
    });
    expect([...outcomesSeen].sort()).toEqual(['approved', 'role', 'same-person']);
  });

  it('records every sign-in attempt and every command it ran, with staff numbers', () => {
    let attempts = 0;
    let results = 0;
    replays.forEach(({ step: { event, audited }, previous }) => {
      const before = previous?.snapshot;
      if (!before || !event.type.startsWith('xstate.done.actor')) return;
      const signingIn = before.matches({ open: { signIn: 'checking' } }) || before.matches({ open: { menu: { approving: 'checking' } } });
      if (signingIn) {
        attempts += 1;
        expect(audited.filter((entry) => entry.event === 'staff-sign-in')).toHaveLength(1);
        const output = (event as unknown as { output: SignInResult }).output;
        if (output.kind === 'locked' && output.now) expect(audited.map((entry) => entry.event)).toContain('staff-locked');
      }
      if (before.matches({ open: { menu: 'performing' } })) {
        results += 1;
        const action = actionOf(before.context.pending ?? { kind: 'resume' });
        expect(audited.filter((entry) => entry.event === 'staff-action')).toEqual([
          expect.objectContaining({ staff: before.context.staff?.number, action }),
        ]);
      }
    });
    expect({ attempts: attempts > 20, results: results > 20 }).toEqual({ attempts: true, results: true });
  });

  it('never opens while a customer’s card is held, and gives the screen back on every way out', () => {
    let closings = 0;
    let refusals = 0;
    replays.forEach(({ step: { event, snapshot, taken, released, pinEmpty }, previous }) => {
      if (event.type === 'KEY_ON' && event.cardHeld) {
        refusals += previous?.snapshot.matches('closed') ? 1 : 0;
        expect(snapshot.matches('open')).toBe(false);
        expect(taken).toBe(previous?.taken ?? 0);
      }
      if (!previous?.snapshot.matches('open') || snapshot.matches('open')) return;
      closings += 1;
      expect(released).toBe(previous.released + 1);
      expect(taken).toBe(released);
      expect(pinEmpty).toBe(true);
      expect(snapshot.context.staff).toBeUndefined();
      expect(snapshot.context.draft).toBeUndefined();
      expect(snapshot.context.pending).toBeUndefined();
    });
    expect({ closings: closings > 50, refusals: refusals > 0 }).toEqual({ closings: true, refusals: true });
  });
});

describe('the permission table', () => {
  it('names a role for every action, approvers only beside roles that act, and 保守 never for what customers are offered or who the staff are', () => {
    for (const action of MAINTENANCE_ACTIONS) expect(PERMISSIONS[action].roles.length).toBeGreaterThan(0);
    const maintenance = MAINTENANCE_ACTIONS.filter((action) => mayDo('maintenance', action));
    for (const forbidden of ['switch-service', 'plan-suspension', 'edit-schedules', 'manage-staff', 'unlock-staff'] as const) {
      expect(maintenance).not.toContain(forbidden);
    }
    expect(MAINTENANCE_ACTIONS.filter((action) => needsApproval(action))).toEqual([
      'plan-suspension',
      'edit-schedules',
      'manage-staff',
      'release-card',
      'record-card-missing',
      'purge-submission',
      'export-audit',
    ]);
  });
});

/** Signs in as `staff` on a fresh actor whose sign-in answers at once, and returns it with what it performed and audited. */
async function signedInAs(staff: StaffView, approverOf: (number: string) => SignInResult = () => ({ kind: 'wrong-pin' })) {
  const performed: { command: Command; staff: string; approver: string | undefined }[] = [];
  const audited: AuditEntry[] = [];
  let signIns = 0;
  const machine = maintenanceMachine.provide({
    actors: {
      verifySignIn: fromPromise<SignInResult, { number: string; pin: StaffPinEntry }>(({ input }) => {
        signIns += 1;
        return Promise.resolve(signIns === 1 ? { kind: 'signed-in', staff } : approverOf(input.number));
      }),
      perform: fromPromise<CommandOutcome, { command: Command; staff: string; approver: string | undefined }>(({ input }) => {
        performed.push(input);
        return Promise.resolve({ ok: true });
      }),
      stopKiosk: fromPromise<undefined, { kind: 'restart-kiosk' | 'shut-down' }>(({ input }) => {
        performed.push({ command: { kind: input.kind }, staff: staff.number, approver: undefined });
        return never();
      }),
      gatherStatus: fromPromise(() => never()),
      inspectReaders: fromPromise(() => never()),
      runSelfTest: fromPromise(() => never()),
    },
    actions: { audit: (_, entry) => void audited.push(entry) },
  });
  const actor = createActor(machine, { input: INPUT });
  actor.start();
  actor.send({ type: 'KEY_ON', cardHeld: false });
  const type = (digits: string): void => {
    for (const digit of digits) actor.send({ type: 'MENU_DIGIT', digit: Number(digit) });
    actor.send({ type: 'MENU_ENTER' });
  };
  type(staff.number);
  type('246813');
  await settle();
  return { actor, performed, audited, type };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The screen events that ask for each action, from its page, with its form filled in where it has one. */
const ASKING: { readonly [A in MaintenanceAction]: readonly MaintenanceEvent[] } = {
  'view-status': [{ type: 'MENU_OPEN', page: 'status' }],
  'reader-test': [{ type: 'MENU_OPEN', page: 'reader-test' }],
  'restart-card-service': [{ type: 'MENU_OPEN', page: 'reader-test' }, { type: 'MENU_RESTART_CARD_SERVICE' }],
  'self-test': [{ type: 'MENU_OPEN', page: 'self-test' }, { type: 'MENU_SELF_TEST' }],
  suspend: [
    { type: 'MENU_OPEN', page: 'service-control' },
    { type: 'MENU_SUSPEND', notice: 'closed-today' },
  ],
  resume: [{ type: 'MENU_OPEN', page: 'service-control' }, { type: 'MENU_RESUME' }],
  'switch-service': [
    { type: 'MENU_OPEN', page: 'service-control' },
    { type: 'MENU_SERVICE_ON', serviceId: 'housing-loan-income' },
  ],
  'plan-suspension': [
    { type: 'MENU_OPEN', page: 'service-control' },
    { type: 'MENU_FORM', form: { form: 'service-off', serviceId: 'housing-loan-income' } },
    { type: 'MENU_EDIT', edit: { kind: 'reason', reason: 'end-of-service' } },
    { type: 'MENU_SAVE' },
  ],
  'view-schedules': [{ type: 'MENU_OPEN', page: 'schedules' }],
  'edit-schedules': [
    { type: 'MENU_OPEN', page: 'schedules' },
    { type: 'MENU_REMOVE_OVERRIDE', id: '2026-12-31' },
  ],
  'view-configuration': [{ type: 'MENU_OPEN', page: 'configuration' }],
  'restart-kiosk': [
    { type: 'MENU_OPEN', page: 'configuration' },
    { type: 'MENU_STOP', kind: 'restart-kiosk' },
    { type: 'MENU_CONFIRM_STOP' },
  ],
  'unlock-staff': [
    { type: 'MENU_OPEN', page: 'staff' },
    { type: 'MENU_UNLOCK', number: '1003' },
  ],
  'manage-staff': [
    { type: 'MENU_OPEN', page: 'staff' },
    { type: 'MENU_REMOVE_STAFF', number: '1003' },
  ],
  'release-card': [
    { type: 'MENU_OPEN', page: 'cards' },
    { type: 'MENU_FORM', form: { form: 'release-card', id: KEPT_CARD } },
    { type: 'MENU_EDIT', edit: { kind: 'id-method', method: 'driving-licence' } },
    { type: 'MENU_SAVE' },
  ],
  'confirm-card-lock': [
    { type: 'MENU_OPEN', page: 'cards' },
    { type: 'MENU_CONFIRM_CARD', outcome: 'secured' },
  ],
  'record-card-missing': [
    { type: 'MENU_OPEN', page: 'cards' },
    { type: 'MENU_CONFIRM_CARD', outcome: 'not-found' },
  ],
  'retry-submission': [
    { type: 'MENU_OPEN', page: 'outbox' },
    { type: 'MENU_RETRY_SUBMISSION', id: SUBMISSION_ID },
  ],
  'purge-submission': [
    { type: 'MENU_OPEN', page: 'outbox' },
    { type: 'MENU_PURGE_SUBMISSION', id: SUBMISSION_ID, reason: 'customer-withdrew' },
  ],
  'export-logs': [{ type: 'MENU_OPEN', page: 'logs' }, { type: 'MENU_EXPORT_LOGS' }],
  'view-records': [{ type: 'MENU_OPEN', page: 'day-close' }],
  'print-day-close': [
    { type: 'MENU_OPEN', page: 'day-close' },
    { type: 'MENU_DAY_CLOSE_OUT', to: 'folder' },
  ],
  'export-audit': [{ type: 'MENU_OPEN', page: 'audit-export' }, { type: 'MENU_EXPORT_AUDIT' }],
};

const PAGE_STATES: Partial<Record<MaintenanceAction, 'status' | 'readerTest' | 'schedules' | 'configuration' | 'dayClose'>> = {
  'view-records': 'dayClose',
  'view-status': 'status',
  'reader-test': 'readerTest',
  'view-schedules': 'schedules',
  'view-configuration': 'configuration',
};

// Quick alone, but they run beside the model's thousands of replays: a busy machine gets time.
describe('role limits: each role tried against each action', { timeout: 20_000 }, () => {
  /** Refusals recorded across the table: a role may reach the page and still be refused the action. */
  const refusals: string[] = [];
  for (const role of STAFF_ROLES) {
    for (const action of MAINTENANCE_ACTIONS) {
      const may = mayDo(role, action);
      it(`${role} ${may ? 'may' : 'may not'} ${action}`, async () => {
        const { actor, performed, audited } = await signedInAs({ number: '2000', role });
        for (const event of ASKING[action]) actor.send(event);
        await settle();
        const snapshot = actor.getSnapshot();
        const page = PAGE_STATES[action];
        const reached = page
          ? snapshot.matches({ open: { menu: { pages: page } } })
          : action === 'self-test'
            ? snapshot.matches({ open: { menu: { pages: { selfTest: 'display' } } } })
            : needsApproval(action)
              ? snapshot.hasTag('approval')
              : performed.some((entry) => actionOf(entry.command) === action);
        expect(reached).toBe(may);
        if (!may) {
          expect(performed).toEqual([]);
          expect(snapshot.hasTag('approval')).toBe(false);
          // Where the page let the role ask, the refusal is said on it and recorded with the staff number.
          if (snapshot.context.result) {
            refusals.push(`${role}:${action}`);
            expect(snapshot.context.result).toEqual({ action, outcome: 'refused' });
            expect(audited).toContainEqual(expect.objectContaining({ event: 'staff-action', staff: '2000', action, outcome: 'refused' }));
          }
        }
        actor.stop();
      });
    }
  }
  it('says and records the refusal of every command the role may not give, whichever page sent it', () => {
    // Pages a role may not open are not opened (nothing to refuse); a self-test and a restart are asked for on their page.
    const onTheirPage: readonly MaintenanceAction[] = [
      'view-status',
      'reader-test',
      'view-schedules',
      'view-configuration',
      'view-records',
      'self-test',
      'restart-kiosk',
    ];
    const commands = MAINTENANCE_ACTIONS.filter((action) => !onTheirPage.includes(action));
    const expected = STAFF_ROLES.flatMap((role) => commands.filter((action) => !mayDo(role, action)).map((action) => `${role}:${action}`));
    expect(expected.length).toBeGreaterThan(10);
    expect(refusals.sort()).toEqual(expected.sort());
  });
});

describe('dual control (二人制)', () => {
  it('refuses the same person twice, and runs the action once a different supervisor approves', async () => {
    const approvers: Record<string, SignInResult> = {
      '1001': { kind: 'signed-in', staff: SUPERVISOR },
      '1002': { kind: 'signed-in', staff: SECOND_SUPERVISOR },
    };
    const { actor, performed, audited, type } = await signedInAs(SUPERVISOR, (number) => approvers[number] ?? { kind: 'wrong-pin' });
    actor.send({ type: 'MENU_OPEN', page: 'schedules' });
    actor.send({ type: 'MENU_FORM', form: { form: 'holiday' } });
    actor.send({ type: 'MENU_SAVE' });
    expect(actor.getSnapshot().hasTag('approval')).toBe(true);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      type('1001');
      type('246813');
      await settle();
      expect(actor.getSnapshot().hasTag('approval')).toBe(true);
      expect(actor.getSnapshot().context.problem).toBe('same-person');
      expect(performed).toEqual([]);
    }
    type('1002');
    type('135792');
    await settle();
    expect(performed).toEqual([{ command: { kind: 'set-holiday', date: '2026-11-25', holiday: true }, staff: '1001', approver: '1002' }]);
    const signIns = audited.flatMap((entry) => (entry.event === 'staff-sign-in' ? [[entry.staff, entry.outcome]] : []));
    expect(signIns).toEqual([
      ['1001', 'signed-in'],
      ['1001', 'same-person'],
      ['1001', 'same-person'],
      ['1002', 'approved'],
    ]);
    expect(audited).toContainEqual(
      expect.objectContaining({ event: 'staff-action', staff: '1001', approver: '1002', action: 'edit-schedules', outcome: 'done' }),
    );
    actor.stop();
  });
});

describe('the menu’s idle timer, on a simulated clock', () => {
  const idle = (maintenanceMachine.implementations.delays as Record<string, number>).idleClose ?? 0;

  function start() {
    const clock = new SimulatedClock();
    const audited: AuditEntry[] = [];
    let released = 0;
    const machine = maintenanceMachine.provide({
      actors: {
        verifySignIn: fromPromise<SignInResult, { number: string; pin: StaffPinEntry }>(() =>
          Promise.resolve({ kind: 'signed-in', staff: OPERATOR }),
        ),
      },
      actions: { audit: (_, entry) => void audited.push(entry), releaseScreen: () => void (released += 1) },
    });
    const actor = createActor(machine, { input: INPUT, clock });
    actor.start();
    return { actor, clock, audited, released: () => released };
  }

  it('closes the menu after the idle time without a touch, and a touch starts the time again', async () => {
    const { actor, clock, audited, released } = start();
    actor.send({ type: 'KEY_ON', cardHeld: false });
    for (const digit of '1003') actor.send({ type: 'MENU_DIGIT', digit: Number(digit) });
    actor.send({ type: 'MENU_ENTER' });
    for (const digit of '246813') actor.send({ type: 'MENU_DIGIT', digit: Number(digit) });
    actor.send({ type: 'MENU_ENTER' });
    await settle();
    expect(actor.getSnapshot().hasTag('signed-in')).toBe(true);
    clock.increment(idle - 1000);
    actor.send({ type: 'ACTIVITY' });
    clock.increment(idle - 1000);
    expect(actor.getSnapshot().hasTag('open')).toBe(true);
    clock.increment(1000);
    expect(actor.getSnapshot().value).toBe('closed');
    expect(released()).toBe(1);
    expect(audited).toContainEqual({ event: 'maintenance-closed', reason: 'idle' });
    expect(actor.getSnapshot().context.staff).toBeUndefined();
    actor.stop();
  });
});
