// The chip contacts of a simulated motorised reader that has no chip module of its own: a
// PC/SC reader is wired to them, so the card's chip is on that reader exactly while the card
// is in the transport — attached when the card is drawn onto the contacts, detached when it
// leaves them (to the exit, into the retain unit, stuck by a jam).
import { VpcdLink } from '../emulator/vpcd-link.ts';
import type { SimulatedReader } from '../emulator/simulated-reader.ts';
import type { VirtualCard } from '../emulator/virtual-card.ts';

export interface ChipContacts {
  /** The card is on the contacts: the PC/SC reader sees it (when it next looks). */
  attach(card: VirtualCard): void;
  /** The card is off the contacts; resolves once the PC/SC reader has been told. */
  detach(): Promise<void>;
}

/** Contacts wired to vsmartcard's vpcd in pcscd ("Virtual PCD 00 00" on 35963, "00 01" on 35964). */
export class VpcdContacts implements ChipContacts {
  readonly #port: number;
  #link: VpcdLink | undefined;

  constructor(port: number) {
    this.#port = port;
  }

  attach(card: VirtualCard): void {
    void this.#link?.stop();
    this.#link = new VpcdLink({ card, port: this.#port });
    // Not waited for: pcscd notices the card on its own schedule, as with a real contact unit.
    void this.#link.start();
  }

  async detach(): Promise<void> {
    const link = this.#link;
    this.#link = undefined;
    await link?.stop();
  }
}

/** Contacts wired to an in-process simulated reader (for tests that run without pcscd). */
export class SimulatedReaderContacts implements ChipContacts {
  readonly #reader: SimulatedReader;

  constructor(reader: SimulatedReader) {
    this.#reader = reader;
  }

  attach(card: VirtualCard): void {
    this.#reader.insert(card);
  }

  detach(): Promise<void> {
    this.#reader.remove();
    return Promise.resolve();
  }
}
