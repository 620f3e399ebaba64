// The maintenance machine with its real actors and actions: the staff directory, the status
// sources, `card status` on the kiosk's readers, the self-test, the commands on service
// control, schedule overrides and staff, and the audit trail. Everything the menu does to the
// world goes through here.
import { fromPromise } from 'xstate';
import type {
  LogBundleOutcome,
  ReaderDiagnostic,
  ReaderVerdict,
  SelfTestRun,
  StatusReport,
} from '../../common/maintenance/maintenance-view.ts';
import { inspectReaders, type ReaderReport } from '../../../native/diagnostics/card-status.ts';
import type { ReaderPort } from '../../../native/reader/reader-port.ts';
import type { CardAccess } from '../card/card-access.ts';
import type { AuditEntry } from '../storage/audit-events.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { CardRegister } from './card-register.ts';
import type { SubmissionCourier } from '../submission/submission-courier.ts';
import { maintenanceMachine, type MaintenanceInput } from './maintenance-machine.ts';
import type { Command, CommandOutcome, SignInResult } from './maintenance-types.ts';
import type { ScheduleOverrideStore } from './schedule-overrides.ts';
import type { Records } from './records.ts';
import type { SelfTests } from './self-test.ts';
import type { ServiceControl } from './service-control.ts';
import type { StaffDirectory } from './staff-directory.ts';
import type { StaffPinEntry } from './staff-pin.ts';

/** The card service process, where the reader runs in one (PC/SC). */
export interface CardServiceControl {
  readonly running: boolean;
  readonly restarts: number;
  restart(): void;
}

export interface MaintenanceServices {
  readonly input: MaintenanceInput;
  readonly staff: StaffDirectory;
  readonly control: ServiceControl;
  readonly overrides: ScheduleOverrideStore;
  readonly selfTests: SelfTests;
  readonly audit: AuditTrail;
  readonly records: Records;
  readonly port: ReaderPort;
  readonly card: CardAccess;
  readonly cardService: CardServiceControl | undefined;
  /** 取込カード管理簿. */
  readonly register: CardRegister;
  /** A card is in the configured reader now. */
  cardInReader(): boolean;
  /** The running courier: staff's retry and purge go through it (never around it to the outbox). */
  readonly courier: Pick<SubmissionCourier, 'retryNow' | 'purge'>;
  /** Writes the encrypted log bundle for the maintenance vendor. */
  exportLogs(): Promise<LogBundleOutcome>;
  gatherStatus(): Promise<StatusReport>;
  /** The customer's session: ended safely if one is going (card back, data wiped), then held until the menu closes. */
  readonly screen: { take(): void; release(): void };
  /** Ends a session safely, flushes the outbox, closes the database, then restarts or shuts down. */
  stop(kind: 'restart-kiosk' | 'shut-down'): Promise<void>;
  /** Out of service now: a customer's session (if any) is ended safely at once. */
  endSessionNow(): void;
  readonly idleCloseMs: number;
  /** Told (by name only) when an action of the menu fails (a device, the database). */
  readonly onFault: (action: string) => void;
  /** The longest a card may take to answer one command of `card status`. */
  readonly commandTimeoutMs?: number;
}

/**
 * What `card status` found, without personal data: the certificate's subject, issuer, serial
 * number and fingerprint stay out, only whether the card works and why not.
 */
export function readerDiagnostic(report: ReaderReport): ReaderDiagnostic {
  // The two lists of verdicts must agree: a verdict added to the card layer does not compile here until the menu knows it.
  const verdict: ReaderVerdict = report.verdict;
  return {
    reader: report.reader,
    card: report.card,
    verdict,
    ...(report.atr ? { atr: report.atr } : {}),
    ...(report.jpkiApplication ? { jpkiApplication: report.jpkiApplication } : {}),
    ...(report.tokenKind ? { tokenKind: report.tokenKind } : {}),
    ...(report.certificate ? { certificateNotAfter: report.certificate.notAfter } : {}),
    ...(report.pinTriesLeft === undefined ? {} : { pinTriesLeft: report.pinTriesLeft }),
  };
}

async function verify(deps: MaintenanceServices, number: string, pin: StaffPinEntry): Promise<SignInResult> {
  const digits = pin.copy();
  try {
    return await deps.staff.signIn(number, digits);
  } finally {
    digits.fill(0);
  }
}

/** A staff form's new PIN, hashed from a copy that is wiped at once. */
async function withPin<T>(pin: StaffPinEntry, use: (digits: Uint8Array) => Promise<T>): Promise<T> {
  const digits = pin.copy();
  try {
    return await use(digits);
  } finally {
    digits.fill(0);
  }
}

const done: CommandOutcome = { ok: true };
const failed = (reason: string): CommandOutcome => ({ ok: false, reason });

