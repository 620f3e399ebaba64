// The operator maintenance menu assembled on the kiosk core: the staff directory, service
// control, schedule overrides and the effective availability, the self-test with its daily
// run, the status sources and the maintenance machine. The kiosk (kiosk.ts) owns it: it turns
// the service key into KEY_ON/KEY_OFF, routes the menu's screen events here, and draws this
// view instead of the customer's while the menu holds the screen.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createActor, type Actor } from 'xstate';
import type {
  CardServiceHealth,
  KioskServiceState,
  LogBundleOutcome,
  OutboxEntryView,
  OutOfServiceCause,
  ServiceAvailabilityView,
  SystemScheduleView,
} from '../../common/maintenance/maintenance-view.ts';
import type { Calendar, ViewModel } from '../../common/view-model.ts';
import type { ReaderPort } from '../../../native/reader/reader-port.ts';
import type { CardMechanics } from '../../../native/reader/card-mechanics.ts';
import type { CardAccess } from '../card/card-access.ts';
import type { MaintenanceSettings } from '../config/kiosk-config.ts';
import type { GatewayClient } from '../gateway/gateway-client.ts';
import { availabilityAt } from '../hours/operating-hours.ts';
import type { SystemId, SystemSchedules } from '../hours/schedule-rules.ts';
import type { KioskLog } from '../logging/kiosk-log.ts';
import { retrievalChain, type Service } from '../services/service-catalog.ts';
import type { AuditTrail } from '../storage/audit-trail.ts';
import type { KeptCardsAtClose } from '../storage/day-close.ts';
import type { DocumentPrinter } from '../printing/receipt-printer.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';
import type { SubmissionOutbox } from '../storage/submission-outbox.ts';
import type { SubmissionCourier } from '../submission/submission-courier.ts';
import { CardRegister } from './card-register.ts';
import { configurationEntries, configurationHash } from './configuration-view.ts';
import { commandOf, type Draft } from './drafts.ts';
import { holidayCalendar, ServiceAvailability, withPlannedStops, type AvailabilityLayers } from './effective-availability.ts';
import { keptCardView, reconcile } from './kept-cards.ts';
import { systemdJournal, writeLogBundle, type JournalExcerpt } from './log-bundle.ts';
import type { MaintenanceMachineEvent } from './maintenance-types.ts';
import { provideMaintenanceServices, type CardServiceControl } from './maintenance-services.ts';
import { MaintenanceStateStore } from './maintenance-state.ts';
import { maintenanceTagsOf, maintenanceViewOf, type MaintenanceData } from './maintenance-view.ts';
import {
  certificateExpiry,
  databaseHealth,
  diskSpace,
  keyFileProblems,
  ntpOffset,
  probeTls,
  readerPresent,
  type KeyFile,
  type TlsFiles,
} from './probes.ts';
import { Records } from './records.ts';
import { overridesView, ScheduleOverrideStore } from './schedule-overrides.ts';
import { SelfTests, type GatewayCheck, type SelfTestProbes } from './self-test.ts';
import { ServiceControl } from './service-control.ts';
import { StaffDirectory } from './staff-directory.ts';
import { gatherStatus, outboxOverdue } from './status-report.ts';

/** What the composition root tells the menu about the kiosk it runs on. */
export interface KioskDiagnostics {
  /** The gateway's URL and the TLS files the kiosk uses with it (none for a gateway on this machine). */
  readonly gateway: { readonly url: string; readonly tls: TlsFiles | undefined };
  /** Key files whose presence and modes the self-test checks (besides the database key and the data folder). */
  readonly keyFiles: readonly KeyFile[];
  /** The whole configuration as loaded: shown read-only (secrets masked) and hashed. */
  readonly configuration: unknown;
  readonly version: string;
}

