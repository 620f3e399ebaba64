// An in-process card reader holding an emulated card: the demo default, which needs no
// pcscd. Like a PC/SC reader, a connection is bound to one insertion: once that card is
// removed, its transport answers 'card-removed' even if another card is inserted.
import { EventEmitter } from 'node:events';
import type { ApduTransport, TransmitResult } from '../../jpki/transport.ts';
import type { VirtualCard } from './virtual-card.ts';

interface SimulatedReaderEvents {
  'card-inserted': [atr: Uint8Array];
  'card-removed': [];
}

export class SimulatedReader extends EventEmitter<SimulatedReaderEvents> {
  readonly name: string;
  #card: VirtualCard | undefined;
  #insertion = 0;

  constructor(name = 'Simulated reader 0') {
    super();
    this.name = name;
  }

  get card(): VirtualCard | undefined {
    return this.#card;
  }

  insert(card: VirtualCard): void {
    if (this.#card) this.remove();
    this.#card = card;
    this.#insertion += 1;
    card.powerOn();
    this.emit('card-inserted', card.atr);
  }

  remove(): void {
    if (!this.#card) return;
    this.#card.powerOff();
    this.#card = undefined;
    this.emit('card-removed');
  }

  /** A transport to the card inside now, or undefined when the reader is empty. */
  connect(): ApduTransport | undefined {
    const card = this.#card;
    if (!card) return undefined;
    const insertion = this.#insertion;
    const present = (): boolean => this.#card === card && this.#insertion === insertion;
    return {
      atr: card.atr,
      transmit: async (command): Promise<TransmitResult> => {
        if (!present()) return { ok: false, error: 'card-removed' };
        const response = await card.transmit(command);
        // Removed while the card was working: the answer never reaches the host.
        return present() ? { ok: true, value: response } : { ok: false, error: 'card-removed' };
      },
    };
  }
}
