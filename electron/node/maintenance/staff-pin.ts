// Staff PINs: typed into a wipeable buffer (never a string), stored only as a slow salted hash
// (scrypt, Node's own: OpenSSL's implementation), compared in constant time. The parameters
// are stored with each hash, so that a later, slower setting can coexist with older hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const STAFF_PIN_MIN = 6;
export const STAFF_PIN_MAX = 12;

/** The digits typed on the menu's keypad, in a fixed buffer that is overwritten when done. */
export class StaffPinEntry {
  readonly #digits = new Uint8Array(STAFF_PIN_MAX);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  append(digit: number): void {
    if (this.#length >= STAFF_PIN_MAX || !Number.isInteger(digit) || digit < 0 || digit > 9) return;
    this.#digits[this.#length] = 0x30 + digit;
    this.#length += 1;
  }

  backspace(): void {
    if (this.#length === 0) return;
    this.#length -= 1;
    this.#digits[this.#length] = 0;
  }

  /** The typed digits as a new buffer, for one hash or comparison; the caller wipes it. */
  copy(): Uint8Array {
    return this.#digits.slice(0, this.#length);
  }

  /** Whether both entries hold the same digits (a new PIN typed twice). */
  matches(other: StaffPinEntry): boolean {
    const mine = this.copy();
    const theirs = other.copy();
    const same = mine.length === theirs.length && timingSafeEqual(mine, theirs);
    mine.fill(0);
    theirs.fill(0);
    return same;
  }

  clear(): void {
    this.#digits.fill(0);
    this.#length = 0;
  }

  get empty(): boolean {
    return this.#length === 0 && this.#digits.every((byte) => byte === 0);
  }

  /** Snapshots, logs and tests see the length only. */
  toJSON(): { length: number } {
    return { length: this.#length };
  }
}

/** N = 2^15, r = 8: 32 MiB and about a tenth of a second per try (OWASP's scrypt minimum is 2^17 with r = 8, p = 1 at 128 MiB; a kiosk has little memory to spare and PINs are also locked out after 5 tries). */
const PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(pin: Uint8Array, salt: Buffer, parameters: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...parameters, maxmem: 256 * parameters.N * parameters.r };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** "scrypt$N$r$p$salt$hash" (base64): what the staff table stores. */
export async function hashStaffPin(pin: Uint8Array): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, PARAMETERS);
  const encoded = ['scrypt', PARAMETERS.N, PARAMETERS.r, PARAMETERS.p, salt.toString('base64'), key.toString('base64')].join('$');
  key.fill(0);
  return encoded;
}

export async function verifyStaffPin(pin: Uint8Array, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  const same = key.length === expected.length && timingSafeEqual(key, expected);
  key.fill(0);
  return same;
}

let decoy: Promise<string> | undefined;

/** A hash of nothing anyone knows: an unknown staff number costs the same time as a known one. */
export const decoyHash = (): Promise<string> => (decoy ??= hashStaffPin(randomBytes(8)));
