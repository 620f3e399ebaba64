// The kiosk's card mechanics on an XFS4IoT motorised reader. accept: CardReader.ReadRawData
// with the chip, which opens the intake, draws the card in and powers its chip (re-issued while
// the kiosk still waits) — or, where the chip's contacts are a PC/SC reader of their own,
// ReadRawData with no data source, which only draws the card in; hold: the card stays in the transport, where the customer cannot
// reach it; eject: CardReader.Move to the exit, then the customer's taking it is reported
// (CardReader.MediaRemovedEvent); retain: CardReader.Move into the retain storage unit.
//
// Faults end in a defined place, each reported as a `fault` event for the staff's records:
// - a jam, or a device that stops answering or goes away with the card inside: the card is
//   `kept` (eject fails; retain reports it kept, since the customer cannot reach it) and is
//   moved into the retain storage once the device works again, never handed to whoever stands
//   at the kiosk then;
// - a full retain unit: retain fails, the card stays at the exit (left behind for staff);
// - the retain unit nearing or at its capacity (StorageThresholdEvent): reported.
import { EventEmitter } from 'node:events';
import type { CardMechanics, MechanicsEvent, MechanicsFault } from '../reader/card-mechanics.ts';
import type { CardSlot } from './card-slot.ts';
import type { DeviceLink } from './device-link.ts';
import { decodeBase64 } from './messages.ts';
import type { CommandFailure, CommandResult, ServiceEvent } from './service-connection.ts';

export interface MechanicsTimings {
  /** How long one ReadRawData waits for a card (re-issued while the kiosk waits). */
  readonly insertMs: number;
  /** CardReader.Move: to the exit, to the transport or into storage. */
  readonly moveMs: number;
  /** Without a card-taken sensor, how often the exit is looked at. */
  readonly takenPollMs: number;
}

export const DEFAULT_MECHANICS_TIMINGS: MechanicsTimings = { insertMs: 30_000, moveMs: 20_000, takenPollMs: 1000 };

export interface MechanicsOptions {
  readonly timings?: Partial<MechanicsTimings>;
  /**
   * true (default): the service powers and reads the chip (ReadRawData with the chip,
   * ChipPower). false: the chip is reached through PC/SC, and the service, which may have no
   * chip module at all, is only asked to move the card.
   */
  readonly chipIo?: boolean;
}

/** What a move or read that failed says about the device (its card errors are handled by the callers). */
function deviceFault(failure: CommandFailure): MechanicsFault {
  if (failure.kind === 'disconnected') return 'offline';
  if (failure.kind === 'no-completion') return 'timeout';
  if (failure.kind !== 'completion') return 'device-error';
  if (failure.code === 'timeOut') return 'timeout';
  if (failure.code === 'hardwareError' || failure.code === 'deviceNotReady') return 'offline';
  if (failure.errorCode === 'mediaJam') return 'jam';
  if (failure.errorCode === 'shutterFail') return 'shutter';
  return 'device-error';
}

/** Media states in which the device has a card. */
const HOLDING: ReadonlySet<string> = new Set(['present', 'latched', 'entering', 'jammed']);

export class Xfs4IotMechanics extends EventEmitter<{ event: [MechanicsEvent] }> implements CardMechanics {
  readonly kind = 'motorised';
  readonly #link: DeviceLink;
  readonly #slot: CardSlot;
  readonly #timings: MechanicsTimings;
  readonly #chipIo: boolean;
  #accepting = false;
  /** The ReadRawData waiting for a card, to cancel when the kiosk stops waiting. */
  #intake: number | undefined;
  #intakeRunning = false;
  #held = false;
  /** The last card went into the retain storage without being asked (Move answered mediaRetained). */
  #retainedByDevice = false;
  #takenPoll: NodeJS.Timeout | undefined;
  /** A move of the kiosk's own is under way: the media changes it causes are not the customer's doing. */
  #moving = 0;
  /** Taken from the exit before the move that brought it there had reported back. */
  #takenEarly = false;

