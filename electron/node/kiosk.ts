// The kiosk core assembled: card service, card mechanics, gateway client, database, courier,
// the retrieval deleter, the schedule source, the session machine and the operator maintenance
// menu, running under plain Node. Hosts (the Electron shell, the browser host, tests) get a view
// model to render, a validated way to send the screen's input, and the service key.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { createActor, type Actor } from 'xstate';
import { isMaintenanceEvent } from '../common/maintenance/maintenance-events.ts';
import { UiEventSchema } from '../common/ui-events.ts';
import type { CounterView, ViewModel } from '../common/view-model.ts';
import { ok, type Result } from '../common/result.ts';
import type { CardMechanics } from '../../native/reader/card-mechanics.ts';
import type { ReaderPort } from '../../native/reader/reader-port.ts';
import { CardAccess } from './card/card-access.ts';
import { maintenanceSettings, type KioskSettings } from './config/kiosk-config.ts';
import { CARD_DEFAULTS, cardDelays } from './config/card-settings.ts';
import { withEvidence } from './consent/consent-evidence.ts';
import type { GatewayClient } from './gateway/gateway-client.ts';
import { GUIDELINE_SCHEDULES } from './hours/schedule-rules.ts';
import { toTokyo, tokyoDateKey } from './hours/tokyo-time.ts';
import { ScheduleSource } from './hours/schedule-source.ts';
import { counterStaffedAt } from './hours/staffed-hours.ts';
import { CardKeeping } from './maintenance/card-keeping.ts';
import { Maintenance, type KioskDiagnostics, type MaintenanceOptions } from './maintenance/maintenance.ts';
import type { CardServiceControl } from './maintenance/maintenance-services.ts';
import { DEMO_SERVICES, ServiceCatalogSchema, type Service } from './services/service-catalog.ts';
import { provideSessionServices, type SessionServices } from './session/session-services.ts';
import { STANDARD_KEYPAD, viewOf } from './session/session-view.ts';
import { KioskLog } from './logging/kiosk-log.ts';
import type { AuditEntry } from './storage/audit-events.ts';
import { exportAuditTrail, type AuditManifest, type DateRange } from './storage/audit-export.ts';
import { AuditRetention, DEFAULT_AUDIT_RETENTION_DAYS } from './storage/audit-retention.ts';
import { AuditTrail } from './storage/audit-trail.ts';
import { dayClose, sessionSeries, type DayCloseReport } from './storage/day-close.ts';
import type { OutcomeDay } from './storage/day-counters.ts';
import { receiptTimeline, type ReceiptTimeline } from './storage/trace-receipt.ts';
import { loadOrCreateKey } from './storage/key-file.ts';
import { DeletionQueue } from './storage/deletion-queue.ts';
import { openKioskDatabase, type KioskDatabase } from './storage/kiosk-database.ts';
import { ensurePrivateFile, ensurePrivateFolder } from './storage/private-files.ts';
import { SubmissionOutbox } from './storage/submission-outbox.ts';
import { RetrievalDeleter } from './submission/retrieval-deleter.ts';
import { SubmissionCourier } from './submission/submission-courier.ts';
import { CupsReceiptPrinter } from './printing/cups-printer.ts';
import { dayClosePdf } from './printing/day-close-pdf.ts';
import type { DocumentPrinter, ReceiptPrinter } from './printing/receipt-printer.ts';

/** The card reader the kiosk works with, as the composition root made it. */
export interface Devices {
  readonly port: ReaderPort;
  readonly mechanics: CardMechanics;
  /** The reader's name on the port. */
  readonly reader: string;
  /** What kind of reader it is, for the log. */
  readonly kind: string;
  /**
   * How the card goes in: a motorised reader draws it in and holds it until it is given back;
   * a desk reader's card stays in the customer's reach (they are asked to leave it in).
   */
  readonly cardIntake: 'motorised' | 'desk';
  /** The card service process, where the reader runs in one (PC/SC): its health, and a restart for staff. */
  readonly cardService?: CardServiceControl;
}

