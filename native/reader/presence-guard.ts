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

  constructor(port: ReaderPort, reader: string) {
    super();
    this.#port = port;
    this.#reader = reader;
    port.on('event', this.#onEvent);
  }

  hold(): void {
    this.#phase = 'holding';
  }

  eject(): Promise<void> {
    const present = this.#port.snapshot().readers.some((reader) => reader.name === this.#reader && reader.card !== 'empty');
    this.#phase = present ? 'returning' : 'idle';
    if (!present) this.emit('event', { type: 'card-taken' });
    return Promise.resolve();
  }

  /** A desk reader cannot capture a card: the kiosk records that it was left behind. */
  retain(): Promise<boolean> {
    return Promise.resolve(false);
  }

  dispose(): void {
    this.#port.off('event', this.#onEvent);
  }

  #observe(event: ReaderEvent): void {
    const gone =
      (event.type === 'card-removed' && event.reader === this.#reader) ||
      (event.type === 'reader-detached' && event.reader === this.#reader) ||
      (event.type === 'service' && !event.available);
    if (!gone) return;
    if (this.#phase === 'holding') this.emit('event', { type: 'held-card-removed' });
    if (this.#phase === 'returning') this.emit('event', { type: 'card-taken' });
    this.#phase = 'idle';
  }
}
