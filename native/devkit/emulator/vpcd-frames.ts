// The vpcd wire format: each message is a 2-byte big-endian length and a payload. A 1-byte
// payload is a control code, anything longer a C-APDU (vsmartcard's vpcd.h).

export const VPCD_CONTROL = { powerOff: 0x00, powerOn: 0x01, reset: 0x02, getAtr: 0x04 } as const;

export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError('vpcd frame payload is at most 65535 bytes');
  const frame = new Uint8Array(payload.length + 2);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}

/** Splits a byte stream into frame payloads, keeping any incomplete tail for later. */
export class FrameDecoder {
  #pending = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    const buffer = new Uint8Array(this.#pending.length + chunk.length);
    buffer.set(this.#pending);
    buffer.set(chunk, this.#pending.length);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (buffer.length - offset >= 2) {
      const length = ((buffer[offset] ?? 0) << 8) | (buffer[offset + 1] ?? 0);
      if (buffer.length - offset - 2 < length) break;
      frames.push(buffer.slice(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    this.#pending = buffer.slice(offset);
    buffer.fill(0); // frames may carry a PIN: leave no copy behind
    return frames;
  }
}