export interface MaintenanceOptions {
  readonly settings: MaintenanceSettings;
  readonly diagnostics: KioskDiagnostics;
  readonly db: KioskDatabase;
  readonly audit: AuditTrail;
  readonly log: KioskLog;
  readonly outbox: SubmissionOutbox;
  readonly courier: SubmissionCourier;
  readonly now: () => Date;
  readonly dataDir: string;
  /** The service's journal for the log bundle (default: the systemd unit's, through journalctl). */
  readonly journal?: () => Promise<JournalExcerpt>;
  readonly services: readonly Service[];
  /** The schedule in force (ScheduleSource: the gateway's published one once fetched), read at every use. */
  readonly schedules: { current(): SystemSchedules };
  readonly gateway: GatewayClient;
  readonly port: ReaderPort;
  readonly mechanics: CardMechanics;
  readonly reader: string;
  readonly card: CardAccess;
  readonly cardService: CardServiceControl | undefined;
  readonly calendar: Calendar;
  /** Where the day-close report and the audit export go (config `records.exportFolder`). */
  readonly exportFolder: string | undefined;
  /** The terminal's printer for staff documents (the receipt printer's queue), where it has one. */
  readonly documentPrinter: DocumentPrinter | undefined;
  /** Whether the gateway answered its last health check (the customer's session watches it). */
  readonly gatewayUp: () => boolean;
  readonly screen: { take(): void; release(): void };
  endSessionNow(): void;
  stop(kind: 'restart-kiosk' | 'shut-down'): Promise<void>;
  /** Something the menu shows, or what customers are offered, changed. */
  readonly onChange: () => void;
}

type MaintenanceActor = Actor<ReturnType<typeof provideMaintenanceServices>>;

const PROBE_TIMEOUT_MS = 5000;
/** The systemd unit the kiosk runs as (build/deb/mynaportal-kiosk.service). */
const SERVICE_UNIT = 'mynaportal-kiosk.service';
/** Self-test runs in a log bundle: about a fortnight of daily runs and retries. */
const BUNDLED_SELF_TESTS = 30;
/** How long the self-test gives the card service to report the reader (it may be starting). */
const READER_WAIT_MS = 15_000;

export class Maintenance {
  readonly staff: StaffDirectory;
  readonly control: ServiceControl;
  readonly overrides: ScheduleOverrideStore;
  readonly availability: ServiceAvailability;
  readonly selfTests: SelfTests;
  /** 取込カード管理簿. */
  readonly register: CardRegister;
  readonly records: Records;
  readonly #options: MaintenanceOptions;
  readonly #actor: MaintenanceActor;
  readonly #startedAt: Date;
  readonly #configuration: { readonly entries: readonly { key: string; value: string }[]; readonly hash: string };
  readonly #unwatch: () => void;
  /** What became of the last log bundle since start (the page says where it went, or why not). */
  #lastBundle: LogBundleOutcome | undefined;

