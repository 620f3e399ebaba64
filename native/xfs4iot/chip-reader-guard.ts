// Card mechanics of a motorised reader whose chip's contacts are a PC/SC reader of their own:
// the XFS4IoT motor's, with a watch on that PC/SC reader. The motor holds the card, so nothing
// PC/SC says is a card taken or removed; but the chip of a held card becoming unreachable
// (the reader unplugged, pcscd or the card service gone, the contacts losing it) is a fault
// for staff. The session learns it from the card that no longer answers (see PcscChipPort),
// and the motor gives the card back as after any card fault.
import { EventEmitter } from 'node:events';
import type { CardMechanics, MechanicsEvent } from '../reader/card-mechanics.ts';
import type { ReaderEvent } from '../reader/reader-events.ts';
import type { ReaderPort } from '../reader/reader-port.ts';
import type { Xfs4IotMechanics } from './xfs4iot-mechanics.ts';

export class ChipReaderGuard extends EventEmitter<{ event: [MechanicsEvent] }> implements CardMechanics {
  readonly kind = 'motorised';
  readonly #motor: Xfs4IotMechanics;
  readonly #reader: string;
  /** Reported for this hold already: a reader going down reports several things at once. */
  #reported = false;

  constructor(motor: Xfs4IotMechanics, pcsc: ReaderPort, reader: string) {
    super();
    this.#motor = motor;
    this.#reader = reader;
    motor.on('event', (event) => this.emit('event', event));
    pcsc.on('event', (event) => this.#observe(event));
  }

  /** Whether the motor holds a card for a session now. */
  get holding(): boolean {
    return this.#motor.holding;
  }

  accept(): void {
    this.#motor.accept();
  }

  refuse(): void {
    this.#motor.refuse();
  }

  hold(): void {
    this.#reported = false;
    this.#motor.hold();
  }

  eject(): Promise<void> {
    return this.#motor.eject();
  }

  retain(): Promise<boolean> {
    return this.#motor.retain();
  }

  #observe(event: ReaderEvent): void {
    const lost =
      ((event.type === 'card-removed' || event.type === 'reader-detached') && event.reader === this.#reader) ||
      (event.type === 'service' && !event.available);
    if (!lost || !this.#motor.holding || this.#reported) return;
    this.#reported = true;
    this.emit('event', { type: 'fault', fault: 'chip-reader' });
  }
}
