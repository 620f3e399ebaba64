// The ATRs My Number cards answer with on the contact interface (CARD-PROTOCOL.md, "ATRs").
// The kiosk still detects a My Number card by selecting the JPKI AP, never by its ATR; the ATR
// only tells whether the token label needs reading to tell a card from a smartphone. A phone
// has no contacts, and a contactless reader makes up an ATR of its own from the token's
// answer (PC/SC part 3: 3B 8n 80 01 …), so a token answering with one of these ATRs is
// a card in contact with the reader. Any other ATR (contactless, an unknown card) has its
// label read.
import { fromHex } from '../apdu/hex.ts';

export const MY_NUMBER_CARD_CONTACT_ATRS: readonly Uint8Array[] = [
  fromHex('3B E0 00 FF 81 31 FE 45 14'),
  fromHex('3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B'),
  fromHex('3B C5 FF 81 31 FB 45 80 73 C6 01 00 00'),
];

export function isMyNumberCardContactAtr(atr: Uint8Array): boolean {
  return MY_NUMBER_CARD_CONTACT_ATRS.some((known) => known.length === atr.length && known.every((byte, i) => atr[i] === byte));
}
