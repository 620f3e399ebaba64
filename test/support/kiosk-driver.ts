// The one driver for "run a kiosk and walk a session" under plain Node: the real kiosk core
// composed by the devkit (simulated reader with emulated cards — in-process, behind the
// product's card service client as a PC/SC desk reader is, or the XFS4IoT card reader simulator
// reached over its WebSocket service, its chip through chip I/O or on vpcd read through the
// card service and pcscd — the reference gateway over loopback), a running clock that starts
// on an ordinary Tuesday afternoon in Japan (no test
// depends on today's operating hours), and the customer's steps as methods. Used by the kiosk
// tests, the recovery tests and the crash tests' kiosk process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemKey } from '../../electron/common/item-key.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { startDemoKioskRuntime, type DemoTuning, type SimulatedDevices } from '../../electron/devkit/compose-demo-kiosk.ts';
import type { DemoConfig } from '../../electron/devkit/demo-config.ts';
import type { ReferenceGateway } from '../../electron/devkit/reference-gateway/reference-gateway.ts';
import { createTestGateway, type TestGatewayOptions } from '../../electron/devkit/reference-gateway/test-gateway.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import type { HostServices } from '../../electron/node/compose-kiosk.ts';
import type { Kiosk } from '../../electron/node/kiosk.ts';
import type { CardProfileName } from '../../native/devkit/emulator/card-profiles.ts';
import { SimulatedReaderPort } from '../../native/devkit/emulator/simulated-reader-port.ts';
import { createEmulatedCard, type EmulatedCardOptions } from '../../native/devkit/emulator/emulated-card.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';
import { SimulatedReader } from '../../native/devkit/emulator/simulated-reader.ts';
import type { VirtualCard } from '../../native/devkit/emulator/virtual-card.ts';
import type { DeviceTimings } from '../../native/devkit/xfs4iot-sim/simulated-device.ts';
import type { SimulatorServer } from '../../native/devkit/xfs4iot-sim/simulator-server.ts';
import { FakeServiceProcess } from './fake-service-process.ts';
import { until } from './until.ts';

/** A clock that starts on an ordinary Tuesday afternoon in Japan, runs, and can be moved forward. */
export function tuesdayAfternoon(): { now: () => Date; advance: (ms: number) => void } {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  let offset = 0;
  return { now: () => new Date(base + offset + (Date.now() - started)), advance: (ms) => (offset += ms) };
}

/** The XFS4IoT simulator's moves at a test's pace: each step still takes a little time. */
const BRISK_DEVICE: DeviceTimings = { drawInMs: 20, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 20, moveStorageMs: 20 };

export interface TestKioskOptions extends DemoTuning {
  /**
   * simulated (default): the in-process demo reader; xfs4iot: the XFS4IoT card reader simulator;
   * card-service: a desk reader as the product composes a PC/SC one (the card service client,
   * supervising a card service process, and the presence guard), the process in memory and
   * serving the simulated reader instead of pcscd.
   */
  readonly reader?: 'simulated' | 'xfs4iot' | 'card-service';
  /** The simulated reader's mechanics (for reader "simulated"). */
  readonly mechanics?: 'motorised' | 'desk';
  /**
   * For reader "xfs4iot": the simulator without a chip module, its contacts on vpcd's reader
   * `name` (port `vpcdPort`), which the kiosk reads through its card service (needs pcscd).
   */
  readonly chip?: { readonly name: string; readonly vpcdPort: number };
  /** How the kiosk's card service process is started (a test may keep it to kill it). */
  readonly spawnCardService?: HostServices['spawnCardService'];
  /** The data folder to start in (left as it is afterwards); by default a fresh one, removed by stop(). */
  readonly dataDir?: string;
  /** A gateway already running (another process's); by default a reference gateway of the kiosk's own. */
  readonly gatewayUrl?: string;
  readonly display?: DemoConfig['display'];
  readonly services?: DemoConfig['services'];
  readonly maintenance?: DemoConfig['maintenance'];
  readonly schedules?: DemoConfig['schedules'];
  readonly branch?: DemoConfig['branch'];
  /** The audit trail's retention (config `audit`). */
  readonly audit?: DemoConfig['audit'];
  /** How the kiosk's own reference gateway behaves (its clock and pace are the kiosk's). */
  readonly gateway?: Omit<TestGatewayOptions, 'now' | 'processingMs'>;
  /** A receipt printer (config `printer`). */
  readonly printer?: DemoConfig['printer'];
  /** Where the menu exports records (config `records`). */
  readonly records?: DemoConfig['records'];
  /** What the bank offers a customer whose PIN is blocked instead (config `pinBlockedAlternative`). */
  readonly pinBlockedAlternative?: DemoConfig['pinBlockedAlternative'];
  /** The database key a host supplies (the shell's sealed key); by default a key file in the data folder. */
  readonly databaseKey?: Uint8Array;
  /** Giving cards back (config `card`): take time, reminder, warning, wrong-card tries. */
  readonly card?: DemoConfig['card'];
}

