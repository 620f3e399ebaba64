// Counts the APDUs that reach an emulated card, whatever path they took (in-process, or
// pcsclite → pcscd → vpcd): the card benchmarks and tests count at the card, not at the
// client. Records only the instruction byte of each command, never its data (a PIN).
import type { VirtualCard } from '../emulator/virtual-card.ts';

export class CountingCard implements VirtualCard {
  readonly #inner: VirtualCard;
  readonly instructions: number[] = [];

  constructor(inner: VirtualCard) {
    this.#inner = inner;
  }

  get atr(): Uint8Array {
    return this.#inner.atr;
  }

  get count(): number {
    return this.instructions.length;
  }

  powerOn(): void {
    this.#inner.powerOn();
  }

  powerOff(): void {
    this.#inner.powerOff();
  }

  reset(): void {
    this.#inner.reset();
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    this.instructions.push(command[1] ?? -1);
    return this.#inner.transmit(command);
  }
}
