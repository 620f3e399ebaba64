// The developer panel's hand: inserts and takes emulated cards in the demo's simulated reader.
import { createEmulatedCard } from '../../../native/devkit/emulator/emulated-card.ts';
import { CARD_PROFILE_NAMES, CARD_PROFILES, isCardProfileName } from '../../../native/devkit/emulator/card-profiles.ts';
import { SimulatedMotorisedReader } from '../../../native/devkit/emulator/motorised-reader.ts';
import type { SimulatedReaderPort } from '../../../native/devkit/emulator/simulated-reader-port.ts';
import type { CardMechanics } from '../../../native/reader/card-mechanics.ts';
import type { DemoMessage, DemoState } from '../common/host-protocol.ts';

/** A demo card reader the developer panel drives: what it can do, and how it looks. */
export interface DemoDevice {
  /** False when the action is not possible now (an unknown profile, the slot taken, a fault this reader has not). */
  handle(message: DemoMessage): Promise<boolean>;
  /** The reader's part of the panel's state (the host adds the service key's). */
  state(): Omit<DemoState, 'serviceKey'>;
}

export class DemoReader implements DemoDevice {
  readonly #port: SimulatedReaderPort;
  readonly #mechanics: CardMechanics;

  constructor(simulated: { readonly port: SimulatedReaderPort; readonly mechanics: CardMechanics }) {
    this.#port = simulated.port;
    this.#mechanics = simulated.mechanics;
  }

  handle(message: DemoMessage): Promise<boolean> {
    if (message.type === 'insert') return this.insert(message.profile);
    if (message.type === 'take') return Promise.resolve(this.take());
    return Promise.resolve(false);
  }

  /** False when the card cannot go in: an unknown profile, or the slot is taken. */
  async insert(profile: string): Promise<boolean> {
    if (!isCardProfileName(profile)) return false;
    const card = await createEmulatedCard(profile);
    if (this.#mechanics instanceof SimulatedMotorisedReader) return this.#mechanics.insert(card);
    if (this.#port.reader.card) return false;
    this.#port.reader.insert(card);
    return true;
  }

  take(): boolean {
    if (this.#mechanics instanceof SimulatedMotorisedReader) return this.#mechanics.take();
    if (!this.#port.reader.card) return false;
    this.#port.reader.remove();
    return true;
  }

  /** The reader's part of the panel's state (the host adds the service key's). */
  state(): Omit<DemoState, 'serviceKey'> {
    const motorised = this.#mechanics instanceof SimulatedMotorisedReader ? this.#mechanics : undefined;
    return {
      type: 'demo-state',
      mechanics: motorised ? 'motorised' : 'desk',
      card: motorised ? motorised.position : this.#port.reader.card ? 'inside' : 'none',
      accepting: motorised ? motorised.accepting : !this.#port.reader.card,
      retained: motorised?.retainedCount ?? 0,
      profiles: CARD_PROFILE_NAMES.map((name) => ({ name, description: CARD_PROFILES[name].description })),
    };
  }
}
