// Certificates and CRLs as operators receive them: DER, or PEM with one or more blocks.

/**
 * The DER objects in `bytes`: every `-----BEGIN <label>-----` block when the file is PEM,
 * else the bytes themselves. Empty when a PEM file holds no block of that label.
 */
export function derObjects(bytes: Uint8Array, label: 'CERTIFICATE' | 'X509 CRL'): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.includes('-----BEGIN ')) return [bytes];
  const block = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(block)].map((match) => new Uint8Array(Buffer.from(match[1] ?? '', 'base64')));
}
