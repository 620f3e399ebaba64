// The card signs a DER DigestInfo computed by the client; only SHA-256 is used.
import { createHash } from 'node:crypto';
import { fromHex } from '../apdu/hex.ts';

const SHA256_DIGEST_INFO_PREFIX = fromHex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20');

export function sha256DigestInfo(message: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(message).digest();
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + digest.length);
  out.set(SHA256_DIGEST_INFO_PREFIX);
  out.set(digest, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}
