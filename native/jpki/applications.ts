// Application identifiers and elementary files of the My Number card (native/jpki/CARD-PROTOCOL.md).
import { fromHex } from '../apdu/hex.ts';

export const AID = {
  jpki: fromHex('D3 92 F0 00 26 01 00 00 00 01'),
  kenmenHojo: fromHex('D3 92 10 00 31 00 01 01 04 08'),
  kenmen: fromHex('D3 92 10 00 31 00 01 01 04 02'),
} as const;

export type ApplicationName = keyof typeof AID;

/** Elementary files inside the JPKI AP, by their two-byte identifiers. */
export const JPKI_EF = {
  signCertificate: 0x0001,
  signCaCertificate: 0x0002,
  tokenInfo: 0x0006,
  certificatePresence: 0x0008,
  authCertificate: 0x000a,
  authCaCertificate: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPassword: 0x001b,
} as const;

/** Token labels in EF 0006 and what they mean for the kiosk. */
export const TOKEN_LABELS = {
  JPKIAPICCTOKEN2: 'my-number-card',
  JPKIAPICCTOKEN: 'juki-card',
  JPKIAPGPSETOKEN: 'android-smartphone',
  JPKIAPIOSTOKEN: 'iphone',
} as const;

export type TokenKind = (typeof TOKEN_LABELS)[keyof typeof TOKEN_LABELS] | 'unknown';

export const AUTH_PIN_TRIES = 3;
export const SIGN_PASSWORD_TRIES = 5;
