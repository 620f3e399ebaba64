// The length of a certificate at the start of a card EF. The EF is larger than the
// certificate and padded with FF, so the reader reads the header first and then only what the
// DER length says (native/jpki/CARD-PROTOCOL.md, READ BINARY).
import type { Result } from '../../electron/common/result.ts';

export type CertificateLength = Result<number, 'not-a-certificate' | 'need-more'>;

const SEQUENCE = 0x30;
// A card EF offset is 15 bits, so a certificate never needs more than two length bytes; three
// are accepted for files from elsewhere.
const MAX_LENGTH_BYTES = 3;

/** Total DER length (header included) from the first bytes of an EF. */
export function derCertificateLength(header: Uint8Array): CertificateLength {
  if (header.length === 0) return { ok: false, error: 'need-more' };
  if (header[0] !== SEQUENCE) return { ok: false, error: 'not-a-certificate' };
  if (header.length < 2) return { ok: false, error: 'need-more' };
  const first = header[1] ?? 0;
  if (first < 0x80) return first === 0 ? { ok: false, error: 'not-a-certificate' } : { ok: true, value: 2 + first };
  const count = first & 0x7f;
  // 0x80 is BER's indefinite length, which DER forbids.
  if (count === 0 || count > MAX_LENGTH_BYTES) return { ok: false, error: 'not-a-certificate' };
  if (header.length < 2 + count) return { ok: false, error: 'need-more' };
  let length = 0;
  for (const byte of header.subarray(2, 2 + count)) length = length * 256 + byte;
  if (length === 0) return { ok: false, error: 'not-a-certificate' };
  return { ok: true, value: 2 + count + length };
}
