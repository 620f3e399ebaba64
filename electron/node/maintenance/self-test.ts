// The kiosk's self-test: at start-up, daily at the configured time (Japan), and on demand
// from the menu. Reader present, the gateway's mutual-TLS handshake and health, the clock
// against the configured time server, free disk space, SQLite's integrity check, the key files
// present with safe modes; on demand also the display and the chime, as staff saw and heard
// them; and the audit trail's hash chain, whose first broken link is reported to staff (a
// warning: customers are served safely with a broken trail, and no later run could mend it, so
// it never keeps the kiosk out of service). Every run is recorded and audited; a failed check takes the kiosk out of service
// (after the customer in front of it, if any) with the checks staff can read, and the
// automatic checks are run again every few minutes until they pass.
import type { SelfTestCheck, SelfTestResult, SelfTestRun } from '../../common/maintenance/maintenance-view.ts';
import type { Result } from '../../common/result.ts';
import { fromTokyo, toTokyo } from '../hours/tokyo-time.ts';
import type { ChainVerdict } from '../storage/audit-chain.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';
import type { KeyFileFinding, TlsProbe } from './probes.ts';
import type { ServiceControl } from './service-control.ts';

/** What a self-test measures, from the kiosk's live parts (maintenance.ts wires them). */
export interface SelfTestProbes {
  /** The configured reader is attached and its card service answers (given time to start). */
  readerPresent(): Promise<boolean>;
  gateway(): Promise<GatewayCheck>;
  /** Undefined when no time server is configured. */
  clockOffset(): Promise<Result<number, string>> | undefined;
  disk(): Promise<{ readonly freeBytes: number; readonly totalBytes: number }>;
  database(full: boolean): { readonly ok: boolean; readonly sizeBytes: number };
  keyFiles(): Promise<readonly KeyFileFinding[]>;
  /** The audit trail's hash chain, checked from its head (AuditTrail.verify). */
  auditChain(): ChainVerdict;
}

export interface GatewayCheck {
  /** The health call: answered, and 'ok'. */
  readonly healthy: boolean;
  readonly reachable: boolean;
  readonly latencyMs: number | undefined;
  /** The TLS handshake; undefined for a gateway on this machine without TLS (the demo). */
  readonly tls: Result<TlsProbe, string> | undefined;
}

export interface SelfTestLimits {
  readonly clockToleranceMs: number;
  readonly minFreeBytes: number;
}

/** What staff saw and heard (on demand only). */
export interface StaffChecks {
  readonly display: boolean;
  readonly chime: boolean;
}

const MB = 1024 * 1024;

const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path;

function keyFilesResult(findings: readonly KeyFileFinding[]): SelfTestResult {
  const [first] = findings;
  if (!first) return { check: 'key-files', outcome: 'pass' };
  const what = first.problem === 'missing' ? 'missing' : `mode-${first.mode.toString(8).padStart(4, '0')}`;
  return { check: 'key-files', outcome: 'fail', finding: `${what}:${fileName(first.path)}`, value: findings.length };
}

function gatewayResult(check: GatewayCheck): SelfTestResult {
  const latency = check.latencyMs === undefined ? {} : { value: check.latencyMs };
  if (check.tls && !check.tls.ok) return { check: 'gateway', outcome: 'fail', finding: `tls-${check.tls.error}` };
  if (!check.reachable) return { check: 'gateway', outcome: 'fail', finding: 'unreachable' };
  if (!check.healthy) return { check: 'gateway', outcome: 'fail', finding: 'unhealthy', ...latency };
  return { check: 'gateway', outcome: 'pass', ...(check.tls ? {} : { finding: 'no-tls-loopback' }), ...latency };
}

async function clockResult(measuring: Promise<Result<number, string>> | undefined, toleranceMs: number): Promise<SelfTestResult> {
  if (!measuring) return { check: 'clock', outcome: 'warn', finding: 'not-configured' };
  const offset = await measuring;
  // An unreachable time server says nothing about the clock: staff are told, customers are not turned away.
  if (!offset.ok) return { check: 'clock', outcome: 'warn', finding: offset.error };
  return Math.abs(offset.value) > toleranceMs
    ? { check: 'clock', outcome: 'fail', finding: 'offset', value: offset.value }
    : { check: 'clock', outcome: 'pass', value: offset.value };
}

/** Staff's word on the display and chime stands until staff check them again: no automatic run can see them. */
const staffResult = (check: 'display' | 'chime', seen: boolean | undefined): SelfTestResult =>
  seen === undefined
    ? { check, outcome: 'skipped', finding: 'needs-staff' }
    : { check, outcome: seen ? 'pass' : 'fail', ...(seen ? {} : { finding: 'reported-by-staff' }) };

/** The chain intact (value: entries checked), or its first broken link (finding: why, value: the entry's seq). */
export const auditChainResult = (verdict: ChainVerdict): SelfTestResult =>
  verdict.ok
    ? { check: 'audit-trail', outcome: 'pass', value: verdict.entries }
    : { check: 'audit-trail', outcome: 'warn', finding: verdict.problem, value: verdict.seq };

