// Card mechanics of a plain PC/SC desk reader: it cannot hold the card, so while the card
// must be held any sign that it left (removed, reader gone, service down) ends the session.
import { EventEmitter } from 'node:events';
import type { ReaderEvent } from './reader-events.ts';
import type { CardMechanics, MechanicsEvent } from './card-mechanics.ts';
import type { ReaderPort } from './reader-port.ts';

export class PresenceGuard extends EventEmitter<{ event: [MechanicsEvent] }> implements CardMechanics {
  readonly kind = 'desk';
  readonly #port: ReaderPort;
  readonly #reader: string;
  #phase: 'idle' | 'holding' | 'returning' = 'idle';
  readonly #onEvent = (event: ReaderEvent): void => this.#observe(event);

  readonly #settleMs: number;

  /** settleMs: how long a reader that came back gets to report the card still in it. */
  constructor(port: ReaderPort, reader: string, options: { settleMs?: number } = {}) {
    super();
    this.#port = port;
    this.#reader = reader;
    this.#settleMs = options.settleMs ?? 1500;
    port.on('event', this.#onEvent);
  }

  /** Nothing to do: a desk reader has no intake. */
  accept(): void {
    this.#phase = 'idle';
  }

  /** Nothing to do: a desk reader has no intake. */
  refuse(): void {
    // A desk reader cannot stop a card from being pushed in.
  }

  hold(): void {
    this.#phase = 'holding';
    // Pulled out before the hold began: no event will come for it any more.
    if (!this.#present()) {
      this.#phase = 'idle';
      this.emit('event', this.#listed() ? { type: 'held-card-removed' } : { type: 'held-card-removed', outage: true });
    }
  }

  eject(): Promise<void> {
    // While the reader is away nobody can tell whether the card is still in it: the reader
    // says so once it is back (see #observe).
    const present = this.#present();
    this.#phase = present || !this.#listed() ? 'returning' : 'idle';
    if (this.#phase === 'idle') this.emit('event', { type: 'card-taken' });
    return Promise.resolve();
  }

  /** A desk reader cannot capture a card: the kiosk records that it was left behind. */
  retain(): Promise<boolean> {
    return Promise.resolve(false);
  }

  dispose(): void {
    this.#port.off('event', this.#onEvent);
  }

  /** The reader is known: the service is up and lists it. */
  #listed(): boolean {
    const { serviceAvailable, readers } = this.#port.snapshot();
    return serviceAvailable && readers.some((reader) => reader.name === this.#reader);
  }

  #present(): boolean {
    return this.#port.snapshot().readers.some((reader) => reader.name === this.#reader && reader.card !== 'empty');
  }

  #observe(event: ReaderEvent): void {
    const removed = event.type === 'card-removed' && event.reader === this.#reader;
    // An outage says nothing about where the card is, but a held card can no longer be trusted.
    const outage = (event.type === 'reader-detached' && event.reader === this.#reader) || (event.type === 'service' && !event.available);
    if (this.#phase === 'holding' && (removed || outage)) {
      this.#phase = 'idle';
      // A port reports a card removed before forgetting its reader when the reader or its
      // service goes away (see reader-service-host.ts): that removal was not seen either.
      const seenLeaving = removed && event.outage !== true && this.#listed();
      this.emit('event', seenLeaving ? { type: 'held-card-removed' } : { type: 'held-card-removed', outage: true });
      return;
    }
    if (this.#phase !== 'returning') return;
    // While returning, an outage is not a removal, even where the port reports the card
    // removed on its way down. Once the reader is back it reports its cards again: still
    // empty after that means the card was taken meanwhile.
    if (removed && !event.outage) {
      this.#taken();
      return;
    }
    if (event.type === 'reader-attached' && event.reader === this.#reader) {
      setTimeout(() => {
        if (this.#phase === 'returning' && !this.#present()) this.#taken();
      }, this.#settleMs);
    }
  }

  #taken(): void {
    this.#phase = 'idle';
    this.emit('event', { type: 'card-taken' });
  }
}
