// Counts the APDUs an operation costs, for tests and the card benchmark. Records only the
// instruction byte of each command, never its data (which may be a PIN).
import type { ApduTransport, TransmitResult } from '../../jpki/transport.ts';

export class CountingTransport implements ApduTransport {
  readonly #inner: ApduTransport;
  readonly instructions: number[] = [];

  constructor(inner: ApduTransport) {
    this.#inner = inner;
  }

  get atr(): Uint8Array {
    return this.#inner.atr;
  }

  get count(): number {
    return this.instructions.length;
  }

  reset(): void {
    this.instructions.length = 0;
  }

  transmit(command: Uint8Array): Promise<TransmitResult> {
    this.instructions.push(command[1] ?? -1);
    return this.#inner.transmit(command);
  }
}
