// Which card is in the reader, by the SHA-256 fingerprint of its user-auth certificate.
// Only the fingerprint is kept for the session: raw certificates are not retained.
import { createHash } from 'node:crypto';
import type { JpkiResult } from './jpki-error.ts';
import { JpkiSession } from './jpki-session.ts';
import type { ApduTransport } from './transport.ts';

export function certificateFingerprint(certificate: Uint8Array): string {
  return createHash('sha256').update(certificate).digest('hex');
}

/**
 * Re-reads the certificate of the card inside now, from a fresh selection, and tells whether
 * it is the card that signed. Checked when the customer confirms consent: a swapped card
 * must not be accepted. A different card, or none, is never reported as the same.
 */
export async function isSameCard(transport: ApduTransport, expectedFingerprint: string): Promise<JpkiResult<boolean>> {
  const certificate = await new JpkiSession(transport).readAuthCertificate();
  if (!certificate.ok) return certificate;
  return { ok: true, value: certificateFingerprint(certificate.value) === expectedFingerprint };
}
