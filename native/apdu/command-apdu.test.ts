import { describe, expect, it } from 'vitest';
import { encodeCommandApdu, parseCommandApdu } from './command-apdu.ts';
import { fromHex, toHex } from './hex.ts';

describe('short command APDUs', () => {
  it.each([
    ['case 1', '00 20 00 80', { data: '', le: undefined }],
    ['case 2 with Le 00 meaning 256', '00 B0 00 00 00', { data: '', le: 256 }],
    ['case 3', '00 A4 02 0C 02 00 18', { data: '00 18', le: undefined }],
    ['case 4', '80 2A 00 80 02 AA BB 00', { data: 'AA BB', le: 256 }],
  ])('parses %s', (_, hex, expected) => {
    const parsed = parseCommandApdu(fromHex(hex));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toHex(parsed.value.data)).toBe(expected.data);
    expect(parsed.value.le).toBe(expected.le);
  });

  it.each([
    ['fewer than 4 bytes', '00 A4 04', 'too-short'],
    ['Lc larger than the data', '00 A4 04 0C 05 D3 92', 'bad-length'],
    ['extended length', '00 B0 00 00 00 01 00', 'bad-length'],
  ])('reports %s instead of throwing', (_, hex, error) => {
    expect(parseCommandApdu(fromHex(hex))).toEqual({ ok: false, error });
  });

  it('round-trips through the encoder', () => {
    const bytes = encodeCommandApdu({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: fromHex('01 02 03'), le: 256 });
    expect(toHex(bytes)).toBe('80 2A 00 80 03 01 02 03 00');
  });

  it('refuses to encode data that does not fit a short APDU', () => {
    expect(() => encodeCommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(256) })).toThrow(RangeError);
  });
});

describe('hex notation', () => {
  it('rejects odd or non-hex text', () => {
    expect(() => fromHex('0A B')).toThrow();
    expect(() => fromHex('ZZ')).toThrow();
  });
});
