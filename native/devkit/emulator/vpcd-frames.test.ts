import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../apdu/hex.ts';
import { encodeFrame, FrameDecoder } from './vpcd-frames.ts';

describe('vpcd framing', () => {
  it('prefixes the payload with its big-endian length', () => {
    expect(toHex(encodeFrame(fromHex('90 00')))).toBe('00 02 90 00');
  });

  it('reassembles frames split across and packed into TCP chunks', () => {
    const decoder = new FrameDecoder();
    const stream = new Uint8Array([...encodeFrame(fromHex('04')), ...encodeFrame(fromHex('00 A4 04 0C')), ...encodeFrame(fromHex('01'))]);
    const frames = [...decoder.push(stream.subarray(0, 1)), ...decoder.push(stream.subarray(1, 6)), ...decoder.push(stream.subarray(6))];
    expect(frames.map((frame) => toHex(frame))).toEqual(['04', '00 A4 04 0C', '01']);
  });

  it('holds an incomplete frame until the rest arrives', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(fromHex('00 03 AA'))).toEqual([]);
    expect(decoder.push(fromHex('BB CC')).map((frame) => toHex(frame))).toEqual(['AA BB CC']);
  });
});