/** What the host does once the kiosk has stopped safely at staff's request. */
export interface KioskPower {
  /** Start the kiosk again (the packaged app exits and systemd starts it). */
  restart(): void;
  /** Power the terminal off. */
  shutDown(): void;
}

/** Knobs for tests and the demo; a branch runs on the defaults. */
export interface KioskTuning {
  readonly now?: () => Date;
  readonly healthIntervalMs?: number;
  readonly courierIntervalMs?: number;
  /** How often retrievals whose deletion the gateway has not confirmed are asked for again. */
  readonly deletionIntervalMs?: number;
  /** How often the gateway's published schedule is fetched. */
  readonly scheduleIntervalMs?: number;
  /** How often the screen is projected again as time passes (opening hours begin and end); 30 s by default. */
  readonly clockIntervalMs?: number;
  /** How often the audit trail is trimmed to its retention (besides at start-up); daily by default. */
  readonly auditTrimIntervalMs?: number;
  readonly delays?: SessionServices['delays'];
}

/** Everything the kiosk core runs on, decided by a composition root (compose-kiosk.ts, or the devkit's). */
export interface KioskSetup {
  readonly settings: KioskSettings;
  readonly gateway: GatewayClient;
  /** Made once the log exists: a card service reports into it. */
  readonly devices: (log: KioskLog) => Devices;
  /** The database key; by default a key file in the data folder. */
  readonly databaseKey?: Uint8Array;
  /** Also write each log line here (the shell sends it to the journal). */
  readonly logEcho?: (line: string) => void;
  readonly tuning?: KioskTuning;
  /** What the maintenance menu shows and checks of this kiosk: its gateway, key files, configuration, version. */
  readonly diagnostics: KioskDiagnostics;
  readonly power?: KioskPower;
  /** The receipt printer; by default the configured one (config `printer`), or none. */
  readonly printer?: (log: KioskLog) => ReceiptPrinter | undefined;
}

/** How the screen presents things, as the branch configured (config `display`). */
export type DisplayOptions = KioskSettings['display'];

/** A uniformly shuffled keypad (Fisher–Yates with crypto randomness), for sighted customers' privacy. */
function shuffledKeypad(): number[] {
  const keys = [...STANDARD_KEYPAD];
  for (let i = keys.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [keys[i], keys[j]] = [keys[j] ?? 0, keys[i] ?? 0];
  }
  return keys;
}

/**
 * What needs staff at the reader (a jammed card, a full retain unit, the device gone) goes
 * into the audit trail and the log, with the retain unit's count where the reader gives it.
 * What the customer is told, and where the card goes, is the session's path; this is the
 * reason behind it, for staff.
 */
function recordReaderFaults(mechanics: CardMechanics, audit: AuditTrail, log: KioskLog): void {
  mechanics.on('event', (event) => {
    if (event.type === 'card-retained' && event.binCount !== undefined) log.info('retain-bin', { count: event.binCount });
    if (event.type !== 'fault') return;
    const count = event.binCount === undefined ? {} : { count: event.binCount };
    log.warn('reader-fault', { reason: event.fault, ...count });
    try {
      audit.record({ event: 'reader-fault', fault: event.fault, ...(event.binCount === undefined ? {} : { binCount: event.binCount }) });
    } catch {
      log.error('audit-failed', { action: 'reader-fault' });
    }
  });
}

/**
 * The configured reader going away and coming back (pcscd or the card service down, the
 * reader unplugged), once it has been there: into the audit trail and the log. What the
 * customer was told is the session's own record.
 */
function recordReaderAvailability(port: ReaderPort, reader: string, audit: AuditTrail, log: KioskLog): void {
  let seen = false;
  let available = false;
  let serviceDown = false;
  const record = (entry: AuditEntry): void => {
    try {
      audit.record(entry);
    } catch {
      log.error('audit-failed', { action: entry.event });
    }
  };
  port.on('event', (event) => {
    if (event.type !== 'service' && event.type !== 'reader-attached' && event.type !== 'reader-detached') return;
    const { serviceAvailable, readers } = port.snapshot();
    if (!serviceAvailable) serviceDown = true;
    const now = serviceAvailable && readers.some((known) => known.name === reader);
    if (now === available) return;
    available = now;
    // Found at start-up is not news.
    if (!seen) {
      seen = now;
      serviceDown = false;
      return;
    }
    if (!now) {
      log.warn('reader-unavailable');
      record({ event: 'reader-unavailable' });
      return;
    }
    const cause = serviceDown ? 'service' : 'detached';
    serviceDown = false;
    log.info('reader-available', { reason: cause });
    record({ event: 'reader-available', cause });
  });
}

