// Cards that are broken or hostile, for testing the client's defences through the same
// attachments as a good card: one that goes mute on a command, and one whose certificate
// header claims far more bytes than any real certificate.
import type { VirtualCard } from './virtual-card.ts';

export interface CardFaults {
  /**
   * The card never answers this instruction byte ('all': any command): the reader waits for
   * ever, as behind vpcd, which has no timeout of its own.
   */
  readonly neverAnswer?: number | 'all';
}

export function withFaults(card: VirtualCard, faults: CardFaults): VirtualCard {
  const { neverAnswer } = faults;
  if (neverAnswer === undefined) return card;
  return {
    get atr() {
      return card.atr;
    },
    powerOn: () => card.powerOn(),
    powerOff: () => card.powerOff(),
    reset: () => card.reset(),
    transmit: (command) => {
      if (neverAnswer !== 'all' && command[1] !== neverAnswer) return card.transmit(command);
      command.fill(0); // it may carry a PIN, and no card will ever read it
      return new Promise<Uint8Array>(() => undefined);
    },
  };
}

/** The certificate with its outer header (30 82 LL LL) claiming `claimedBytes` in all, at most 65539. */
export function withClaimedLength(der: Uint8Array, claimedBytes: number): Uint8Array {
  const content = claimedBytes - 4;
  if (der[0] !== 0x30 || der[1] !== 0x82) throw new RangeError('not a certificate with a 2-byte DER length');
  if (!Number.isInteger(content) || content < 0 || content > 0xffff) throw new RangeError('a 2-byte DER length claims 4..65539 bytes');
  const copy = Uint8Array.from(der);
  copy.set([0x30, 0x82, content >> 8, content & 0xff]);
  return copy;
}