/** The desk reader behind the card service: the reader itself, and the service processes started so far. */
export interface CardService {
  /** The reader: it outlives the card service processes, as a USB reader does. */
  readonly reader: SimulatedReader;
  /** Every process the kiosk's card service client started, the running one last. */
  readonly processes: readonly FakeServiceProcess<SimulatedReaderPort>[];
  /** The running one. */
  readonly current: FakeServiceProcess<SimulatedReaderPort>;
}

interface Shared {
  readonly dataDir: string;
  readonly gateway: ReferenceGateway | undefined;
  readonly gatewayUrl: string;
  readonly options: TestKioskOptions & { readonly now: () => Date };
  readonly cleanups: (() => Promise<void> | void)[];
}

/** The customer's session, from the audit trail: its events in order, its session ids, why it ended. */
export interface SessionRecord {
  readonly events: string[];
  readonly ids: (string | null)[];
  readonly endReason: unknown;
}

export class TestKiosk {
  readonly kiosk: Kiosk;
  readonly #simulated: SimulatedDevices | undefined;
  readonly #xfs4iot: SimulatorServer | undefined;
  readonly #cardService: CardService | undefined;
  readonly #shared: Shared;

  private constructor(
    kiosk: Kiosk,
    devices: { simulated: SimulatedDevices | undefined; xfs4iot: SimulatorServer | undefined; cardService: CardService | undefined },
    shared: Shared,
  ) {
    this.kiosk = kiosk;
    this.#simulated = devices.simulated;
    this.#xfs4iot = devices.xfs4iot;
    this.#cardService = devices.cardService;
    this.#shared = shared;
  }