type SessionMachine = ReturnType<typeof provideSessionServices>;
type SessionActor = Actor<SessionMachine>;

export type SendResult = Result<undefined, 'invalid-event'>;

interface KioskParts {
  readonly services: readonly Service[];
  readonly audit: AuditTrail;
  readonly outbox: SubmissionOutbox;
  readonly log: KioskLog;
  /** A session machine whose watchers end with `ended`, however the session ends, asking `availability` whether a service is offered. */
  readonly session: (ended: AbortSignal, availability: Maintenance['availability']) => SessionMachine;
  readonly card: CardAccess;
  readonly port: ReaderPort;
  readonly db: KioskDatabase;
  readonly courier: SubmissionCourier;
  readonly deleter: RetrievalDeleter;
  readonly schedule: ScheduleSource;
  readonly retention: AuditRetention;
  readonly display: DisplayOptions;
  readonly now: () => Date;
  readonly clockIntervalMs: number;
  readonly idleCountdownSeconds: number;
  /** How often the gateway's health is checked (by the session, or by the kiosk while the menu is open). */
  readonly healthIntervalMs: number;
  readonly gateway: GatewayClient;
  /** The maintenance menu, but for what ties it to this kiosk instance. */
  readonly maintenance: Omit<MaintenanceOptions, 'screen' | 'stop' | 'endSessionNow' | 'gatewayUp' | 'onChange'>;
  readonly power: KioskPower | undefined;
  /** Whether staff are at the counter now. */
  readonly counter: () => CounterView;
  readonly readerHoldsCard: boolean;
  readonly printer: boolean;
  /** Wrong cards a session takes before it ends (config card.wrongCardTries). */
  readonly wrongCardTries: number;
  /** What the bank offers a customer whose PIN is blocked instead (config pinBlockedAlternative). */
  readonly pinBlockedAlternative: KioskSettings['pinBlockedAlternative'];
}

export class Kiosk {
  readonly services: readonly Service[];
  readonly audit: AuditTrail;
  readonly outbox: SubmissionOutbox;
  /** Retrievals to delete at the gateway until it confirms. */
  readonly deleter: RetrievalDeleter;
  /** The schedule availability is decided by: the gateway's published one, once fetched. */
  readonly schedule: ScheduleSource;
  /** The operational log (rotated JSON lines in <dataDir>/logs; redacted by construction). */
  readonly log: KioskLog;
  readonly #parts: KioskParts;
  readonly #unsubscribeSchedule: () => void;
  readonly #clock: ReturnType<typeof setInterval>;
  readonly #listeners = new Set<(view: ViewModel) => void>();
  /** The operator maintenance menu: while it holds the screen, no customer session runs. */
  readonly #maintenance: Maintenance;
  /** Cards kept or left behind into the register; a desk reader locked until staff see to one. */
  readonly #keeping: CardKeeping;
  #actor: SessionActor;
  /** The menu holds the screen: the session actor is stopped until it closes. */
  #suspended = false;
  /** The gateway's health as the last session saw it, for the next one to start from. */
  #gatewayUp = false;
  /** The headset jack, which outlives sessions (Kiosk.headset). */
  #headsetPlugged = false;
  /** While no session runs (the menu is open), the kiosk watches the gateway itself. */
  #healthWatch: NodeJS.Timeout | undefined;
  #sessionEnded = new AbortController();
  #keypad: readonly number[] = STANDARD_KEYPAD;
  #onPin = false;
  #current: ViewModel;
  #stopped = false;

