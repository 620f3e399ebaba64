// DF names (AIDs) of the applications on a My Number card (jpki-card.md).
import { fromHex } from '../apdu/hex.ts';

export const AID = {
  jpki: fromHex('D3 92 F0 00 26 01 00 00 00 01'),
  kenmenHojo: fromHex('D3 92 10 00 31 00 01 01 04 08'),
  kenmen: fromHex('D3 92 10 00 31 00 01 01 04 02'),
} as const;

export type ApplicationName = keyof typeof AID;
