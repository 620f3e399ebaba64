// The emulated cards the kiosk must handle, by name. Every profile's PIN is 1234 and its
// signing password TEST1234; README.md lists them for developers and testers.
import { fromHex } from '../../apdu/hex.ts';
import type { AuthCertificateName } from '../test-pki/test-pki.ts';
import type { CardLatency, SilentAt } from './my-number-card.ts';

export const DEMO_PIN = '1234';
export const DEMO_SIGN_PASSWORD = 'TEST1234';

export interface CardProfile {
  readonly description: string;
  readonly atr?: Uint8Array;
  /** The card's certificates and keys in the test PKI; undefined: not a My Number card. */
  readonly certificate: AuthCertificateName | undefined;
  readonly tokenLabel: string;
  readonly pinTriesLeft: number;
  readonly latency?: CardLatency;
  /** A faulty card: silent from this command on (see MyNumberCardOptions). */
  readonly silentAt?: SilentAt;
}

/** An ATR of a contactless transit/payment card: anything but a My Number card. */
const FOREIGN_ATR = fromHex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 03 00 00 00 00 68');
/**
 * What a contactless reader reports for a phone held to it (PC/SC part 3 ATR of an ISO 14443-4
 * token without historical bytes): a phone has no contacts, so it never answers with a card's
 * contact ATR.
 */
const PHONE_ON_CONTACTLESS_READER_ATR = fromHex('3B 80 80 01 01');

export const CARD_PROFILES = {
  default: {
    description: 'A valid My Number card, 3 PIN tries left',
    certificate: 'default',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 3,
  },
  'one-try-left': {
    description: 'Valid card whose PIN has 1 try left',
    certificate: 'one-try-left',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 1,
  },
  'pin-blocked': {
    description: 'PIN blocked (0 tries): reset at the 市区町村窓口',
    certificate: 'pin-blocked',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 0,
  },
  expired: { description: 'User-auth certificate expired', certificate: 'expired', tokenLabel: 'JPKIAPICCTOKEN2', pinTriesLeft: 3 },
  revoked: {
    description: 'User-auth certificate revoked (listed in the test CRL)',
    certificate: 'revoked',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 3,
  },
  'not-yet-valid': {
    description: 'User-auth certificate not valid yet',
    certificate: 'not-yet-valid',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 3,
  },
  'not-jpki': {
    description: 'Not a My Number card (no JPKI AP)',
    atr: FOREIGN_ATR,
    certificate: undefined,
    tokenLabel: '',
    pinTriesLeft: 0,
  },
  smartphone: {
    description: 'Smartphone certificate token (label JPKIAPGPSETOKEN) held to a contactless reader, not a physical card',
    atr: PHONE_ON_CONTACTLESS_READER_ATR,
    certificate: 'smartphone',
    tokenLabel: 'JPKIAPGPSETOKEN',
    pinTriesLeft: 3,
  },
  slow: {
    description: 'Valid card answering slowly (150 ms per APDU, 1.5 s per signature)',
    certificate: 'slow',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 3,
    latency: { apduMs: 150, signMs: 1500 },
  },
  unresponsive: {
    description: 'Valid card that stops answering at the signature, after the PIN (a failing chip)',
    certificate: 'default',
    tokenLabel: 'JPKIAPICCTOKEN2',
    pinTriesLeft: 3,
    silentAt: 'sign',
  },
} as const satisfies Record<string, CardProfile>;

export type CardProfileName = keyof typeof CARD_PROFILES;

export const CARD_PROFILE_NAMES = Object.keys(CARD_PROFILES) as CardProfileName[];

export function isCardProfileName(name: string): name is CardProfileName {
  return Object.hasOwn(CARD_PROFILES, name);
}