  private constructor(parts: KioskParts) {
    this.#parts = parts;
    this.services = parts.services;
    this.audit = parts.audit;
    this.outbox = parts.outbox;
    this.deleter = parts.deleter;
    this.schedule = parts.schedule;
    this.log = parts.log;
    this.#maintenance = new Maintenance({
      ...parts.maintenance,
      screen: { take: () => this.#suspendSession(), release: () => this.#resumeSession() },
      stop: (kind) => this.#stopFor(kind),
      endSessionNow: () => this.#endSessionNow(),
      gatewayUp: () => this.#gatewayUp,
      onChange: () => this.#emit(),
    });
    this.#keeping = new CardKeeping({
      register: this.#maintenance.register,
      control: this.#maintenance.control,
      audit: parts.audit,
      mechanics: parts.maintenance.mechanics,
      log: parts.log,
    });
    this.#maintenance.control.onChange(() => {
      if (!this.#suspended) this.#actor.send({ type: 'OPERATOR', enabled: this.#maintenance.control.inService });
      this.#emit();
    });
    this.#actor = this.#startSession();
    this.#current = this.#viewNow();
    // A new schedule changes what the service choice shows, without waiting for a touch.
    this.#unsubscribeSchedule = parts.schedule.onChange(() => this.#emit());
    // Nor for the clock: the attract loop says the kiosk is open again once it is (listeners
    // hear only of a view that changed).
    this.#clock = setInterval(() => {
      if (JSON.stringify(this.#viewNow()) !== JSON.stringify(this.#current)) this.#emit();
    }, parts.clockIntervalMs);
    this.#maintenance.start();
  }

  /** The maintenance menu's parts staff act on (staff, service control, schedule overrides, self-tests). */
  get maintenance(): Pick<Maintenance, 'staff' | 'control' | 'overrides' | 'availability' | 'selfTests' | 'register'> {
    return this.#maintenance;
  }

  /**
   * Starts the session actor under supervision: should it ever fail, the PIN is wiped, the
   * gateway told to delete the retrieval, the card given back and a fresh session takes
   * over, so the kiosk never hangs on a dead one.
   */
  #startSession(): SessionActor {
    this.#sessionEnded = new AbortController();
    this.#keeping.sessionStarted();
    const actor = createActor(this.#parts.session(this.#sessionEnded.signal, this.#maintenance.availability), {
      input: {
        serviceIds: this.services.map((service) => service.id),
        printer: this.#parts.printer,
        wrongCardTries: this.#parts.wrongCardTries,
      },
    });
    actor.subscribe({
      next: (snapshot) => {
        this.#gatewayUp = snapshot.context.gatewayUp;
        this.#keeping.observe(snapshot);
        // "After this customer": back at the attract loop with no card, the menu opens before anyone else starts.
        if (this.#maintenance.waiting && (snapshot.matches('attract') || snapshot.matches('outOfService'))) {
          queueMicrotask(() => this.#maintenance.customerGone());
        }
        this.#emit(snapshot);
      },
      error: () => void this.#recover(actor),
    });
    actor.start();
    // What outlives a session: staff's (or a fault's) decision, and the gateway's last known health.
    actor.send({ type: 'OPERATOR', enabled: this.#maintenance.control.inService });
    if (this.#gatewayUp) actor.send({ type: 'GATEWAY', up: true });
    // A headset left in the jack while the menu was open (or a session was replaced) still serves the next customer.
    if (this.#headsetPlugged) actor.send({ type: 'HEADSET', plugged: true });
    return actor;
  }

  /** The view now: the menu's page while it shows one, else the customer's screen. */
  #viewNow(snapshot: ReturnType<SessionActor['getSnapshot']> = this.#actor.getSnapshot()): ViewModel {
    return this.#maintenance.view() ?? this.#project(snapshot);
  }

  /** `snapshot`: the session's, while it reports one (its actor may not be this.#actor yet). */
  #emit(snapshot?: ReturnType<SessionActor['getSnapshot']>): void {
    this.#current = this.#viewNow(snapshot);
    for (const listener of this.#listeners) listener(this.#current);
  }

  /** The menu takes the screen: a customer's session without a card is ended safely, then none runs. */
  #suspendSession(): void {
    if (this.#suspended) return;
    this.#endSessionNow();
    this.#actor.getSnapshot().context.pin.clear();
    this.#sessionEnded.abort();
    this.#actor.stop();
    this.#suspended = true;
    const check = (): void => {
      void this.#parts.gateway.health().then((health) => {
        if (!this.#suspended) return;
        this.#gatewayUp = health.ok && health.value.status === 'ok';
        this.#emit();
      });
    };
    check();
    this.#healthWatch = setInterval(check, this.#parts.healthIntervalMs);
  }

  /** The menu has closed: a fresh session, at the attract loop. */
  #resumeSession(): void {
    clearInterval(this.#healthWatch);
    if (!this.#suspended || this.#stopped) return;
    this.#suspended = false;
    this.#actor = this.#startSession();
    this.#emit();
  }

  /** Ends a customer's session safely now (card back, data wiped, retrieval discarded); after consent it carries on. */
  #endSessionNow(): void {
    if (!this.#suspended && this.#actor.getSnapshot().hasTag('cancellable')) this.#actor.send({ type: 'CANCEL' });
  }

  /**
   * A customer's card is in the kiosk's hands: taken in for this session (until the session is
   * back at the attract loop), in the reader, or on its way out.
   */
  #cardHeld(): boolean {
    if (this.#suspended) return false;
    const snapshot = this.#actor.getSnapshot();
    return snapshot.context.cardAccepted || snapshot.context.cardPresent || snapshot.hasTag('card-out');
  }

  /** Staff asked for a restart or a shutdown: the session ends safely, the outbox is flushed, everything closed. */
  async #stopFor(kind: 'restart-kiosk' | 'shut-down'): Promise<void> {
    this.log.info('kiosk-stopping', { reason: kind });
    await this.#parts.courier.flush();
    await this.stop();
    if (kind === 'shut-down') this.#parts.power?.shutDown();
    else this.#parts.power?.restart();
  }

  async #recover(failed: SessionActor): Promise<void> {
    if (this.#stopped || failed !== this.#actor) return;
    const snapshot = failed.getSnapshot();
    const { context } = snapshot;
    context.pin.clear();
    this.#sessionEnded.abort();
    // The dead session can no longer end its retrieval, so it is deleted here as on every
    // exit before 確認 (queued durably until the gateway confirms). Once consent was given
    // it is not: the submission may wait in the outbox and is re-sent against it.
    // (Every end before consent deleted it on the way: those states are tagged settled too.)
    if (context.retrievalId && !snapshot.hasTag('retrieval-settled')) this.#parts.deleter.request(context.retrievalId);
    try {
      this.log.error('session-crashed');
      this.audit.record({ event: 'session-crashed' });
    } catch {
      // the database may be why it failed: recovery goes on without the record
    }
    await this.#parts.card.eject().catch(() => undefined);
    this.#actor = this.#startSession();
  }

  /** The view of the current snapshot; a new keypad layout each time the PIN screen opens. */
  #project(snapshot: ReturnType<SessionActor['getSnapshot']>): ViewModel {
    const onPin = snapshot.hasTag('screen:pin');
    // Never shuffled for an assisted customer, who finds the keys by touch and by the voice.
    const assisted = snapshot.context.access.assisted;
    if (onPin && !this.#onPin) this.#keypad = this.#parts.display.shuffleKeypad && !assisted ? shuffledKeypad() : STANDARD_KEYPAD;
    if (assisted) this.#keypad = STANDARD_KEYPAD;
    this.#onPin = onPin;
    const view = viewOf(snapshot, this.services, {
      calendar: this.#parts.display.calendar,
      keypad: this.#keypad,
      idleCountdownSeconds: this.#parts.idleCountdownSeconds,
      physicalKeypad: this.#parts.display.physicalKeypad,
      availability: (serviceId) => this.#maintenance.availability.of(serviceId),
      counter: this.#parts.counter,
      readerHoldsCard: this.#parts.readerHoldsCard,
      pinBlockedAlternative: this.#parts.pinBlockedAlternative,
    });
    // Whether the terminal has a number pad of its own is the terminal's, not the session's.
    if (view.screen === 'pin') return { ...view, physicalKeypad: this.#parts.display.physicalKeypad };
    // Out of service by staff's decision or a fault: what the customer reads is staff's choice.
    const notice = this.#maintenance.control.notice;
    return view.screen === 'out-of-service' && view.reason === 'operator' && notice ? { ...view, notice } : view;
  }

  static async start(setup: KioskSetup): Promise<Kiosk> {
    const { settings, tuning = {}, diagnostics } = setup;
    const now = tuning.now ?? (() => new Date());
    // Services come from configuration: refused at start-up when they do not make sense.
    const services = ServiceCatalogSchema.parse(settings.services ?? DEMO_SERVICES);
    // The configuration corrects the guideline's tables (§2.5), system by system: in force only
    // until the gateway's published schedule has been fetched once.
    const builtInSchedules = { ...GUIDELINE_SCHEDULES, ...settings.schedules };
    // Only the kiosk's user may read its data: a folder or file left looser is tightened (and
    // logged below), one the kiosk cannot own stops the start.
    const tightened = [
      ...ensurePrivateFolder(settings.dataDir),
      ...ensurePrivateFolder(join(settings.dataDir, 'logs')),
      // SQLite gives the -wal and -shm files the database file's mode when it creates them.
      ...['kiosk.sqlite', 'kiosk.sqlite-wal', 'kiosk.sqlite-shm'].flatMap((name) =>
        ensurePrivateFile(join(settings.dataDir, name), name === 'kiosk.sqlite'),
      ),
    ];
    const db = openKioskDatabase(join(settings.dataDir, 'kiosk.sqlite'));
    const key = setup.databaseKey ?? loadOrCreateKey(join(settings.dataDir, 'database.key'));
    const audit = new AuditTrail(db, key, now);
    const log = new KioskLog({ directory: join(settings.dataDir, 'logs'), now, ...(setup.logEcho ? { echo: setup.logEcho } : {}) });
    const outbox = new SubmissionOutbox(db, key, now);
    const retention = new AuditRetention({
      audit,
      retentionDays: settings.audit?.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
      onBroken: (verdict) => log.error('audit-chain-broken', { reason: verdict.problem }),
      onFault: (what) => log.warn('action-failed', { action: what }),
    });
    const { gateway } = setup;
    const courier = new SubmissionCourier({ outbox, gateway, audit, now });
    const deleter = new RetrievalDeleter({
      queue: new DeletionQueue(db, now),
      gateway,
      audit,
      onFault: (what) => log.warn('action-failed', { action: what }),
    });
    const schedule = new ScheduleSource({ db, builtIn: builtInSchedules, fetch: () => gateway.schedule() });
    const devices = setup.devices(log);
    const { port, mechanics, reader } = devices;
    recordReaderFaults(mechanics, audit, log);
    recordReaderAvailability(port, reader, audit, log);
    const card = new CardAccess({ port, mechanics, reader, now });
    const healthIntervalMs = tuning.healthIntervalMs ?? 30_000;
    const { branch } = settings;
    // Without the branch's hours the counter is taken to be staffed, as before they could be configured.
    const counter = (): CounterView =>
      !branch || counterStaffedAt(branch, now()) ? { staffed: true } : { staffed: false, phone: branch.phone };
    const configured = settings.printer;
    const printer = setup.printer
      ? setup.printer(log)
      : configured && new CupsReceiptPrinter({ queue: configured.queue, font: configured.font, log });
    const session = (ended: AbortSignal, availability: Maintenance['availability']): SessionMachine =>
      provideSessionServices({
        services,
        availability: (serviceId) => availability.of(serviceId),
        now,
        port,
        reader,
        mechanics,
        card,
        gateway,
        courier,
        deleter,
        audit,
        healthIntervalMs,
        printer,
        // The configured card return, unless a test tunes it.
        delays: { ...cardDelays(settings.card), ...tuning.delays },
        onFault: (action) => log.warn('action-failed', { action }),
        ended,
      });
    retention.run();
    retention.start(tuning.auditTrimIntervalMs);
    audit.record({ event: 'kiosk-started', pending: outbox.size, deletions: deleter.pending });
    log.info('kiosk-started', { pending: outbox.size, reader: devices.kind });
    if (tightened.length > 0) log.warn('data-permissions-tightened', { count: tightened.length });
    // Whatever a crash left between consent and acknowledgement goes out first.
    await courier.flush();
    courier.start(tuning.courierIntervalMs);
    // Deletions the gateway did not confirm before the kiosk stopped are asked for again.
    void deleter.flush();
    deleter.start(tuning.deletionIntervalMs);
    // Not waited for: until it arrives, the schedule fetched last (or the built-in one) is in force.
    void schedule.refresh();
    schedule.start(tuning.scheduleIntervalMs);
    return new Kiosk({
      services,
      audit,
      outbox,
      log,
      session,
      card,
      port,
      db,
      courier,
      deleter,
      schedule,
      retention,
      display: settings.display,
      pinBlockedAlternative: settings.pinBlockedAlternative,
      now,
      clockIntervalMs: tuning.clockIntervalMs ?? 30_000,
      idleCountdownSeconds: Math.round((tuning.delays?.idleCountdown ?? 20_000) / 1000),
      healthIntervalMs,
      maintenance: {
        settings: maintenanceSettings(settings),
        diagnostics,
        db,
        audit,
        log,
        outbox,
        courier,
        now,
        dataDir: settings.dataDir,
        services,
        schedules: schedule,
        gateway,
        port,
        mechanics,
        reader,
        card,
        cardService: devices.cardService,
        calendar: settings.display.calendar,
        exportFolder: settings.records?.exportFolder,
        // Staff documents go to the receipt printer's queue (an injected printer may take them too).
        documentPrinter: printer && 'printDocument' in printer ? (printer as ReceiptPrinter & DocumentPrinter) : undefined,
      },
      power: setup.power,
      gateway,
      counter,
      readerHoldsCard: devices.cardIntake === 'motorised',
      printer: printer !== undefined,
      wrongCardTries: settings.card?.wrongCardTries ?? CARD_DEFAULTS.wrongCardTries,
    });
  }

  view(): ViewModel {
    return this.#current;
  }

  /** Every change of screen (and of what is on it); survives a session restart after a failure. */
  subscribe(listener: (view: ViewModel) => void): () => void {
    let last = '';
    const deduplicated = (view: ViewModel): void => {
      const serialised = JSON.stringify(view);
      if (serialised === last) return;
      last = serialised;
      listener(view);
    };
    this.#listeners.add(deduplicated);
    return () => this.#listeners.delete(deduplicated);
  }

  /**
   * Input from the touchscreen: validated here. The menu's events go to the menu, which takes
   * them only while the service key holds it open; while it holds the screen, nothing reaches
   * a customer's session. The session ignores what does not fit its state.
   */
  send(raw: unknown): SendResult {
    const parsed = UiEventSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: 'invalid-event' };
    // 同意して進む and 確認 carry their evidence: when, and the statement on screen then; 取消
    // the screen it was pressed on, which the day's counters count it by.
    const shown = this.#current.screen;
    const event =
      parsed.data.type === 'CANCEL'
        ? { ...parsed.data, ...(shown === 'maintenance' ? {} : { screen: shown }) }
        : withEvidence(parsed.data, this.#current, this.#parts.now());
    if (!event) return { ok: true, value: undefined };
    if (isMaintenanceEvent(event)) this.#maintenance.send(event);
    else if (this.#maintenance.holdsScreen) {
      if (event.type === 'ACTIVITY') this.#maintenance.send(event);
    } else this.#actor.send(event);
    return { ok: true, value: undefined };
  }

  /**
   * The service key switch, turned on or back: caught on the trusted side (the shell's input
   * handling, the demo's card-reader page), never a screen event.
   */
  serviceKey(on: boolean): void {
    this.#maintenance.serviceKey(on, this.#cardHeld());
  }

  /** The key codes the service key switch types (config maintenance.serviceKey), for the shell to catch. */
  get serviceKeyCodes(): { readonly on: string; readonly off?: string | undefined } {
    return this.#parts.maintenance.settings.serviceKey;
  }

  /**
   * The host lost the screen (the renderer crashed or hung, the browser host's screen went
   * away): recorded, and the session ends safely (card back, data wiped) wherever the customer
   * could still stop; once consent is given, submission and card return carry on. (While the
   * menu holds the screen no session runs; the menu closes itself when left idle.)
   */
  screenLost(): void {
    if (!this.#suspended) this.#actor.send({ type: 'SCREEN_LOST' });
  }

  /**
   * The headset jack: plugged in, the session goes assisted and the voice to the headset.
   * (The shell has no jack sensor yet: the demo panel simulates it; see README.)
   */
  headset(plugged: boolean): void {
    this.#headsetPlugged = plugged;
    if (!this.#suspended) this.#actor.send({ type: 'HEADSET', plugged });
  }

  /**
   * The shell's verdict on its screen: false after a crash loop (out of service now, a session
   * ended safely, until the kiosk is restarted).
   */
  setInService(enabled: boolean): void {
    if (enabled) return;
    this.#maintenance.control.screenFault();
    this.#endSessionNow();
  }

  /**
   * Exports the audit trail's entries of a range of Japan dates (from and to included) into
   * `folder` as CSV and JSON with a manifest of their hashes, and records the export. For the
   * operator menu, which asks for dual control first; the command line's counterpart is
   * `npm run audit -- export`. `audit.verify()` checks the chain.
   */
  exportAudit(range: DateRange, folder: string): Result<{ manifest: AuditManifest; paths: string[] }, string> {
    return exportAuditTrail(this.audit, range, folder, this.#parts.now());
  }

  /**
   * The day-close report (日計表) of a Japan date ("2026-11-24"; today by default): the day's
   * counters in total and by service, the business year's user count and whether the trail they
   * come from is intact. Counts and service ids only. For the operator menu; the command line's
   * counterpart is `npm run audit -- day-close`.
   */
  dayClose(date = tokyoDateKey(toTokyo(this.#parts.now()))): Result<DayCloseReport, string> {
    const report = dayClose(this.audit, date, this.#parts.now());
    // The retain unit is reconciled against the register's records at the close.
    return report.ok ? ok({ ...report.value, keptCards: this.#maintenance.keptCardsAtClose() }) : report;
  }

  /** The day-close report as an A4 PDF, to print or save. */
  async dayClosePdf(date?: string): Promise<Result<Buffer, string>> {
    const report = this.dayClose(date);
    return report.ok ? ok(await dayClosePdf(report.value)) : report;
  }

  /**
   * The customer sessions started on each of the 14 Japan dates ending with `last` (today by
   * default), by outcome, oldest first: the data of the menu's chart.
   */
  sessionSeries(last = tokyoDateKey(toTokyo(this.#parts.now())), days = 14): Result<OutcomeDay[], string> {
    return sessionSeries(this.audit, last, days);
  }

  /**
   * Receipt lookup: the session a 受付番号 (or the kiosk's reference for a submission that was
   * still being sent) names, found anywhere in the trail, with its timeline: when, what, and
   * ids, reasons and counts, nothing personal. Undefined when the trail names neither.
   */
  lookupReceipt(quoted: string): ReceiptTimeline | undefined {
    const normalised = quoted.trim();
    return receiptTimeline(this.audit.recordsOfReceipt(normalised), normalised);
  }

  /** The machine's state, for tests and diagnostics (never for the renderer). */
  get state(): unknown {
    return this.#actor.getSnapshot().value;
  }

  /** Shutting down: wipe the PIN, give back a card that is in, then close everything. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#healthWatch);
    this.#maintenance.stop();
    this.#keeping.stop();
    this.#parts.courier.stop();
    this.#parts.deleter.stop();
    this.#parts.schedule.stop();
    this.#parts.retention.stop();
    this.#unsubscribeSchedule();
    clearInterval(this.#clock);
    this.#actor.getSnapshot().context.pin.clear();
    this.#actor.stop();
    await this.#parts.card.eject().catch(() => undefined);
    await this.#parts.port.close();
    this.#parts.db.close();
    this.log.flush();
  }
}
