// The command APDUs of the 利用者証明 flow, as on the wire (native/jpki/CARD-PROTOCOL.md).
import { encodeCommandApdu } from '../apdu/command-apdu.ts';
import { AID } from './applications.ts';

export const selectJpkiAp = (): Uint8Array => encodeCommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID.jpki });

export const selectFile = (id: number): Uint8Array =>
  encodeCommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(id >> 8, id & 0xff) });

export function readBinary(offset: number, length: number): Uint8Array {
  if (offset < 0 || offset > 0x7fff) throw new RangeError('READ BINARY offset is 15 bits');
  return encodeCommandApdu({ cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: length });
}

/** VERIFY with no data: the card answers 63Cx with the tries left, spending none. */
export const verifyStatus = (): Uint8Array => encodeCommandApdu({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 });

/**
 * VERIFY with the secret, built straight into one byte buffer (no intermediate array that
 * could not be wiped). The caller zeroes the returned buffer once it is sent.
 */
export function verify(secret: Uint8Array): Uint8Array {
  const apdu = new Uint8Array(5 + secret.length);
  apdu.set([0x00, 0x20, 0x00, 0x80, secret.length]);
  apdu.set(secret, 5);
  return apdu;
}

/** COMPUTE DIGITAL SIGNATURE with the selected key over a DER DigestInfo. */
export const sign = (digestInfo: Uint8Array): Uint8Array =>
  encodeCommandApdu({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 });
