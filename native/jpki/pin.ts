// The 利用者証明用 PIN: exactly 4 ASCII digits. Held in a byte buffer that is zeroed when
// done, never in a string (strings cannot be wiped and end up in heap dumps and logs).
import { PIN_LENGTH } from '../../electron/common/pin.ts';

export function isValidPin(pin: Uint8Array): boolean {
  return pin.length === PIN_LENGTH && pin.every((byte) => byte >= 0x30 && byte <= 0x39);
}

/** Overwrites secret bytes in place. */
export function wipe(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}
