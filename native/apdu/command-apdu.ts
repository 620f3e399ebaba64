// ISO 7816-4 short command APDUs: the only kind the My Number card uses.
import type { Result } from '../../electron/common/result.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Lc bytes); empty when the command has none. */
  readonly data: Uint8Array;
  /** Expected response length: undefined when absent, 256 when Le is 00. */
  readonly le: number | undefined;
}

export type ParsedApdu = Result<CommandApdu, 'too-short' | 'bad-length'>;

/** Parses cases 1–4 of a short APDU; anything else is reported, never thrown. */
export function parseCommandApdu(bytes: Uint8Array): ParsedApdu {
  if (bytes.length < 4) return { ok: false, error: 'too-short' };
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  const header = { cla, ins, p1, p2 };
  const body = bytes.subarray(4);
  if (body.length === 0) return { ok: true, value: { ...header, data: new Uint8Array(0), le: undefined } };
  if (body.length === 1) return { ok: true, value: { ...header, data: new Uint8Array(0), le: body[0] || 256 } };
  const lc = body[0] ?? 0;
  if (lc === 0) return { ok: false, error: 'bad-length' }; // extended length: not used by this card
  if (body.length === 1 + lc) return { ok: true, value: { ...header, data: body.slice(1), le: undefined } };
  if (body.length === 2 + lc) return { ok: true, value: { ...header, data: body.slice(1, 1 + lc), le: body[1 + lc] || 256 } };
  return { ok: false, error: 'bad-length' };
}

/** Builds a short APDU; data and Le are omitted when undefined. */
export function encodeCommandApdu(apdu: Omit<CommandApdu, 'data' | 'le'> & { data?: Uint8Array; le?: number }): Uint8Array {
  const data = apdu.data ?? new Uint8Array(0);
  if (data.length > 255) throw new RangeError('short APDU data is at most 255 bytes');
  if (apdu.le !== undefined && (apdu.le < 1 || apdu.le > 256)) throw new RangeError('short APDU Le is 1..256');
  const parts = [apdu.cla, apdu.ins, apdu.p1, apdu.p2];
  if (data.length > 0) parts.push(data.length, ...data);
  if (apdu.le !== undefined) parts.push(apdu.le & 0xff);
  return Uint8Array.from(parts);
}
