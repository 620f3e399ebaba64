// Which transmission protocol ChipIO must name for a card: the first one its ATR offers.
import type { ChipProtocol } from './messages.ts';

/**
 * ISO/IEC 7816-3 §8.2: after TS and T0, the interface bytes TA1…TD1 follow as T0's high
 * nibble says; TD1's low nibble is the first protocol offered. Without TD1 the card speaks
 * T=0. The My Number card's ATR (3B E0 00 FF 81 31 FE 45 14) has TD1 = 81: T=1.
 */
export function chipProtocolOf(atr: Uint8Array): ChipProtocol {
  const format = atr[1];
  if (format === undefined || (format & 0x80) === 0) return 'chipT0';
  const before = [0x10, 0x20, 0x40].filter((bit) => (format & bit) !== 0).length;
  const td1 = atr[2 + before];
  return td1 !== undefined && (td1 & 0x0f) === 1 ? 'chipT1' : 'chipT0';
}
