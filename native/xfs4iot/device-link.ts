// The kiosk's link to the XFS4IoT card reader service: found through the service publisher,
// checked (a motorised reader speaking the commands the kiosk sends), its status and retain
// storage read, then kept: status changes update it, and a connection that drops is opened
// again with a backoff. Usable only while connected and the device reports itself online.
import { EventEmitter } from 'node:events';
import type { Result } from '../../electron/common/result.ts';
import { describeFailure, discoverCardReader, type OpenSocket } from './discovery.ts';
import type {
  Capabilities,
  CommandName,
  CommandPayload,
  DeviceState,
  MediaState,
  ReplenishmentState,
  Status,
  StorageUnit,
} from './messages.ts';
import type { CommandOptions, CommandResult, ServiceConnection, ServiceEvent } from './service-connection.ts';

/** The storage unit a card is retained into, as last reported. */
export interface RetainUnit {
  /** The unit's key (`unit…`), the target of CardReader.Move. */
  readonly key: string;
  readonly count: number;
  /** 0: unknown. */
  readonly capacity: number;
  readonly replenishment: ReplenishmentState;
}

export interface LinkTimings {
  /** Status, capabilities, storage and discovery commands. */
  readonly statusMs: number;
  /** First and longest wait before opening a dropped link again. */
  readonly reconnectMs: readonly [first: number, longest: number];
  /** How long past its own timeout a command may take before the kiosk gives up on it. */
  readonly graceMs: number;
}

export const DEFAULT_LINK_TIMINGS: LinkTimings = { statusMs: 5000, reconnectMs: [1000, 30_000], graceMs: 5000 };

export interface LinkState {
  readonly connected: boolean;
  readonly device: DeviceState | 'unknown';
  readonly media: MediaState | 'unknown';
  /** Why it is not usable, or which service it is: a short token for the log and diagnostics. */
  readonly detail: string;
}

