// An in-process card reader holding an emulated card: the demo default, which needs no
// pcscd. Like a PC/SC reader, a connection is bound to one insertion: once that card is
// removed, its transport answers 'card-removed' even if another card is inserted. The reader
// can be unplugged and plugged in again (a USB desk reader): the card stays in its slot,
// unpowered meanwhile, and connections from before are dead.
import { EventEmitter } from 'node:events';
import type { ApduTransport, TransmitResult } from '../../jpki/transport.ts';
import type { VirtualCard } from './virtual-card.ts';

interface SimulatedReaderEvents {
  'card-inserted': [atr: Uint8Array];
  'card-removed': [];
  /** Unplugged: the card, if any, is still in the slot, unpowered. */
  detached: [];
  /** Plugged in again: a card in the slot is powered up. */
  attached: [];
}

export class SimulatedReader extends EventEmitter<SimulatedReaderEvents> {
  readonly name: string;
  #card: VirtualCard | undefined;
  #insertion = 0;
  #attached = true;
  /** Moves on whenever the card loses power without leaving (the reader unplugged). */
  #power = 0;

  constructor(name = 'Simulated reader 0') {
    super();
    this.name = name;
  }

  get card(): VirtualCard | undefined {
    return this.#card;
  }

  get attached(): boolean {
    return this.#attached;
  }

  insert(card: VirtualCard): void {
    if (this.#card) this.remove();
    this.#card = card;
    this.#insertion += 1;
    if (this.#attached) card.powerOn();
    this.emit('card-inserted', card.atr);
  }

  remove(): void {
    if (!this.#card) return;
    this.#card.powerOff();
    this.#card = undefined;
    this.emit('card-removed');
  }

  /** The reader's cable pulled out. */
  unplug(): void {
    if (!this.#attached) return;
    this.#attached = false;
    this.#power += 1;
    this.#card?.powerOff();
    this.emit('detached');
  }

  plugIn(): void {
    if (this.#attached) return;
    this.#attached = true;
    this.#card?.powerOn();
    this.emit('attached');
  }

  /** A transport to the card inside now, or undefined when the reader is empty or unplugged. */
  connect(): ApduTransport | undefined {
    const card = this.#card;
    if (!card || !this.#attached) return undefined;
    const insertion = this.#insertion;
    const power = this.#power;
    const failure = (): TransmitResult | undefined => {
      if (this.#card !== card || this.#insertion !== insertion) return { ok: false, error: 'card-removed' };
      return this.#power === power ? undefined : { ok: false, error: 'reader-unavailable' };
    };
    return {
      atr: card.atr,
      transmit: async (command): Promise<TransmitResult> => {
        const before = failure();
        if (before) return before;
        const response = await card.transmit(command);
        // Removed (or unpowered) while the card was working: the answer never reaches the host.
        return failure() ?? { ok: true, value: response };
      },
    };
  }
}
