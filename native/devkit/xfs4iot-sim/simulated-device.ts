// A simulated XFS4IoT motorised card reader: the device behind the simulator's CardReader
// service. It behaves as the specification describes a motor reader (and as KAL's sample
// device does): ReadRawData with the chip opens the intake (InsertCardEvent), a card pushed in
// is drawn onto the contacts (MediaInsertedEvent) and its chip powered (the ATR); ChipIO
// passes APDUs to the card; Move takes the card to the exit, where only then it can be taken
// (MediaRemovedEvent), or into the retain unit, whose count, threshold and capacity it keeps.
// Faults on demand: a jam at the next move, a full retain unit, the device refusing to answer.
//
// With `contacts`, the device has no chip module: its contacts are a PC/SC reader of their own
// (ChipContacts), which sees the card while it is in the transport. The service then answers
// as one without chip capability does: ReadRawData with the chip is invalid data (KAL's
// framework checks the capabilities so), ChipIO and ChipPower are unsupported commands ("valid
// for the interface, but not supported by the service or device"), the capabilities list no
// chip protocols, no chip power and neither command, and the status reports no chip state.
// ReadRawData with no data source only draws the card in.
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { chipProtocolOf } from '../../xfs4iot/atr.ts';
import {
  decodeBase64,
  encodeBase64,
  type CommandName,
  type CompletionCode,
  type DeviceState,
  type MediaState,
  type ReplenishmentState,
} from '../../xfs4iot/messages.ts';
import type { VirtualCard } from '../emulator/virtual-card.ts';
import type { ChipContacts } from './chip-contacts.ts';

export interface DeviceTimings {
  /** From the card pushed in to its being on the contacts. */
  readonly drawInMs: number;
  /** Powering the chip and reading its ATR (also a warm reset). */
  readonly chipPowerMs: number;
  /** The reader's own share of one APDU exchange (the card's own time comes on top). */
  readonly chipIoMs: number;
  /** Transport to exit, or exit back to transport. */
  readonly moveExitMs: number;
  /** Into the retain unit. */
  readonly moveStorageMs: number;
}

/** Roughly what a motorised reader takes; tests shorten them. */
export const REALISTIC_TIMINGS: DeviceTimings = { drawInMs: 800, chipPowerMs: 150, chipIoMs: 10, moveExitMs: 900, moveStorageMs: 700 };

/** The retain unit as the simulator presents it. */
export const RETAIN_UNIT = 'unitBIN1';

export interface Completion {
  readonly completionCode: CompletionCode;
  readonly payload?: unknown;
  readonly errorDescription?: string;
}

/** What a command handler has from the server: how to send its events, and when to stop. */
export interface CommandContext {
  readonly signal: AbortSignal;
  readonly event: (name: string, payload?: unknown) => void;
}

/** Where the card is: out, on the contacts (transport), at the exit slot, or stuck. */
export type SimulatedMedia = 'notPresent' | 'present' | 'entering' | 'jammed';

export interface SimulatedDeviceOptions {
  readonly timings?: Partial<DeviceTimings>;
  readonly capacity?: number;
  readonly threshold?: number;
  readonly retained?: number;
  /** No chip module: the chip's contacts are this PC/SC reader. */
  readonly contacts?: ChipContacts;
}

const ok = (payload?: unknown): Completion => ({ completionCode: 'success', ...(payload === undefined ? {} : { payload }) });
const error = (errorCode: string): Completion => ({ completionCode: 'commandErrorCode', payload: { errorCode } });

export class SimulatedDevice extends EventEmitter<{ unsolicited: [name: string, payload: unknown] }> {
  readonly #timings: DeviceTimings;
  #device: DeviceState = 'online';
  #media: SimulatedMedia = 'notPresent';
  #card: VirtualCard | undefined;
  /** The card went in the wrong way round: its chip never reaches the contacts. */
  #reversed = false;
  #chipPowered = false;
  /** The ReadRawData waiting for a card, if any: resolves with the card pushed in. */
  #intake: ((card: VirtualCard) => void) | undefined;
  #retained: VirtualCard[] = [];
  #count: number;
  readonly #capacity: number;
  readonly #threshold: number;
  #jamNextMove = false;
  #hung = false;
  readonly #contacts: ChipContacts | undefined;
  /** APDUs passed to the chip, for tests that count what the device saw. */
  #apdus = 0;