export class DeviceLink extends EventEmitter<{
  /** Usable or not, and why: emitted whenever that changes. */
  state: [LinkState];
  /** A service connection was (re)opened and its status read: what is in the device now is in `state`. */
  connected: [];
  unsolicited: [ServiceEvent];
  /** Something for the operational log (a token, never data from the card). */
  note: [string];
}> {
  readonly #endpoint: string;
  readonly #open: OpenSocket;
  readonly #timings: LinkTimings;
  /** What the service must speak to be used (chip I/O included or not). */
  readonly #needed: readonly CommandName[] | undefined;
  #connection: ServiceConnection | undefined;
  #capabilities: Capabilities | undefined;
  #state: LinkState = { connected: false, device: 'unknown', media: 'unknown', detail: 'not connected yet' };
  #retainUnit: RetainUnit | undefined;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;
  #backoff: number;

  constructor(options: { endpoint: string; open: OpenSocket; timings?: Partial<LinkTimings>; needed?: readonly CommandName[] }) {
    super();
    this.#endpoint = options.endpoint;
    this.#open = options.open;
    this.#needed = options.needed;
    this.#timings = { ...DEFAULT_LINK_TIMINGS, ...options.timings };
    this.#backoff = this.#timings.reconnectMs[0];
  }

  get state(): LinkState {
    return this.#state;
  }

  get usable(): boolean {
    return this.#state.connected && this.#state.device === 'online';
  }

  get capabilities(): Capabilities | undefined {
    return this.#capabilities;
  }

  get retainUnit(): RetainUnit | undefined {
    return this.#retainUnit;
  }

  start(): void {
    void this.#connect();
  }

  /** Resolves once the link is usable, or with its state when `ms` passed first. */
  ready(ms: number): Promise<LinkState> {
    if (this.usable) return Promise.resolve(this.#state);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.off('state', listener);
        resolve(this.#state);
      };
      const listener = (): void => {
        if (this.usable) finish();
      };
      const timer = setTimeout(finish, ms);
      this.on('state', listener);
    });
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#connection?.close();
  }

  /** Sends a command on the service connection; not connected, it fails as disconnected at once. */
  command<N extends CommandName>(name: N, payload: CommandPayload<N>, options: CommandOptions): Promise<CommandResult<N>> {
    const connection = this.#connection;
    if (!connection?.open) return Promise.resolve({ ok: false, error: { kind: 'disconnected' } });
    return connection.command(name, payload, options);
  }

  cancel(requestIds: readonly number[]): void {
    void this.#connection?.cancel(requestIds);
  }

  /** Reads the device status again (e.g. to learn where a card is after a failed move). */
  async refreshStatus(): Promise<Status | undefined> {
    const status = await this.command('Common.Status', {}, { timeoutMs: this.#timings.statusMs });
    if (!status.ok) return undefined;
    this.#mergeStatus(status.value);
    return status.value;
  }

  /** Reads the retain unit's count again. */
  async refreshStorage(): Promise<RetainUnit | undefined> {
    const storage = await this.command('Storage.GetStorage', {}, { timeoutMs: this.#timings.statusMs });
    if (storage.ok) this.#retainUnit = retainUnitOf(storage.value.storage ?? {}) ?? this.#retainUnit;
    return this.#retainUnit;
  }

  #halted(): boolean {
    return this.#stopped;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const found = await discoverCardReader(this.#endpoint, this.#open, {
      timeoutMs: this.#timings.statusMs,
      graceMs: this.#timings.graceMs,
      ...(this.#needed ? { needed: this.#needed } : {}),
    });
    // Stopped while discovering: what was found is not kept.
    if (this.#halted()) {
      if (found.ok) found.value.connection.close();
      return;
    }
    if (!found.ok) {
      this.#down(found.error);
      return;
    }
    const { connection, capabilities, serviceUri } = found.value;
    this.#connection = connection;
    this.#capabilities = capabilities;
    connection.on('unsolicited', (event) => this.#unsolicited(event));
    connection.on('invalid', (name) => this.emit('note', `invalid-message:${name}`));
    connection.on('closed', () => {
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#down('connection closed');
    });
    const loaded = await this.#load();
    if (!loaded.ok) {
      this.#connection = undefined;
      connection.close();
      this.#down(loaded.error);
      return;
    }
    this.#backoff = this.#timings.reconnectMs[0];
    this.#setState({ ...this.#state, connected: true, detail: serviceUri });
    this.emit('connected');
  }

  /** Status and retain storage of a freshly opened service. */
  async #load(): Promise<Result<undefined, string>> {
    const status = await this.command('Common.Status', {}, { timeoutMs: this.#timings.statusMs });
    if (!status.ok) return { ok: false, error: `Status ${describeFailure(status.error)}` };
    this.#state = {
      ...this.#state,
      device: status.value.common?.device ?? 'unknown',
      media: status.value.cardReader?.media ?? 'unknown',
    };
    await this.refreshStorage();
    return { ok: true, value: undefined };
  }

  #down(detail: string): void {
    this.#setState({ connected: false, device: 'unknown', media: 'unknown', detail });
    if (this.#stopped) return;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#connect(), this.#backoff);
    this.#backoff = Math.min(this.#backoff * 2, this.#timings.reconnectMs[1]);
  }

  #unsolicited(event: ServiceEvent): void {
    if (event.name === 'Common.StatusChangedEvent') this.#mergeStatus(event.payload);
    if (
      event.name === 'Storage.StorageThresholdEvent' ||
      event.name === 'Storage.StorageChangedEvent' ||
      event.name === 'Storage.CountsChangedEvent'
    )
      this.#mergeStorage(event.payload);
    this.emit('unsolicited', event);
  }

  /** Properties that did not change may be absent from a StatusChangedEvent. */
  #mergeStatus(status: Status): void {
    const device = status.common?.device ?? this.#state.device;
    const media = status.cardReader?.media ?? this.#state.media;
    if (device === this.#state.device && media === this.#state.media) return;
    this.#setState({ ...this.#state, device, media, detail: device === 'online' ? this.#state.detail : `device ${device}` });
  }

  #mergeStorage(units: Readonly<Record<string, StorageUnit>>): void {
    const current = this.#retainUnit;
    const changed = current && units[current.key];
    if (!current || !changed) return;
    this.#retainUnit = {
      ...current,
      count: changed.card?.status?.count ?? current.count,
      replenishment: changed.card?.status?.replenishmentStatus ?? current.replenishment,
    };
  }

  #setState(state: LinkState): void {
    const before = this.#state;
    this.#state = state;
    if (before.connected !== state.connected || before.device !== state.device || before.media !== state.media) this.emit('state', state);
  }
}

/** The first retain unit that is in working order. */
export function retainUnitOf(storage: Readonly<Record<string, StorageUnit>>): RetainUnit | undefined {
  for (const [key, unit] of Object.entries(storage)) {
    if (unit.card?.capabilities?.type !== 'retain' || (unit.status && unit.status !== 'ok')) continue;
    return {
      key,
      count: unit.card.status?.count ?? 0,
      capacity: unit.capacity ?? 0,
      replenishment: unit.card.status?.replenishmentStatus ?? 'ok',
    };
  }
  return undefined;
}