  constructor(options: MaintenanceOptions) {
    this.#options = options;
    const { db, now, settings } = options;
    this.#startedAt = now();
    const state = new MaintenanceStateStore(db, (name) => options.log.warn('maintenance-state-invalid', { note: name }));
    this.staff = new StaffDirectory(db, now);
    this.control = new ServiceControl(state, now);
    this.overrides = new ScheduleOverrideStore(state, now);
    this.register = new CardRegister(db, now);
    this.availability = new ServiceAvailability({
      schedules: options.schedules,
      overrides: this.overrides,
      control: this.control,
      services: options.services,
      now,
    });
    this.#configuration = {
      entries: configurationEntries(options.diagnostics.configuration),
      hash: configurationHash(options.diagnostics.configuration),
    };
    this.records = new Records({
      audit: options.audit,
      now,
      exportFolder: options.exportFolder,
      printer: options.documentPrinter,
      keptCards: () => this.keptCardsAtClose(),
    });
    const probes = this.#probes();
    this.selfTests = new SelfTests({
      probes,
      limits: { clockToleranceMs: settings.clockToleranceSeconds * 1000, minFreeBytes: settings.minFreeDiskMegabytes * 1024 * 1024 },
      db,
      control: this.control,
      audit: options.audit,
      now,
      dailyAt: settings.selfTest.dailyAt,
      retryMs: settings.selfTest.retryMinutes * 60_000,
      onError: () => options.log.error('self-test-failed-to-run'),
    });
    const input = {
      serviceIds: options.services.map((service) => service.id),
      now,
      overrides: () => this.overrides.get(),
      releasable: (id: string) => this.register.get(id)?.status === 'open',
    };
    const machine = provideMaintenanceServices({
      input,
      staff: this.staff,
      control: this.control,
      overrides: this.overrides,
      selfTests: this.selfTests,
      audit: options.audit,
      records: this.records,
      port: options.port,
      card: options.card,
      cardService: options.cardService,
      register: this.register,
      cardInReader: () => options.port.snapshot().readers.some((reader) => reader.name === options.reader && reader.card === 'present'),
      courier: options.courier,
      exportLogs: () => this.#exportLogs(),
      gatherStatus: () => gatherStatus(this.#statusSources(probes)),
      screen: options.screen,
      stop: (kind) => options.stop(kind),
      endSessionNow: () => options.endSessionNow(),
      idleCloseMs: settings.idleCloseSeconds * 1000,
      onFault: (action) => options.log.warn('action-failed', { action }),
    });
    this.#actor = createActor(machine, { input });
    this.#actor.subscribe({ next: () => options.onChange(), error: () => options.log.error('maintenance-crashed') });
    // The reader test looks again whenever a card goes in or out.
    const onReader = (): void => this.#actor.send({ type: 'READER_CHANGED' });
    const onMechanics = (event: { type: string }): void => {
      if (event.type === 'card-taken') onReader();
    };
    options.port.on('event', onReader);
    options.mechanics.on('event', onMechanics);
    this.#unwatch = () => {
      options.port.off('event', onReader);
      options.mechanics.off('event', onMechanics);
    };
  }

  start(): void {
    this.#actor.start();
    this.selfTests.start();
  }

  stop(): void {
    this.selfTests.stop();
    this.#unwatch();
    this.#actor.stop();
  }

  /** The menu shows a page (also the refusal over a customer's session): the screen's input is the menu's. */
  get holdsScreen(): boolean {
    return maintenanceTagsOf(this.#actor.getSnapshot()).length > 0;
  }

  /** Waiting for the customer in front of the kiosk to finish before it opens. */
  get waiting(): boolean {
    return this.#actor.getSnapshot().matches('waiting');
  }

  /** The service key, caught on the trusted side (the shell's input handling, the demo's panel). */
  serviceKey(on: boolean, cardHeld: boolean): void {
    this.#actor.send(on ? { type: 'KEY_ON', cardHeld } : { type: 'KEY_OFF' });
  }

  /** The customer's session is back at the attract loop with no card: "after this customer" has come. */
  customerGone(): void {
    this.#actor.send({ type: 'CUSTOMER_GONE' });
  }

  send(event: MaintenanceMachineEvent): void {
    // Every input is a sign of life: it keeps the menu from closing for inactivity.
    if (event.type !== 'ACTIVITY') this.#actor.send({ type: 'ACTIVITY' });
    this.#actor.send(event);
  }

  /** The menu's page while it shows one (also the refusal over a customer's session). */
  view(): ViewModel | undefined {
    return maintenanceViewOf(this.#actor.getSnapshot(), this.#data(), this.#options.calendar);
  }

  /** In or out of service, and every reason why, for staff. */
  serviceState(): KioskServiceState {
    const snapshot = this.#options.port.snapshot();
    const attached = snapshot.serviceAvailable && snapshot.readers.some((reader) => reader.name === this.#options.reader);
    const causes: OutOfServiceCause[] = [
      ...this.control.causes(),
      ...(attached ? [] : [{ kind: 'no-reader' as const }]),
      ...(this.#options.gatewayUp() ? [] : [{ kind: 'gateway-down' as const }]),
    ];
    return { inService: causes.length === 0, causes };
  }

  #cardService(): CardServiceHealth {
    const service = this.#options.cardService;
    return service ? { kind: 'process', up: service.running, restarts: service.restarts } : { kind: 'in-process' };
  }

  /** The layers with a schedule form's change applied, for its preview; undefined without one. */
  #layersWith(draft: Draft | undefined): AvailabilityLayers | undefined {
    const layers = this.availability.layers();
    const change = draft ? commandOf(draft, this.#options.now()) : undefined;
    const { overrides } = layers;
    switch (change?.kind) {
      case 'add-stop':
        return {
          ...layers,
          overrides: { ...overrides, stops: [...overrides.stops, { id: 'stop-preview0', ...change, by: '0000', approvedBy: '0000' }] },
        };
      case 'set-holiday':
        return {
          ...layers,
          overrides: {
            ...overrides,
            holidays: [...overrides.holidays.filter((entry) => entry.date !== change.date), { ...change, by: '0000', approvedBy: '0000' }],
          },
        };
      case 'set-staffed-hours':
        return { ...layers, staffedHours: change.hours };
      default:
        return undefined;
    }
  }

  /** The systems of the services' retrieval chains, with their effective rules. */
  #schedules(): SystemScheduleView[] {
    const layers = this.availability.layers();
    const schedules = withPlannedStops(layers.schedules, layers.overrides);
    const isHoliday = holidayCalendar(layers.overrides);
    const now = this.#options.now();
    const systems = [...new Set<SystemId>(this.#options.services.flatMap((service) => retrievalChain(service)))];
    return systems.map((system) => ({
      system,
      rules: schedules[system].map((rule) => ({ ...rule })),
      runningNow: availabilityAt([system], schedules, now, isHoliday).available,
    }));
  }

  async #exportLogs(): Promise<LogBundleOutcome> {
    const { settings, diagnostics, now, log, journal } = this.#options;
    const outcome = await writeLogBundle(settings.logBundle, {
      now,
      version: diagnostics.version,
      configurationHash: this.#configuration.hash,
      logFiles: () => log.files(),
      journal: journal ?? systemdJournal(SERVICE_UNIT),
      selfTests: () => this.selfTests.recent(BUNDLED_SELF_TESTS),
    });
    this.#lastBundle = outcome;
    if (outcome.written) log.info('log-bundle-written');
    else log.warn('log-bundle-failed', { reason: outcome.reason });
    return outcome;
  }

  /** The outbox as staff see it: when, how often, why not yet; never what. */
  #outbox(): { entries: OutboxEntryView[]; alarmMinutes: number; overdue: boolean } {
    const { outbox, now, settings } = this.#options;
    const at = now();
    const entries = outbox.list().map((entry) => ({
      ...entry,
      ageMinutes: Math.max(0, Math.floor((at.getTime() - Date.parse(entry.createdAt)) / 60_000)),
    }));
    const alarmMinutes = settings.outboxAlarmMinutes;
    return { entries, alarmMinutes, overdue: outboxOverdue(entries[0]?.createdAt, at, alarmMinutes) };
  }

  #data(): MaintenanceData {
    return {
      now: this.#options.now,
      service: () => this.serviceState(),
      services: (change?: Draft): ServiceAvailabilityView[] => this.availability.views(this.#layersWith(change)),
      schedules: () => this.#schedules(),
      overrides: () => overridesView(this.overrides.get()),
      members: () => this.staff.members(),
      configuration: () => this.#configuration,
      lastSelfTest: () => this.selfTests.last(),
      cardService: () => this.#cardService(),
      cards: () => this.cards(),
      outbox: () => this.#outbox(),
      logs: () => ({ folder: this.#options.settings.logBundle?.folder, last: this.#lastBundle }),
      series: () => this.records.series(),
      dayClose: (date) => this.records.dayClose(date),
      lookup: (quoted) => this.records.lookup(quoted),
      folder: () => this.records.folder(),
      printer: this.records.hasPrinter,
    };
  }

  /** 取込カード管理簿 for the day close: what is still held, what is flagged, the retain unit reconciled. */
  keptCardsAtClose(): KeptCardsAtClose {
    const { records, reconciliation } = this.cards();
    const held = records.filter((card) => card.status === 'open' || card.status === 'flagged');
    return { open: held.length, flagged: held.filter((card) => card.status === 'flagged').length, reconciliation };
  }

  /** The register as staff see it: every record (flagged when unclaimed too long), the lock, the retain unit reconciled. */
  cards() {
    const now = this.#options.now();
    const days = this.#options.settings.unclaimedCardDays;
    const cards = this.register.all();
    return {
      records: cards.map((card) => keptCardView(card, now, days)),
      lock: this.control.cardLock,
      reconciliation: reconcile(this.register.unit(), cards),
      unclaimedDays: days,
    };
  }

  #gatewayCheck(): () => Promise<GatewayCheck> {
    const { gateway, diagnostics } = this.#options;
    return async () => {
      const tlsFiles = diagnostics.gateway.tls;
      const tls = tlsFiles ? await probeTls(diagnostics.gateway.url, tlsFiles, PROBE_TIMEOUT_MS) : undefined;
      const started = performance.now();
      const health = await gateway.health();
      const latencyMs = Math.round(performance.now() - started);
      return {
        tls,
        reachable: health.ok,
        healthy: health.ok && health.value.status === 'ok',
        latencyMs: health.ok ? latencyMs : undefined,
      };
    };
  }

  #probes(): SelfTestProbes {
    const { port, reader, settings, dataDir, db, diagnostics } = this.#options;
    const { timeSource } = settings;
    // The database key is a file, or sealed by the OS keystore (the shell): whichever is there must be the kiosk's alone.
    const sealed = join(dataDir, 'database.key.sealed');
    return {
      readerPresent: () => readerPresent(port, reader, READER_WAIT_MS),
      gateway: this.#gatewayCheck(),
      clockOffset: () => (timeSource ? ntpOffset(timeSource.host, timeSource.port, PROBE_TIMEOUT_MS) : undefined),
      disk: () => diskSpace(dataDir),
      database: (full) => databaseHealth(db, full),
      auditChain: () => this.#options.audit.verify(),
      keyFiles: () =>
        keyFileProblems([
          { path: dataDir, maxMode: 0o700 },
          { path: existsSync(sealed) ? sealed : join(dataDir, 'database.key'), maxMode: 0o600 },
          ...diagnostics.keyFiles,
        ]),
    };
  }

  #statusSources(probes: SelfTestProbes) {
    const { now, diagnostics, port, reader, settings, outbox } = this.#options;
    const { timeSource } = settings;
    return {
      now,
      startedAt: this.#startedAt,
      version: diagnostics.version,
      configurationHash: this.#configuration.hash,
      reader,
      readerSnapshot: () => port.snapshot(),
      cardService: () => this.#cardService(),
      service: () => this.serviceState(),
      gateway: () => probes.gateway(),
      clientCertificateExpiresAt: diagnostics.gateway.tls ? certificateExpiry(diagnostics.gateway.tls.cert) : undefined,
      clock: timeSource && {
        source: `${timeSource.host}:${String(timeSource.port)}`,
        measure: () => ntpOffset(timeSource.host, timeSource.port, PROBE_TIMEOUT_MS),
      },
      disk: () => probes.disk(),
      database: () => probes.database(false),
      pending: () => outbox.pending(),
      outboxAlarmMinutes: settings.outboxAlarmMinutes,
      services: () => this.availability.views(),
    };
  }
}