  constructor(options: SimulatedDeviceOptions = {}) {
    super();
    this.#timings = { ...REALISTIC_TIMINGS, ...options.timings };
    this.#capacity = options.capacity ?? 50;
    this.#threshold = options.threshold ?? 40;
    this.#count = options.retained ?? 0;
    this.#contacts = options.contacts;
  }

  /** Whether the device has a chip module (chip I/O through the service). */
  get chipModule(): boolean {
    return this.#contacts === undefined;
  }

  // ------------------------------------------------------------ the customer's hand and the staff

  get media(): SimulatedMedia {
    return this.#media;
  }

  get device(): DeviceState {
    return this.#device;
  }

  /** Whether the intake is open (a ReadRawData is waiting for a card). */
  get accepting(): boolean {
    return this.#intake !== undefined;
  }

  /** Cards in the retain unit (the count the device reports). */
  get retainedCount(): number {
    return this.#count;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** APDUs the chip was sent through ChipIO. */
  get apduCount(): number {
    return this.#apdus;
  }

  /**
   * The card pushed into the slot: drawn in only while the intake is open. `reversed`: the
   * wrong way round, so that its chip never touches the contacts (it gives no ATR).
   */
  insert(card: VirtualCard, options: { readonly reversed?: boolean } = {}): boolean {
    const intake = this.#intake;
    if (!intake || this.#media !== 'notPresent' || this.#device !== 'online') return false;
    this.#intake = undefined;
    this.#reversed = options.reversed === true;
    intake(card);
    return true;
  }

  /** The customer reaches for the card: only a card at the exit can be taken. */
  take(): boolean {
    if (this.#media !== 'entering') return false;
    this.#card = undefined;
    this.#setMedia('notPresent');
    this.emit('unsolicited', 'CardReader.MediaRemovedEvent', null);
    return true;
  }

  /** The next move jams the card (it stops where it is; the device reports a hardware error). */
  jamNextMove(): void {
    this.#jamNextMove = true;
  }

  /** Staff free a jam: the card is back on the transport, the device online. */
  clearJam(): void {
    if (this.#media !== 'jammed') return;
    this.#setMedia(this.#card ? 'present' : 'notPresent');
    this.#onContacts();
    this.#setDevice('online');
  }

  /**
   * The contacts lose the chip of the card in the transport (a worn contact unit, its cable
   * pulled): its PC/SC reader reports the card gone while the motor still holds it.
   */
  async loseChip(): Promise<void> {
    await this.#contacts?.detach();
  }

  /** The device is switched off: a card on the contacts leaves its PC/SC reader. */
  async close(): Promise<void> {
    await this.#contacts?.detach();
  }

  /** The retain unit is full (a real one fills up over weeks). */
  fillRetainUnit(): void {
    this.#setCount(this.#capacity);
  }

  /** Staff empty the retain unit; the cards come out. */
  emptyRetainUnit(): VirtualCard[] {
    this.#setCount(0);
    return this.#retained.splice(0);
  }

  /** The device stops completing commands (they are acknowledged, then nothing), or starts again. */
  hang(hung: boolean): void {
    this.#hung = hung;
  }

  get hung(): boolean {
    return this.#hung;
  }

  // ------------------------------------------------------------ the service's commands

  status(): unknown {
    return {
      common: { device: this.#device, devicePosition: 'inPosition', powerSaveRecoveryTime: 0, antiFraudModule: null },
      cardReader: {
        media: this.#media,
        security: null,
        // Null where the device cannot report them: it has no chip module.
        chipPower: this.chipModule ? this.#chipPowerState() : null,
        chipModule: this.chipModule ? 'ok' : null,
        magWriteModule: null,
        frontImageModule: null,
        backImageModule: null,
      },
    };
  }

  storage(): unknown {
    return { storage: { [RETAIN_UNIT]: this.#unit() } };
  }

  /** Runs one CardReader command; the server queues them, acknowledges and completes them. */
  async execute(name: CommandName, payload: Record<string, unknown>, context: CommandContext): Promise<Completion> {
    // Hung: the work never ends by itself; the server frees the device for the next command
    // when this one's timer runs out or it is cancelled, but sends no completion.
    if (this.#hung) {
      return new Promise<Completion>((_, reject) =>
        context.signal.addEventListener('abort', () => reject(context.signal.reason as Error), { once: true }),
      );
    }
    if (this.#media === 'jammed' && name !== 'CardReader.ReadRawData') return error('mediaJam');
    if (this.#device !== 'online') return { completionCode: 'hardwareError', errorDescription: `device ${this.#device}` };
    switch (name) {
      case 'CardReader.ReadRawData':
        if (payload.chip === true && !this.chipModule) return { completionCode: 'invalidData', errorDescription: 'chip is not supported' };
        return this.#readRawData(payload, context);
      case 'CardReader.ChipIO':
        return this.chipModule ? this.#chipIo(payload, context) : { completionCode: 'unsupportedCommand' };
      case 'CardReader.ChipPower':
        return this.chipModule ? this.#chipPower(payload, context) : { completionCode: 'unsupportedCommand' };
      case 'CardReader.Move':
        return this.#move(payload, context);
      default:
        return { completionCode: 'unsupportedCommand' };
    }
  }

  async #readRawData(payload: Record<string, unknown>, context: CommandContext): Promise<Completion> {
    if (this.#media === 'jammed') return error('mediaJam');
    if (this.#media === 'notPresent') {
      const card = await this.#waitForCard(context);
      context.event('CardReader.MediaInsertedEvent');
      await sleep(this.#timings.drawInMs, undefined, { signal: context.signal });
      this.#card = card;
      this.#setMedia('present');
      this.#onContacts();
    } else if (this.#media === 'entering') {
      // A card waiting at the exit is not drawn back in by a read.
      return error('noMedia');
    }
    const result: Record<string, unknown> = {};
    for (const track of ['track1', 'track2', 'track3'] as const) {
      // A My Number card has no magnetic stripe.
      if (payload[track] === true) result[track] = { status: 'dataMissing' };
    }
    if (payload.chip === true) {
      const atr = await this.#powerOn(context);
      result.chip = [atr ? { data: encodeBase64(atr) } : { status: 'dataMissing' }];
    }
    return ok(result);
  }

  /** Opens the intake until a card is pushed in or the command ends (timeout, cancel). */
  #waitForCard(context: CommandContext): Promise<VirtualCard> {
    return new Promise((resolve, reject) => {
      const aborted = (): void => {
        if (this.#intake === intake) this.#intake = undefined;
        reject(context.signal.reason as Error);
      };
      const intake = (card: VirtualCard): void => {
        context.signal.removeEventListener('abort', aborted);
        resolve(card);
      };
      if (context.signal.aborted) {
        aborted();
        return;
      }
      context.signal.addEventListener('abort', aborted, { once: true });
      this.#intake = intake;
      context.event('CardReader.InsertCardEvent');
    });
  }

  async #powerOn(context: CommandContext): Promise<Uint8Array | undefined> {
    await sleep(this.#timings.chipPowerMs, undefined, { signal: context.signal });
    const card = this.#card;
    if (!card || this.#reversed) return undefined;
    if (this.#chipPowered) card.reset();
    else card.powerOn();
    this.#chipPowered = true;
    this.#statusChanged({ cardReader: { chipPower: 'online' } });
    return card.atr;
  }

  async #chipIo(payload: Record<string, unknown>, context: CommandContext): Promise<Completion> {
    const card = this.#card;
    if (this.#media !== 'present' || !card) return error('noMedia');
    if (!this.#chipPowered) return error('atrNotObtained');
    if (payload.chipProtocol !== chipProtocolOf(card.atr)) return error('protocolNotSupported');
    const command = decodeBase64(String(payload.chipData));
    if (command.length < 4) return error('invalidData');
    this.#apdus += 1;
    await sleep(this.#timings.chipIoMs, undefined, { signal: context.signal });
    // A card that does not answer keeps the command waiting until its timeout or a cancel.
    const response = await Promise.race([
      card.transmit(command),
      new Promise<never>((_, reject) =>
        context.signal.addEventListener('abort', () => reject(context.signal.reason as Error), { once: true }),
      ),
    ]);
    command.fill(0);
    return ok({ chipProtocol: payload.chipProtocol, chipData: encodeBase64(response) });
  }

  async #chipPower(payload: Record<string, unknown>, context: CommandContext): Promise<Completion> {
    const card = this.#card;
    if (this.#media !== 'present' || !card) return error('noMedia');
    if (payload.chipPower === 'off') {
      card.powerOff();
      this.#chipPowered = false;
      this.#statusChanged({ cardReader: { chipPower: 'poweredOff' } });
      return ok({});
    }
    const atr = await this.#powerOn(context);
    return atr ? ok({ chipData: encodeBase64(atr) }) : error('atrNotObtained');
  }

  async #move(payload: Record<string, unknown>, context: CommandContext): Promise<Completion> {
    const from = String(payload.from);
    const to = String(payload.to);
    const at = this.#positionOfCard();
    if (from.startsWith('unit')) return { completionCode: 'invalidData', errorDescription: 'the retain unit cannot be moved from' };
    if (to.startsWith('unit') && to !== RETAIN_UNIT) return { completionCode: 'invalidData', errorDescription: `no storage unit ${to}` };
    if (at !== from) return error('noMedia');
    if (to === from) return ok();
    if (to.startsWith('unit') && this.#count >= this.#capacity) return error('full');
    if (to === 'exit' && this.#media === 'entering') return error('occupied');
    // Off the contacts as soon as the card starts moving.
    if (from === 'transport') await this.#contacts?.detach();
    if (this.#jamNextMove) {
      this.#jamNextMove = false;
      await sleep(this.#timings.moveExitMs / 2, undefined, { signal: context.signal });
      this.#powerOff();
      this.#setMedia('jammed');
      this.#setDevice('hardwareError');
      this.emit('unsolicited', 'Common.ErrorEvent', { eventId: 'hardware', action: 'clear', vendorDescription: 'card jammed' });
      return error('mediaJam');
    }
    if (to === 'exit') {
      await sleep(this.#timings.moveExitMs, undefined, { signal: context.signal });
      this.#powerOff();
      this.#setMedia('entering');
      return ok();
    }
    if (to === 'transport') {
      await sleep(this.#timings.moveExitMs, undefined, { signal: context.signal });
      this.#setMedia('present');
      this.#onContacts();
      return ok();
    }
    await sleep(this.#timings.moveStorageMs, undefined, { signal: context.signal });
    this.#powerOff();
    if (this.#card) this.#retained.push(this.#card);
    this.#card = undefined;
    this.#setMedia('notPresent');
    this.#setCount(this.#count + 1);
    return ok();
  }

  /** The card is on the transport: its chip, if it faces them, is on the contacts' PC/SC reader. */
  #onContacts(): void {
    if (this.#card && !this.#reversed) this.#contacts?.attach(this.#card);
  }

  #positionOfCard(): 'exit' | 'transport' | undefined {
    if (this.#media === 'present') return 'transport';
    if (this.#media === 'entering') return 'exit';
    return undefined;
  }

  #powerOff(): void {
    if (!this.#chipPowered) return;
    this.#card?.powerOff();
    this.#chipPowered = false;
    this.#statusChanged({ cardReader: { chipPower: this.#card ? 'poweredOff' : 'noCard' } });
  }

  #chipPowerState(): string {
    if (!this.#card) return 'noCard';
    return this.#chipPowered ? 'online' : 'poweredOff';
  }

  #setMedia(media: SimulatedMedia): void {
    if (media === this.#media) return;
    this.#media = media;
    this.#statusChanged({ cardReader: { media: media satisfies MediaState } });
  }

  #setDevice(device: DeviceState): void {
    if (device === this.#device) return;
    this.#device = device;
    this.#statusChanged({ common: { device } });
  }

  #statusChanged(changed: unknown): void {
    this.emit('unsolicited', 'Common.StatusChangedEvent', changed);
  }

  #replenishment(count: number): ReplenishmentState {
    if (count >= this.#capacity) return 'full';
    if (this.#threshold > 0 && count >= this.#threshold) return 'high';
    return 'ok';
  }

  #setCount(count: number): void {
    const before = this.#replenishment(this.#count);
    this.#count = count;
    const after = this.#replenishment(count);
    this.emit('unsolicited', 'Storage.CountsChangedEvent', { [RETAIN_UNIT]: { card: { status: { count } } } });
    if (after !== before) {
      this.emit('unsolicited', 'Storage.StorageThresholdEvent', { [RETAIN_UNIT]: { card: { status: { replenishmentStatus: after } } } });
    }
  }

  #unit(): unknown {
    return {
      id: 'BIN1',
      positionName: 'rear',
      capacity: this.#capacity,
      status: 'ok',
      serialNumber: null,
      card: {
        capabilities: { type: 'retain', hardwareSensors: false },
        configuration: { threshold: this.#threshold },
        status: { count: this.#count, replenishmentStatus: this.#replenishment(this.#count) },
      },
    };
  }
}
