// The digits the customer has typed, in one fixed byte buffer that is overwritten when done.
// It lives in the session's context as a mutable object on purpose: immutable updates would
// leave a trail of copies of the PIN that nobody could wipe. It serialises as its length
// only, so snapshots, logs and tests never see a digit.
import { PIN_LENGTH } from '../../common/pin.ts';

export class PinEntry {
  readonly #digits = new Uint8Array(PIN_LENGTH);
  #length = 0;
  /** Digits submitted for VERIFY, handed to the card exactly once. */
  #sealed: Uint8Array | undefined;

  get length(): number {
    return this.#length;
  }

  get complete(): boolean {
    return this.#length === PIN_LENGTH;
  }

  append(digit: number): void {
    if (this.#length >= PIN_LENGTH || !Number.isInteger(digit) || digit < 0 || digit > 9) return;
    this.#digits[this.#length] = 0x30 + digit;
    this.#length += 1;
  }

  backspace(): void {
    if (this.#length === 0) return;
    this.#length -= 1;
    this.#digits[this.#length] = 0;
  }

  /** Moves the typed digits out of the keypad into a one-shot buffer for VERIFY. */
  seal(): void {
    if (!this.complete) return;
    this.#sealed?.fill(0);
    this.#sealed = this.#digits.slice();
    this.clearEntry();
  }

  /** The sealed digits, once; the caller wipes them after use. */
  takeSealed(): Uint8Array | undefined {
    const sealed = this.#sealed;
    this.#sealed = undefined;
    return sealed;
  }

  clearEntry(): void {
    this.#digits.fill(0);
    this.#length = 0;
  }

  clear(): void {
    this.clearEntry();
    this.#sealed?.fill(0);
    this.#sealed = undefined;
  }

  /** Whether no digit is held anywhere, for the tests that assert the wipe. */
  get empty(): boolean {
    return this.#length === 0 && this.#sealed === undefined && this.#digits.every((byte) => byte === 0);
  }

  toJSON(): { length: number } {
    return { length: this.#length };
  }
}