  /** The desk reader behind the card service (throws on the other readers). */
  get cardService(): CardService {
    if (!this.#cardService) throw new Error('this kiosk has no card service');
    return this.#cardService;
  }

  /** The in-process simulated reader (throws on the XFS4IoT simulator). */
  get simulated(): SimulatedDevices {
    if (!this.#simulated) throw new Error('this kiosk runs on the XFS4IoT simulator');
    return this.#simulated;
  }

  /** The XFS4IoT card reader simulator (throws on the in-process simulated reader). */
  get xfs4iot(): SimulatorServer {
    if (!this.#xfs4iot) throw new Error('this kiosk runs on the in-process simulated reader');
    return this.#xfs4iot;
  }

  /**
   * A kiosk on a fresh data folder with its own reference gateway (300 ms of マイナポータル),
   * on the motorised demo reader unless told otherwise. `stop()` removes all of it.
   */
  static async start(options: TestKioskOptions = {}): Promise<TestKiosk> {
    const now = options.now ?? tuesdayAfternoon().now;
    const cleanups: Shared['cleanups'] = [];
    const gateway = options.gatewayUrl
      ? undefined
      : await createTestGateway({ ...options.gateway, processingMs: options.gatewayProcessingMs ?? 300, now });
    if (gateway) cleanups.push(() => gateway.close());
    let dataDir = options.dataDir;
    if (!dataDir) {
      const fresh = mkdtempSync(join(tmpdir(), 'kiosk-'));
      cleanups.push(() => rmSync(fresh, { recursive: true, force: true }));
      dataDir = fresh;
    }
    const gatewayUrl = options.gatewayUrl ?? (await gateway?.listen()) ?? '';
    const shared = { dataDir, gateway, gatewayUrl, options: { ...options, now }, cleanups };
    try {
      return await TestKiosk.#on(shared);
    } catch (error) {
      for (const cleanup of cleanups.reverse()) await cleanup();
      throw error;
    }
  }

  /** Another kiosk process on the same data folder and gateway, as after a restart (stop this one first). */
  restart(): Promise<TestKiosk> {
    return TestKiosk.#on(this.#shared);
  }

  static async #on(shared: Shared): Promise<TestKiosk> {
    const {
      reader = 'simulated',
      mechanics = 'motorised',
      chip,
      spawnCardService,
      display,
      services,
      maintenance,
      printer,
      records,
      pinBlockedAlternative,
      schedules,
      branch,
      audit,
      dataDir,
      gatewayUrl,
      gateway,
      databaseKey,
      card,
      ...tuning
    } = shared.options;
    const cardService = reader === 'card-service' ? TestKiosk.#cardServiceOf(new SimulatedReader(), tuning) : undefined;
    const spawn = cardService?.spawn ?? spawnCardService;
    const runtime = await startDemoKioskRuntime(
      {
        dataDir: shared.dataDir,
        gateway: { kind: 'remote', url: shared.gatewayUrl },
        reader:
          reader === 'xfs4iot'
            ? { kind: 'xfs4iot-simulator', ...(chip ? { chip: { kind: 'pcsc', ...chip } } : {}) }
            : reader === 'card-service'
              ? { kind: 'pcsc', name: cardService?.service.reader.name ?? '' }
              : { kind: 'simulated', mechanics },
        display: display ?? { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
        ...(services ? { services } : {}),
        ...(maintenance ? { maintenance } : {}),
        ...(schedules ? { schedules } : {}),
        ...(branch ? { branch } : {}),
        ...(printer ? { printer } : {}),
        ...(records ? { records } : {}),
        ...(pinBlockedAlternative ? { pinBlockedAlternative } : {}),
        ...(audit ? { audit } : {}),
        ...(card ? { card } : {}),
      },
      { ...(databaseKey ? { databaseKey } : {}), ...(spawn ? { spawnCardService: spawn } : {}) },
      {
        ...tuning,
        xfs4iot: {
          device: { timings: BRISK_DEVICE, ...tuning.xfs4iot?.device },
          client: { link: { reconnectMs: [50, 200], graceMs: 1000 }, ...tuning.xfs4iot?.client },
        },
      },
    );
    shared.cleanups.push(() => runtime.stop());
    return new TestKiosk(
      runtime.kiosk,
      { simulated: runtime.simulated, xfs4iot: runtime.xfs4iot, cardService: cardService?.service },
      shared,
    );
  }

  /** Card service processes in memory, each serving the one reader (with the test's card deadlines). */
  static #cardServiceOf(reader: SimulatedReader, tuning: DemoTuning): { service: CardService; spawn: () => FakeServiceProcess } {
    const processes: FakeServiceProcess<SimulatedReaderPort>[] = [];
    const service: CardService = {
      reader,
      processes,
      get current() {
        const running = processes.at(-1);
        if (!running) throw new Error('no card service process started yet');
        return running;
      },
    };
    const spawn = (): FakeServiceProcess => {
      const port = new SimulatedReaderPort(reader, tuning.deadlines ? { deadlines: tuning.deadlines } : {});
      const started = new FakeServiceProcess(port);
      processes.push(started);
      port.announce();
      return started;
    };
    return { service, spawn };
  }

  /** The kiosk's own reference gateway (not there when it was started on another's). */
  get gateway(): ReferenceGateway {
    const { gateway } = this.#shared;
    if (!gateway) throw new Error('this kiosk runs on a gateway of another process');
    return gateway;
  }

  /** Where the kiosk's gateway listens. */
  get gatewayUrl(): string {
    return this.#shared.gatewayUrl;
  }

  get dataDir(): string {
    return this.#shared.dataDir;
  }

  get now(): () => Date {
    return this.#shared.options.now;
  }

  /** The simulated reader's slot: a desk reader's card goes in and out here. */
  get reader(): SimulatedReader {
    return this.#cardService?.reader ?? this.simulated.port.reader;
  }

  /** The motorised demo reader (throws on a desk reader). */
  motorised(): SimulatedMotorisedReader {
    const { mechanics } = this.simulated;
    if (!(mechanics instanceof SimulatedMotorisedReader)) throw new Error('not the motorised demo reader');
    return mechanics;
  }

  /** Waits until the kiosk shows this screen. */
  async screen(name: ViewModel['screen'], timeoutMs = 8000): Promise<ViewModel> {
    await until(
      () => this.kiosk.view().screen === name,
      `screen ${name} (still on ${this.kiosk.view().screen}, ${JSON.stringify(this.kiosk.state)})`,
      timeoutMs,
    );
    return this.kiosk.view();
  }

  /** Waits for a screen and narrows its view. */
  async at<S extends ViewModel['screen']>(name: S, timeoutMs = 8000): Promise<Extract<ViewModel, { screen: S }>> {
    const view = await this.screen(name, timeoutMs);
    if (view.screen !== name) throw new Error(`not on ${name}`);
    return view as Extract<ViewModel, { screen: S }>;
  }

  /** From the attract loop to the card slot for the housing-loan service. */
  async toInsertCard(serviceId = 'housing-loan-income'): Promise<void> {
    await this.screen('attract');
    this.kiosk.send({ type: 'TOUCH' });
    this.kiosk.send({ type: 'START' });
    await this.screen('service-choice');
    this.kiosk.send({ type: 'SELECT_SERVICE', serviceId });
    await this.screen('confirmation');
    this.kiosk.send({ type: 'AGREE' });
    await this.screen('insert-card');
  }

  /** The customer puts a card of this profile in: drawn in by the motorised reader, or into the desk reader. */
  async insert(profile: CardProfileName = 'default', options: EmulatedCardOptions = {}): Promise<void> {
    await this.insertCard(await createEmulatedCard(profile, options));
  }

  /** The customer puts this card in (see insert). */
  async insertCard(card: VirtualCard): Promise<void> {
    if (this.#cardService) {
      this.#cardService.reader.insert(card);
      return;
    }
    if (this.#xfs4iot) {
      const { device } = this.#xfs4iot;
      // The XFS4IoT reader draws a card in only while the kiosk's read waits for one.
      await until(() => device.accepting, 'the XFS4IoT reader opens its intake');
      if (!device.insert(card)) throw new Error('the XFS4IoT reader refused the card');
      return;
    }
    const { mechanics } = this.simulated;
    if (mechanics instanceof SimulatedMotorisedReader) {
      if (!mechanics.insert(card)) throw new Error('the motorised reader refused the card');
    } else {
      this.reader.insert(card);
    }
  }

  /** The customer takes the card: from the motorised reader's slot, or out of the desk reader. */
  take(): void {
    if (this.#cardService) {
      this.#cardService.reader.remove();
      return;
    }
    if (this.#xfs4iot) {
      this.#xfs4iot.device.take();
      return;
    }
    const { mechanics } = this.simulated;
    if (mechanics instanceof SimulatedMotorisedReader) mechanics.take();
    else this.reader.remove();
  }

  /** From the attract loop to the PIN screen with a card of the profile. */
  async toPin(profile: CardProfileName = 'default', options: EmulatedCardOptions = {}): Promise<void> {
    await this.toInsertCard();
    await this.insert(profile, options);
  }

  /** Types on the PIN screen (input on any other screen is ignored by the session). */
  async typePin(digits: string): Promise<void> {
    await this.screen('pin');
    for (const digit of digits) this.kiosk.send({ type: 'DIGIT', digit: Number(digit) });
    this.kiosk.send({ type: 'SUBMIT_PIN' });
  }

  /** From the attract loop to the review screen with the default card; the keys (itemKey) of the items shown. */
  async toReview(): Promise<string[]> {
    await this.toPin();
    await this.typePin('1234');
    return (await this.at('review')).items.map(itemKey);
  }

  /**
   * 確認 as the review screen sends it: first that its last item has been on screen (at once
   * when the table fits), then the consent, to every item shown unless told which (by key).
   */
  async confirm(itemKeys?: readonly string[]): Promise<void> {
    const { items } = await this.at('review');
    const last = items.at(-1);
    if (last) this.kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: itemKey(last) });
    this.kiosk.send({ type: 'CONFIRM', itemKeys: itemKeys ?? items.map(itemKey) });
  }

  /**
   * The customer session recorded last: its events in order, and every distinct session id they
   * carry. Records of the kiosk's background work (courier, deleter) belong to no session.
   */
  lastSession(): SessionRecord {
    const records = this.kiosk.audit.recent(1000);
    const from = records.map((record) => record.event).lastIndexOf('session-started');
    const session = records.slice(from).filter((record) => record.session !== null);
    return {
      events: session.map((record) => record.event),
      ids: [...new Set(session.map((record) => record.session))],
      endReason: session.find((record) => record.event === 'session-ended')?.detail?.reason,
    };
  }

  /** Stops every kiosk started on this data folder, the gateway, and removes the folder. */
  async stop(): Promise<void> {
    for (const cleanup of this.#shared.cleanups.splice(0).reverse()) await cleanup();
  }
}
