// Which card is in the reader. The SHA-256 fingerprint of the user-auth certificate names the
// card for the session (the audit trail keys it); at consent the card proves that it still
// holds that certificate's private key. Only the fingerprint and the certificate read at
// insertion are kept for the session.
import { createHash, randomBytes } from 'node:crypto';
import { publicKeyOf } from '../pki/describe-certificate.ts';
import { fail, ok, type JpkiResult } from './jpki-error.ts';
import type { JpkiSession } from './jpki-session.ts';

export function certificateFingerprint(certificate: Uint8Array): string {
  return createHash('sha256').update(certificate).digest('hex');
}

const CHALLENGE_BYTES = 32;

/**
 * Whether the card behind `jpki` holds the private key of `certificate` (the one read at
 * insertion): it signs a fresh random challenge with its user-auth key in the PIN state
 * verified earlier in the session (SELECT of the key EF and SIGN: 2 APDUs), and the signature
 * is checked against the certificate's public key. Checked when the customer confirms
 * consent: another card fails, also one carrying a copy of the certificate, since only the
 * card that holds the key can sign. A card that lost the verified state (reset: `6982`) or
 * cannot sign answers an error, never `true`.
 */
export async function holdsKeyOf(jpki: JpkiSession, certificate: Uint8Array): Promise<JpkiResult<boolean>> {
  const challenge = randomBytes(CHALLENGE_BYTES);
  const signature = await jpki.signWithAuthKey(challenge);
  if (!signature.ok) return signature;
  const key = await publicKeyOf(certificate).catch(() => undefined);
  if (!key) return fail({ kind: 'malformed-response', detail: 'the user-auth certificate holds no RSA key' });
  return ok(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature.value, challenge));
}
