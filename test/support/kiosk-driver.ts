// The one driver for "run a kiosk and walk a session" under plain Node: the real kiosk core
// composed by the devkit (simulated reader with emulated cards, the reference gateway over
// loopback), a running clock that starts on an ordinary Tuesday afternoon in Japan (no test
// depends on today's operating hours), and the customer's steps as methods. Used by the kiosk
// tests, the recovery tests and the crash tests' kiosk process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { startDemoKioskRuntime, type DemoTuning, type SimulatedDevices } from '../../electron/devkit/compose-demo-kiosk.ts';
import type { DemoConfig } from '../../electron/devkit/demo-config.ts';
import type { ReferenceGateway } from '../../electron/devkit/reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../../electron/devkit/reference-gateway/test-gateway.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import type { Kiosk } from '../../electron/node/kiosk.ts';
import type { CardProfileName } from '../../native/devkit/emulator/card-profiles.ts';
import { createEmulatedCard, type EmulatedCardOptions } from '../../native/devkit/emulator/emulated-card.ts';
import { SimulatedMotorisedReader } from '../../native/devkit/emulator/motorised-reader.ts';
import type { SimulatedReader } from '../../native/devkit/emulator/simulated-reader.ts';
import { until } from './until.ts';

/** A clock that starts on an ordinary Tuesday afternoon in Japan, runs, and can be moved forward. */
export function tuesdayAfternoon(): { now: () => Date; advance: (ms: number) => void } {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  let offset = 0;
  return { now: () => new Date(base + offset + (Date.now() - started)), advance: (ms) => (offset += ms) };
}

export interface TestKioskOptions extends DemoTuning {
  readonly mechanics?: 'motorised' | 'desk';
  /** The data folder to start in (left as it is afterwards); by default a fresh one, removed by stop(). */
  readonly dataDir?: string;
  /** A gateway already running (another process's); by default a reference gateway of the kiosk's own. */
  readonly gatewayUrl?: string;
  readonly display?: DemoConfig['display'];
  readonly services?: DemoConfig['services'];
  readonly maintenance?: DemoConfig['maintenance'];
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
  readonly simulated: SimulatedDevices;
  readonly #shared: Shared;

  private constructor(kiosk: Kiosk, simulated: SimulatedDevices, shared: Shared) {
    this.kiosk = kiosk;
    this.simulated = simulated;
    this.#shared = shared;
  }

  /**
   * A kiosk on a fresh data folder with its own reference gateway (300 ms of マイナポータル),
   * on the motorised demo reader unless told otherwise. `stop()` removes all of it.
   */
  static async start(options: TestKioskOptions = {}): Promise<TestKiosk> {
    const now = options.now ?? tuesdayAfternoon().now;
    const cleanups: Shared['cleanups'] = [];
    const gateway = options.gatewayUrl ? undefined : await createTestGateway({ processingMs: options.gatewayProcessingMs ?? 300, now });
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
    const { mechanics = 'motorised', display, services, maintenance, dataDir, gatewayUrl, ...tuning } = shared.options;
    const runtime = await startDemoKioskRuntime(
      {
        dataDir: shared.dataDir,
        gateway: { kind: 'remote', url: shared.gatewayUrl },
        reader: { kind: 'simulated', mechanics },
        display: display ?? { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
        ...(services ? { services } : {}),
        ...(maintenance ? { maintenance } : {}),
      },
      {},
      tuning,
    );
    if (!runtime.simulated) throw new Error('the test kiosk runs on the simulated reader');
    shared.cleanups.push(() => runtime.stop());
    return new TestKiosk(runtime.kiosk, runtime.simulated, shared);
  }

  /** The kiosk's own reference gateway (not there when it was started on another's). */
  get gateway(): ReferenceGateway {
    const { gateway } = this.#shared;
    if (!gateway) throw new Error('this kiosk runs on a gateway of another process');
    return gateway;
  }

  get dataDir(): string {
    return this.#shared.dataDir;
  }

  get now(): () => Date {
    return this.#shared.options.now;
  }

  /** The simulated reader's slot: a desk reader's card goes in and out here. */
  get reader(): SimulatedReader {
    return this.simulated.port.reader;
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
    const card = await createEmulatedCard(profile, options);
    const { mechanics } = this.simulated;
    if (mechanics instanceof SimulatedMotorisedReader) {
      if (!mechanics.insert(card)) throw new Error('the motorised reader refused the card');
    } else {
      this.reader.insert(card);
    }
  }

  /** The customer takes the card: from the motorised reader's slot, or out of the desk reader. */
  take(): void {
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

  /** From the attract loop to the review screen with the default card; the ids of the items shown. */
  async toReview(): Promise<string[]> {
    await this.toPin();
    await this.typePin('1234');
    return (await this.at('review')).items.map((item) => item.id);
  }

  /**
   * 確認 as the review screen sends it: first that its last item has been on screen (at once
   * when the table fits), then the consent, to every item shown unless told which.
   */
  async confirm(itemIds?: readonly string[]): Promise<void> {
    const { items } = await this.at('review');
    const last = items.at(-1);
    if (last) this.kiosk.send({ type: 'REVIEW_SEEN', lastItemId: last.id });
    this.kiosk.send({ type: 'CONFIRM', itemIds: itemIds ?? items.map((item) => item.id) });
  }

  /** The customer session recorded last: its events in order, and every distinct session id they carry. */
  lastSession(): SessionRecord {
    const records = this.kiosk.audit.recent();
    const from = records.map((record) => record.event).lastIndexOf('session-started');
    const session = records.slice(from);
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