export async function perform(
  deps: MaintenanceServices,
  command: Command,
  staff: string,
  approver: string | undefined,
): Promise<CommandOutcome> {
  const approved = approver ? { staff, approvedBy: approver } : undefined;
  switch (command.kind) {
    case 'suspend':
      deps.control.suspend(command.notice, staff);
      deps.endSessionNow();
      return done;
    case 'resume':
      deps.control.resume();
      return done;
    case 'service-off':
      deps.control.switchOff(command.off, approved ?? { staff });
      return done;
    case 'service-on':
      return deps.control.switchOn(command.serviceId) ? done : failed('not-switched-off');
    case 'add-stop':
      if (!approved) return failed('not-approved');
      deps.overrides.addStop({ system: command.system, from: command.from, until: command.until }, approved);
      return done;
    case 'set-holiday':
      if (!approved) return failed('not-approved');
      deps.overrides.setHoliday(command.date, command.holiday, approved);
      return done;
    case 'set-staffed-hours':
      deps.overrides.setStaffedHours(command.hours);
      return done;
    case 'remove-override':
      return deps.overrides.remove(command.id) ? done : failed('not-found');
    case 'unlock-staff': {
      const unlocked = deps.staff.unlock(command.number);
      return unlocked.ok ? done : failed(unlocked.error);
    }
    case 'remove-staff': {
      if (command.number === staff) return failed('self');
      const removed = deps.staff.remove(command.number);
      return removed.ok ? done : failed(removed.error);
    }
    case 'add-staff': {
      const added = await withPin(command.pin, (digits) => deps.staff.add({ number: command.number, role: command.role }, digits, staff));
      return added.ok ? done : failed(added.error);
    }
    case 'reset-pin': {
      const reset = await withPin(command.pin, (digits) => deps.staff.resetPin(command.number, digits));
      return reset.ok ? done : failed(reset.error);
    }
    case 'restart-card-service':
      if (!deps.cardService) return failed('in-process');
      deps.cardService.restart();
      return done;
    case 'release-card': {
      // The staff member giving the card back is the one who checked the owner's identity.
      const released = deps.register.release(
        command.id,
        { checkedBy: staff, method: command.method, checkedAt: command.checkedAt },
        approver,
      );
      return released.ok ? done : failed(released.error);
    }
    case 'confirm-card-lock': {
      const lock = deps.control.cardLock;
      if (!lock) return failed('not-locked');
      // Still in the reader: staff take it out first (left there, the next session would hand it out again).
      if (deps.cardInReader()) return failed('card-in-reader');
      if (command.outcome === 'not-found') {
        if (!approved) return failed('not-approved');
        const closed = deps.register.notFound(lock.record, staff);
        if (!closed.ok && closed.error !== 'not-found') return failed(closed.error);
      }
      deps.control.unlockCard();
      return done;
    }
    case 'retry-submission': {
      const sent = await deps.courier.retryNow(command.id);
      return sent === 'not-found' || sent === 'in-flight' ? failed(sent) : { ok: true, detail: sent };
    }
    case 'purge-submission': {
      if (!approved) return failed('not-approved');
      const purged = deps.courier.purge(command.id, command.reason);
      return purged === 'purged' ? done : failed(purged);
    }
    case 'export-logs': {
      const bundle = await deps.exportLogs();
      return bundle.written ? { ok: true, detail: bundle.file } : failed(bundle.reason);
    }
    case 'day-close-out': {
      const { ok, reason, delivery } = await deps.records.dayCloseOut(command.date, command.to);
      return ok ? { ok, delivery } : { ok, reason: reason ?? 'failed', delivery };
    }
    case 'export-audit': {
      if (!approved) return failed('not-approved');
      const { ok, reason, delivery } = deps.records.exportAudit(command.from, command.to);
      return ok ? { ok, delivery } : { ok, reason: reason ?? 'failed', delivery };
    }
    case 'restart-kiosk':
    case 'shut-down':
      // Not performed here: the machine stops the kiosk through stopKiosk.
      return failed('not-a-command');
  }
}

function safely(deps: MaintenanceServices, action: string, run: () => void): void {
  try {
    run();
  } catch {
    deps.onFault(action);
  }
}

export function provideMaintenanceServices(deps: MaintenanceServices) {
  return maintenanceMachine.provide({
    delays: { idleClose: deps.idleCloseMs },
    actors: {
      verifySignIn: fromPromise<SignInResult, { number: string; pin: StaffPinEntry }>(({ input }) => verify(deps, input.number, input.pin)),
      gatherStatus: fromPromise<StatusReport>(() => deps.gatherStatus()),
      inspectReaders: fromPromise<readonly ReaderDiagnostic[]>(async () => {
        const report = await inspectReaders(deps.port, deps.port.snapshot(), {
          commandTimeoutMs: deps.commandTimeoutMs ?? 5000,
          now: deps.input.now(),
        });
        return report.readers.map(readerDiagnostic);
      }),
      runSelfTest: fromPromise<SelfTestRun, { display: boolean; chime: boolean; staff: string }>(({ input }) =>
        deps.selfTests.run('on-demand', { display: input.display, chime: input.chime }, input.staff),
      ),
      perform: fromPromise<CommandOutcome, { command: Command; staff: string; approver: string | undefined }>(({ input }) =>
        perform(deps, input.command, input.staff, input.approver),
      ),
      stopKiosk: fromPromise<undefined, { kind: 'restart-kiosk' | 'shut-down' }>(async ({ input }) => {
        await deps.stop(input.kind);
        return undefined;
      }),
    },
    // An action that throws would stop the menu for good: faults are reported and it goes on.
    actions: {
      audit: (_, entry: AuditEntry) => safely(deps, 'audit', () => deps.audit.record(entry)),
      takeScreen: () => safely(deps, 'takeScreen', () => deps.screen.take()),
      releaseScreen: () => safely(deps, 'releaseScreen', () => deps.screen.release()),
      openIntake: () => safely(deps, 'openIntake', () => deps.card.accept()),
      returnTestCard: () => {
        deps.card
          .eject()
          .then(() => deps.card.refuse())
          .catch(() => deps.onFault('returnTestCard'));
      },
    },
  });
}
