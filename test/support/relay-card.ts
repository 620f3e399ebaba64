// The card at the reader's contacts, as the fault matrix needs it: it answers as the card it
// relays, until it goes mute (stops answering from that moment, as a failing chip or contact
// does: a command never comes back until the card is reset or powered off, and its late answer
// reaches no host), or until another card is put behind the same contacts without the reader
// seeing a removal (a shim relaying another card: only the certificate check at 確認 catches it).
import type { VirtualCard } from '../../native/devkit/emulator/virtual-card.ts';

export class RelayCard implements VirtualCard {
  #card: VirtualCard;
  #mute = false;
  readonly #unanswered = new Set<() => void>();

  constructor(card: VirtualCard) {
    this.#card = card;
  }

  get atr(): Uint8Array {
    return this.#card.atr;
  }

  get muted(): boolean {
    return this.#mute;
  }

  /** From now on no command is answered. */
  mute(): void {
    this.#mute = true;
  }

  /** Another card answers from now on, under the same contacts. */
  relay(card: VirtualCard): void {
    this.#card = card;
  }

  powerOn(): void {
    this.#answerNobody();
    this.#card.powerOn();
  }

  powerOff(): void {
    this.#answerNobody();
    this.#card.powerOff();
  }

  reset(): void {
    this.#answerNobody();
    this.#card.reset();
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.#mute) return this.#card.transmit(command);
    return new Promise((resolve) => this.#unanswered.add(() => resolve(Uint8Array.of(0x6f, 0x00))));
  }

  #answerNobody(): void {
    for (const answer of this.#unanswered) answer();
    this.#unanswered.clear();
  }
}
