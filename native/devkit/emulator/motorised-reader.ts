// A simulated motorised card reader for the demo: it draws the card in, keeps it out of the
// customer's reach while held, presents it at the slot when ejected, and can capture a card
// left at the slot into its capture bin. The demo's developer panel acts as the customer's hand.
import { EventEmitter } from 'node:events';
import type { CardMechanics, MechanicsEvent } from '../../reader/card-mechanics.ts';
import type { SimulatedReader } from './simulated-reader.ts';
import type { VirtualCard } from './virtual-card.ts';

export type CardPosition = 'none' | 'inside' | 'at-slot';

export class SimulatedMotorisedReader extends EventEmitter<{ event: [MechanicsEvent] }> implements CardMechanics {
  readonly kind = 'motorised';
  readonly #reader: SimulatedReader;
  #card: VirtualCard | undefined;
  #position: CardPosition = 'none';
  #held = false;
  /** Captured cards drop into a bin behind the contacts, as in a real reader: the slot is free again. */
  readonly #bin: VirtualCard[] = [];
  /** The shutter opens only while the kiosk waits for a card. */
  #accepting = false;

  constructor(reader: SimulatedReader) {
    super();
    this.#reader = reader;
  }

  get position(): CardPosition {
    return this.#position;
  }

  /** The shutter is open: a card pushed in now is drawn in. */
  get accepting(): boolean {
    return this.#accepting;
  }

  /** The customer pushes a card into the slot: drawn onto the contacts if the shutter is open. */
  insert(card: VirtualCard): boolean {
    if (!this.#accepting || this.#position !== 'none') return false;
    this.#accepting = false;
    this.#card = card;
    this.#position = 'inside';
    this.#reader.insert(card);
    return true;
  }

  accept(): void {
    this.#accepting = this.#position === 'none';
  }

  refuse(): void {
    this.#accepting = false;
  }

  /** The customer reaches for the card: only possible once it is at the slot. */
  take(): boolean {
    if (this.#position !== 'at-slot') return false;
    this.#position = 'none';
    this.#card = undefined;
    this.emit('event', { type: 'card-taken' });
    return true;
  }

  hold(): void {
    this.#held = true;
  }

  eject(): Promise<void> {
    this.#held = false;
    if (this.#position !== 'inside') return Promise.resolve();
    this.#reader.remove();
    this.#position = 'at-slot';
    return Promise.resolve();
  }

  retain(): Promise<boolean> {
    if (this.#position !== 'at-slot' && this.#position !== 'inside') return Promise.resolve(false);
    if (this.#position === 'inside') this.#reader.remove();
    if (this.#card) this.#bin.push(this.#card);
    this.#card = undefined;
    this.#position = 'none';
    this.#held = false;
    // Counted as a retain unit does: the register records each card's place in it.
    this.emit('event', { type: 'card-retained', binCount: this.#bin.length });
    return Promise.resolve(true);
  }

  /** Cards in the capture bin. */
  get retainedCount(): number {
    return this.#bin.length;
  }

  /** Staff empty the capture bin. */
  collectRetained(): VirtualCard[] {
    return this.#bin.splice(0);
  }

  /** Whether the reader is holding a card for a session now. */
  get holding(): boolean {
    return this.#held && this.#position === 'inside';
  }
}
