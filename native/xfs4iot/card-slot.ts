// Where the card is in the motorised reader, as far as the kiosk knows: shared by the reader
// port (which talks to the chip while the card is in the transport) and the card mechanics
// (which move it). Only the mechanics change it.

/**
 * - none: no card in the device (or it went to the retain storage)
 * - transport: drawn in, on the contacts, out of the customer's reach
 * - exit: presented at the slot for the customer to take
 * - kept: inside, but the device cannot move it (a jam, the device unreachable): staff free it
 */
export type CardPosition = 'none' | 'transport' | 'exit' | 'kept';

export interface SlotChange {
  readonly from: CardPosition;
  readonly to: CardPosition;
}

export class CardSlot {
  #position: CardPosition = 'none';
  #atr: Uint8Array | undefined;
  #insertion = 0;
  readonly #listeners = new Set<(change: SlotChange) => void>();

  get position(): CardPosition {
    return this.#position;
  }

  /** The chip's ATR while the card is in the transport; undefined for a card whose chip did not answer. */
  get atr(): Uint8Array | undefined {
    return this.#position === 'transport' ? this.#atr : undefined;
  }

  /** Moves on with every card drawn in: a connection belongs to one insertion. */
  get insertion(): number {
    return this.#insertion;
  }

  /** A card was drawn in; `atr` undefined when its chip gave none. */
  entered(atr: Uint8Array | undefined): void {
    this.#insertion += 1;
    this.#atr = atr;
    this.#move('transport');
  }

  moved(to: Exclude<CardPosition, 'transport'>): void {
    this.#move(to);
  }

  onChange(listener: (change: SlotChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #move(to: CardPosition): void {
    const from = this.#position;
    this.#position = to;
    if (to !== 'transport') this.#atr = undefined;
    for (const listener of this.#listeners) listener({ from, to });
  }
}
