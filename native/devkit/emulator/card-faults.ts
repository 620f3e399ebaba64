// A hostile card for testing the client's defences through the same attachments as a good
// card: its certificate header claims far more bytes than any real certificate. (A card that
// goes mute is MyNumberCard's `silentAt`.)
/** The certificate with its outer header (30 82 LL LL) claiming `claimedBytes` in all, at most 65539. */
export function withClaimedLength(der: Uint8Array, claimedBytes: number): Uint8Array {
  const content = claimedBytes - 4;
  if (der[0] !== 0x30 || der[1] !== 0x82) throw new RangeError('not a certificate with a 2-byte DER length');
  if (!Number.isInteger(content) || content < 0 || content > 0xffff) throw new RangeError('a 2-byte DER length claims 4..65539 bytes');
  const copy = Uint8Array.from(der);
  copy.set([0x30, 0x82, content >> 8, content & 0xff]);
  return copy;
}