  constructor(link: DeviceLink, slot: CardSlot, options: MechanicsOptions = {}) {
    super();
    this.#link = link;
    this.#slot = slot;
    this.#timings = { ...DEFAULT_MECHANICS_TIMINGS, ...options.timings };
    this.#chipIo = options.chipIo ?? true;
    link.on('unsolicited', (event) => this.#unsolicited(event));
    link.on('state', () => void this.#linkChanged());
    link.on('connected', () => void this.#adopt());
  }

  /** Whether the kiosk is holding a card for a session now. */
  get holding(): boolean {
    return this.#held && this.#slot.position === 'transport';
  }

  accept(): void {
    this.#accepting = true;
    void this.#runIntake();
  }

  refuse(): void {
    this.#accepting = false;
    if (this.#intake !== undefined) this.#link.cancel([this.#intake]);
  }

  hold(): void {
    this.#held = true;
  }

  async eject(): Promise<void> {
    this.#held = false;
    this.refuse();
    const position = this.#slot.position;
    if (position === 'exit') return;
    if (position === 'kept') throw new Error('the card is kept inside the reader');
    if (position === 'none') {
      // Nothing in the device: nothing to wait for.
      this.emit('event', { type: 'card-taken' });
      return;
    }
    this.#takenEarly = false;
    const moved = await this.#move('transport', 'exit');
    if (moved.ok) {
      this.#presented();
      // The customer may grab the card the moment it shows, before the completion arrives.
      if (this.#wasTakenEarly()) this.#taken();
      return;
    }
    const failure = moved.error;
    if (failure.kind === 'completion' && failure.errorCode === 'mediaRetained') {
      // The device captured it on the way out: the customer is told it is kept.
      this.#retainedByDevice = true;
      this.#slot.moved('none');
      this.emit('event', { type: 'card-retained' });
      throw new Error('the reader retained the card on its way out');
    }
    if (failure.kind === 'completion' && failure.errorCode === 'noMedia' && (await this.#whereabouts())) return;
    const fault = deviceFault(failure);
    this.#keep(fault);
    throw new Error('the card could not be brought to the exit');
  }

  async retain(): Promise<boolean> {
    this.refuse();
    this.#held = false;
    if (this.#retainedByDevice) {
      this.#retainedByDevice = false;
      return true;
    }
    const from = this.#slot.position;
    if (from === 'none') return false;
    // Out of the customer's reach already; it goes into the storage once the device can move it.
    if (from === 'kept') return true;
    const unit = this.#link.retainUnit;
    if (!unit) return false;
    const moved = await this.#move(from, unit.key);
    if (moved.ok) {
      this.#stopWatchingExit();
      this.#slot.moved('none');
      await this.#retained();
      return true;
    }
    const failure = moved.error;
    if (failure.kind === 'completion' && failure.errorCode === 'full') {
      // The card is still where it was (Move_g.cs: "the card is still in the device"): at the
      // exit it is left behind; inside, it is kept until the unit has room.
      if (from === 'exit') {
        this.#fault('retain-bin-full');
        return false;
      }
      this.#keep('retain-bin-full');
      return true;
    }
    if (failure.kind === 'completion' && failure.errorCode === 'noMedia') {
      await this.#whereabouts();
      return false;
    }
    const fault = deviceFault(failure);
    // Inside and stuck, or not known to have left the transport: kept for staff. At the exit
    // the customer or staff may still take it: left behind.
    if (from === 'transport' || fault === 'jam') {
      this.#keep(fault);
      return true;
    }
    this.#fault(fault);
    return false;
  }

  async #move(from: string, to: string): Promise<CommandResult<'CardReader.Move'>> {
    this.#moving += 1;
    try {
      return await this.#link.command('CardReader.Move', { from, to }, { timeoutMs: this.#timings.moveMs });
    } finally {
      this.#moving -= 1;
    }
  }

  /** Issues ReadRawData (chip) until a card comes in or the kiosk stops waiting. */
  async #runIntake(): Promise<void> {
    if (this.#intakeRunning) return;
    this.#intakeRunning = true;
    try {
      // Never while the device has a card the kiosk did not draw in: that one is adopted (see #adopt).
      while (this.#accepting && this.#slot.position === 'none' && this.#link.usable && !HOLDING.has(this.#link.state.media)) {
        const read = await this.#link.command(
          'CardReader.ReadRawData',
          // No data source at all: the card is only drawn in (a My Number card has no stripe).
          { chip: this.#chipIo, track1: false, track2: false, track3: false },
          {
            timeoutMs: this.#timings.insertMs,
            onSent: (requestId) => {
              this.#intake = requestId;
              if (!this.#accepting) this.#link.cancel([requestId]);
            },
          },
        );
        this.#intake = undefined;
        if (read.ok) {
          const chip = read.value.chip?.[0];
          this.#slot.entered(chip?.data && !chip.status ? decodeBase64(chip.data) : undefined);
          return;
        }
        const failure = read.error;
        if (failure.kind === 'completion' && failure.code === 'timeOut') continue;
        if (failure.kind === 'completion' && failure.code === 'canceled') return;
        if (failure.kind === 'completion' && failure.code === 'commandErrorCode') {
          if (failure.errorCode === 'noMedia') continue;
          if (failure.errorCode === 'mediaJam' || failure.errorCode === 'shutterFail') {
            this.#fault(deviceFault(failure));
            return;
          }
          // Refused (no chip found, too short or long): the device gives it back at the exit.
          this.#presented();
          return;
        }
        this.#fault(deviceFault(failure));
        return;
      }
    } finally {
      this.#intakeRunning = false;
    }
  }

  /** At the exit: the customer's taking it is reported by the device, or seen by looking. */
  #presented(): void {
    this.#slot.moved('exit');
    if (this.#link.capabilities?.cardReader?.cardTakenSensor === true) return;
    this.#stopWatchingExit();
    this.#takenPoll = setInterval(() => void this.#whereabouts(), this.#timings.takenPollMs);
  }

  #wasTakenEarly(): boolean {
    return this.#takenEarly;
  }

  #stopWatchingExit(): void {
    clearInterval(this.#takenPoll);
    this.#takenPoll = undefined;
  }

  #taken(): void {
    if (this.#slot.position !== 'exit') return;
    this.#stopWatchingExit();
    this.#slot.moved('none');
    this.emit('event', { type: 'card-taken' });
    // Taken back after the kiosk had given up waiting for it (the intake is free again).
    if (this.#accepting) void this.#runIntake();
  }

  /** Asks the device where the card is after a move found none where expected; true if it is at the exit or gone. */
  async #whereabouts(): Promise<boolean> {
    const status = await this.#link.refreshStatus();
    const media = status?.cardReader?.media;
    if (media === 'notPresent') {
      if (this.#slot.position === 'exit') this.#taken();
      else if (this.#slot.position !== 'none') {
        this.#slot.moved('none');
        this.emit('event', { type: 'card-taken' });
      }
      return true;
    }
    if (media === 'entering') {
      if (this.#slot.position !== 'exit') this.#presented();
      return true;
    }
    return false;
  }

  /** The card is inside and cannot be moved now; it is owed to the retain storage. */
  #keep(fault: MechanicsFault | undefined): void {
    this.#stopWatchingExit();
    if (this.#slot.position !== 'kept') this.#slot.moved('kept');
    if (fault) this.#fault(fault);
  }

  #jammed(): void {
    if (this.#slot.position === 'transport' || this.#slot.position === 'exit') this.#keep('jam');
    else if (this.#slot.position === 'none') this.#fault('jam');
  }

  #fault(fault: MechanicsFault): void {
    const unit = this.#link.retainUnit;
    const binFault = fault === 'retain-bin-full' || fault === 'retain-bin-high';
    this.emit('event', { type: 'fault', fault, ...(binFault && unit ? { binCount: unit.count } : {}) });
  }

  /**
   * A card found in the device when the service connection opens (the kiosk restarted, the
   * link dropped): reported as any card left in a reader is, so that it is given back before
   * anyone starts — never read as the next customer's card. At the exit, it waits to be taken;
   * jammed, it is kept for staff.
   */
  async #adopt(): Promise<void> {
    if (this.#slot.position !== 'none') return;
    const media = this.#link.state.media;
    if (media === 'entering') this.#presented();
    else if (media === 'jammed') this.#keep('jam');
    if (media !== 'present' && media !== 'latched') return;
    if (!this.#chipIo) {
      this.#slot.entered(undefined);
      return;
    }
    const powered = await this.#link.command('CardReader.ChipPower', { chipPower: 'cold' }, { timeoutMs: this.#timings.moveMs });
    if (!this.#stillEmpty()) return;
    this.#slot.entered(powered.ok && powered.value.chipData ? decodeBase64(powered.value.chipData) : undefined);
  }

  /** Where the device says a card now is, by its own doing (MediaDetectedEvent, CardActionEvent). */
  #detected(position: string): void {
    if (position === 'jammed') {
      this.#jammed();
      return;
    }
    if (position === 'exit') {
      if (this.#slot.position === 'transport' || this.#slot.position === 'none') this.#presented();
      return;
    }
    if (position.startsWith('unit')) {
      if (this.#slot.position === 'none' || this.#moving > 0) return;
      // Retained by the device (e.g. its own timeout at the exit): the customer is told it is kept.
      this.#stopWatchingExit();
      this.#retainedByDevice = true;
      this.#slot.moved('none');
      void this.#retained();
      return;
    }
    if (position === 'transport' && this.#slot.position === 'none') void this.#adopt();
  }

  #stillEmpty(): boolean {
    return this.#slot.position === 'none';
  }

  /** A kept card is retained as soon as the device works again; an intake still wanted is re-issued. */
  async #linkChanged(): Promise<void> {
    if (!this.#link.usable) return;
    if (this.#slot.position === 'kept') {
      await this.#retainKept();
      return;
    }
    if (this.#slot.position === 'exit') await this.#whereabouts();
    if (this.#accepting) void this.#runIntake();
  }

  #stillKept(): boolean {
    return this.#slot.position === 'kept';
  }

  /** Moves a kept card into the retain storage from wherever the device now says it is. */
  async #retainKept(): Promise<void> {
    const unit = this.#link.retainUnit;
    const media = (await this.#link.refreshStatus())?.cardReader?.media;
    if (!unit || this.#slot.position !== 'kept' || media === undefined || media === null) return;
    // Staff took it out while freeing the device.
    if (media === 'notPresent') {
      this.#slot.moved('none');
      return;
    }
    const from = media === 'entering' ? 'exit' : 'transport';
    const moved = await this.#move(from, unit.key);
    // (The slot may have changed while the card moved.)
    if (!moved.ok || !this.#stillKept()) return;
    this.#slot.moved('none');
    await this.#retained();
  }

  /** Reports a card gone into the retain storage, with the unit's count as the device now gives it. */
  async #retained(): Promise<void> {
    const unit = await this.#link.refreshStorage();
    this.emit('event', { type: 'card-retained', ...(unit ? { binCount: unit.count } : {}) });
  }

  #unsolicited(event: ServiceEvent): void {
    if (event.name === 'CardReader.MediaRemovedEvent') {
      if (this.#moving > 0) this.#takenEarly = true;
      else this.#taken();
    }
    if (event.name === 'Common.StatusChangedEvent') {
      const media = event.payload.cardReader?.media;
      if (media === 'notPresent' && this.#moving === 0) this.#taken();
      // A jam during a move of the kiosk's is reported by that move; one at another time here.
      if (media === 'jammed' && this.#moving === 0) this.#jammed();
    }
    // The device found a card (after a reset or power-up) or moved one by itself.
    if (event.name === 'CardReader.MediaDetectedEvent') this.#detected(event.payload.position);
    if (event.name === 'CardReader.CardActionEvent') this.#detected(event.payload.to);
    if (event.name === 'Storage.StorageThresholdEvent') {
      const unit = this.#link.retainUnit;
      const state = unit && event.payload[unit.key]?.card?.status?.replenishmentStatus;
      if (state === 'full') this.#fault('retain-bin-full');
      if (state === 'high') this.#fault('retain-bin-high');
    }
    // The unit was emptied (or its count set): a card kept for want of room can go in now.
    if (event.name === 'Storage.CountsChangedEvent' || event.name === 'Storage.StorageChangedEvent') {
      if (this.#slot.position === 'kept' && this.#link.usable) void this.#retainKept();
    }
  }
}