export async function runChecks(
  probes: SelfTestProbes,
  limits: SelfTestLimits,
  staffChecks: StaffChecks | undefined,
): Promise<SelfTestResult[]> {
  // The database first, before anything waits: a kiosk stopping meanwhile closes it.
  const database = probes.database(true);
  const auditTrail = auditChainResult(probes.auditChain());
  const [reader, gateway, clock, disk, keyFiles] = await Promise.all([
    probes.readerPresent(),
    probes.gateway(),
    clockResult(probes.clockOffset(), limits.clockToleranceMs),
    probes.disk(),
    probes.keyFiles(),
  ]);
  const freeMb = Math.floor(disk.freeBytes / MB);
  return [
    reader ? { check: 'reader', outcome: 'pass' } : { check: 'reader', outcome: 'fail', finding: 'missing' },
    gatewayResult(gateway),
    clock,
    disk.freeBytes < limits.minFreeBytes
      ? { check: 'disk', outcome: 'fail', finding: 'low', value: freeMb }
      : { check: 'disk', outcome: 'pass', value: freeMb },
    database.ok ? { check: 'database', outcome: 'pass' } : { check: 'database', outcome: 'fail', finding: 'integrity' },
    keyFilesResult(keyFiles),
    auditTrail,
    staffResult('display', staffChecks?.display),
    staffResult('chime', staffChecks?.chime),
  ];
}

export const failedChecks = (run: SelfTestRun): SelfTestCheck[] =>
  run.results.filter((result) => result.outcome === 'fail').map((result) => result.check);

/** The next HH:MM in Japan after `now`. */
export function nextDaily(at: string, now: Date): Date {
  const [hour = 0, minute = 0] = at.split(':').map(Number);
  const today = toTokyo(now);
  const candidate = fromTokyo(today.year, today.month, today.day, hour, minute);
  return candidate.getTime() > now.getTime() ? candidate : new Date(candidate.getTime() + 86_400_000);
}

export interface SelfTestOptions {
  readonly probes: SelfTestProbes;
  readonly limits: SelfTestLimits;
  readonly db: KioskDatabase;
  readonly control: ServiceControl;
  readonly audit: AuditTrail;
  readonly now: () => Date;
  /** "05:30": the daily run, Japan time. */
  readonly dailyAt: string;
  /** While a run has failed, the automatic checks are run again after this long. */
  readonly retryMs: number;
  /** Told of a run that threw (a probe bug): it is reported, never left unhandled. */
  readonly onError?: (error: unknown) => void;
}

export class SelfTests {
  readonly #options: SelfTestOptions;
  /** What staff last reported of the display and chime (a failure holds until they check again). */
  #staffChecks: StaffChecks | undefined;
  #daily: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  /** Runs one at a time: a second waits for the first. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(options: SelfTestOptions) {
    this.#options = options;
  }

  /** The start-up run, then the daily one. */
  start(): void {
    this.#background('start-up');
    this.#scheduleDaily();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#daily);
    clearTimeout(this.#retry);
  }

  #background(trigger: SelfTestRun['trigger']): void {
    this.run(trigger).catch((error: unknown) => {
      if (!this.#stopped) this.#options.onError?.(error);
    });
  }

  #scheduleDaily(): void {
    const { now, dailyAt } = this.#options;
    clearTimeout(this.#daily);
    const wait = nextDaily(dailyAt, now()).getTime() - now().getTime();
    this.#daily = setTimeout(() => {
      this.#background('daily');
      this.#scheduleDaily();
    }, wait);
    this.#daily.unref();
  }

  run(trigger: SelfTestRun['trigger'], staffChecks?: StaffChecks, staff?: string): Promise<SelfTestRun> {
    const running = this.#queue.then(() => this.#runNow(trigger, staffChecks, staff));
    this.#queue = running.catch(() => undefined);
    return running;
  }

  async #runNow(trigger: SelfTestRun['trigger'], staffChecks: StaffChecks | undefined, staff: string | undefined): Promise<SelfTestRun> {
    const { probes, limits, db, control, audit, now } = this.#options;
    if (staffChecks) this.#staffChecks = staffChecks;
    const results = await runChecks(probes, limits, staffChecks ?? this.#reportedFaults());
    if (this.#stopped) throw new Error('the kiosk stopped during the self-test');
    const run: SelfTestRun = {
      at: now().toISOString(),
      trigger,
      passed: results.every((result) => result.outcome !== 'fail'),
      results,
      ...(staff ? { staff } : {}),
    };
    db.prepare('INSERT INTO self_tests (at, trigger, passed, run) VALUES (?, ?, ?, ?)').run(
      run.at,
      trigger,
      run.passed ? 1 : 0,
      JSON.stringify(run),
    );
    const failed = failedChecks(run);
    const chain = results.find((result) => result.check === 'audit-trail');
    audit.record({
      event: 'self-test',
      trigger,
      passed: run.passed,
      ...(failed.length > 0 ? { failed: failed.join('.') } : {}),
      // The first broken link of the trail, where the chain is broken.
      ...(chain?.outcome === 'warn' && chain.value !== undefined ? { seq: chain.value } : {}),
    });
    control.selfTestResult(failed);
    clearTimeout(this.#retry);
    if (!run.passed) {
      this.#retry = setTimeout(() => this.#background('retry'), this.#options.retryMs);
      this.#retry.unref();
    }
    return run;
  }

  /** A display or chime staff found faulty, for runs without staff: still faulty until checked again. */
  #reportedFaults(): StaffChecks | undefined {
    const checks = this.#staffChecks;
    if (!checks || (checks.display && checks.chime)) return undefined;
    return { display: checks.display, chime: checks.chime };
  }

  /** The last run recorded, whenever it was. */
  last(): SelfTestRun | undefined {
    return this.recent(1)[0];
  }

  /** The last runs recorded, newest first. */
  recent(limit: number): SelfTestRun[] {
    const rows = this.#options.db.prepare('SELECT run FROM self_tests ORDER BY seq DESC LIMIT ?').all(limit) as { run: string }[];
    return rows.map((row) => JSON.parse(row.run) as SelfTestRun);
  }
}
