// The emulated card behaves as native/jpki/CARD-PROTOCOL.md documents the real one, command by command.
import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../apdu/hex.ts';
import { sha256DigestInfo } from '../../jpki/digest-info.ts';
import { loadTestPki, type TestPki } from '../test-pki/test-pki.ts';
import { createEmulatedCard } from './emulated-card.ts';
import { CERTIFICATE_EF_SIZE, MyNumberCard } from './my-number-card.ts';

const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';
const selectEf = (id: string): string => `00 A4 02 0C 02 ${id}`;
const PIN_1234 = '00 20 00 80 04 31 32 33 34';
const PIN_9999 = '00 20 00 80 04 39 39 39 39';
const PIN_STATUS = '00 20 00 80';

async function send(card: MyNumberCard, hex: string): Promise<{ data: Uint8Array; sw: string }> {
  const response = await card.transmit(fromHex(hex));
  return { data: response.slice(0, -2), sw: toHex(response.slice(-2), '') };
}

const sw = async (card: MyNumberCard, hex: string): Promise<string> => (await send(card, hex)).sw;

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

describe('application selection', () => {
  it('selects the JPKI AP by its full DF name and by a prefix', async () => {
    const card = await createEmulatedCard('default');
    expect(await sw(card, SELECT_JPKI)).toBe('9000');
    card.reset();
    expect(await sw(card, '00 A4 04 0C 05 D3 92 F0 00 26')).toBe('9000');
    expect(card.selectedApplication).toBe('jpki');
  });

  it('answers 6A82 for unknown applications and has no application after reset', async () => {
    const card = await createEmulatedCard('default');
    expect(await sw(card, '00 A4 04 0C 05 A0 00 00 00 03')).toBe('6A82');
    await send(card, SELECT_JPKI);
    card.reset();
    expect(card.selectedApplication).toBeUndefined();
    expect(await sw(card, selectEf('00 0A'))).toBe('6A82');
  });

  it('refuses SELECT MF with 6A86', async () => {
    expect(await sw(await createEmulatedCard('default'), '00 A4 00 00 02 3F 00')).toBe('6A86');
  });

  it('has no JPKI AP on a card that is not a My Number card', async () => {
    const card = await createEmulatedCard('not-jpki');
    expect(await sw(card, SELECT_JPKI)).toBe('6A82');
    expect(toHex(card.atr)).not.toBe('3B E0 00 FF 81 31 FE 45 14');
  });
});

describe('files of the JPKI AP', () => {
  it('stores the user-auth certificate FF-padded, reads short near the end and answers 6B00 past it', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 0A'));
    const certificate = pki.auth.default.certificate;
    const first = await send(card, '00 B0 00 00 00');
    expect(first.sw).toBe('9000');
    expect(toHex(first.data.subarray(0, 2))).toBe('30 82');
    expect(toHex(first.data)).toBe(toHex(certificate.subarray(0, 256)));
    const lastOffset = CERTIFICATE_EF_SIZE - 16;
    const tail = await send(card, `00 B0 ${toHex(Uint8Array.of(lastOffset >> 8, lastOffset & 0xff))} 00`);
    expect(tail.sw).toBe('9000');
    expect(tail.data.length).toBe(16);
    expect(tail.data.every((byte) => byte === 0xff)).toBe(true);
    const past = CERTIFICATE_EF_SIZE;
    expect(await sw(card, `00 B0 ${toHex(Uint8Array.of(past >> 8, past & 0xff))} 00`)).toBe('6B00');
  });

  it('holds the token label and the certificate-presence flags', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 06'));
    const info = await send(card, '00 B0 00 00 00');
    expect(info.data.length).toBe(160);
    expect(new TextDecoder().decode(info.data.subarray(0, 32))).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
    await send(card, selectEf('00 08'));
    expect(toHex((await send(card, '00 B0 00 00 03')).data)).toBe('8F 8F 00');
  });

  it('guards the 署名用 certificate with the signing password (5 tries)', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 01'));
    expect(await sw(card, '00 B0 00 00 00')).toBe('6982');
    await send(card, selectEf('00 1B'));
    expect(await sw(card, PIN_STATUS)).toBe('63C5');
    expect(await sw(card, '00 20 00 80 04 41 42 43 44')).toBe('63C4');
    expect(await sw(card, `00 20 00 80 08 ${toHex(new TextEncoder().encode('TEST1234'))}`)).toBe('9000');
    await send(card, selectEf('00 01'));
    expect(await sw(card, '00 B0 00 00 00')).toBe('9000');
  });

  it('answers READ BINARY on a PIN or key file with 6981 and without a current file with 6986', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    expect(await sw(card, '00 B0 00 00 00')).toBe('6986');
    await send(card, selectEf('00 18'));
    expect(await sw(card, '00 B0 00 00 00')).toBe('6981');
    expect(await sw(card, selectEf('12 34'))).toBe('6A82');
  });
});

describe('the 利用者証明用 PIN', () => {
  it('reports tries with an empty VERIFY without spending one, and never answers it with 9000', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await sw(card, PIN_STATUS)).toBe('63C3');
    expect(await sw(card, PIN_STATUS)).toBe('63C3');
    expect(await sw(card, PIN_1234)).toBe('9000');
    expect(await sw(card, PIN_STATUS)).toBe('63C3');
  });

  it('counts down 63C2, 63C1, 63C0, then answers 6984 even to the right PIN', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await sw(card, PIN_9999)).toBe('63C2');
    expect(await sw(card, PIN_9999)).toBe('63C1');
    expect(await sw(card, PIN_9999)).toBe('63C0');
    expect(await sw(card, PIN_1234)).toBe('6984');
    expect(await sw(card, PIN_STATUS)).toBe('63C0');
  });

  it('keeps failures across resets and power cycles, and resets the counter on the right PIN', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await sw(card, PIN_9999)).toBe('63C2');
    card.powerOff();
    card.powerOn();
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await sw(card, PIN_STATUS)).toBe('63C2');
    expect(await sw(card, PIN_1234)).toBe('9000');
    expect(await sw(card, PIN_STATUS)).toBe('63C3');
  });

  it.each([
    ['one-try-left', '63C1'],
    ['pin-blocked', '63C0'],
  ] as const)('starts the %s profile at %s', async (profile, status) => {
    const card = await createEmulatedCard(profile);
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await sw(card, PIN_STATUS)).toBe(status);
  });
});

describe('the user-auth signature', () => {
  const message = new TextEncoder().encode('challenge from the gateway');

  it('answers 6982 without a verified PIN', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 17'));
    expect(await sw(card, `80 2A 00 80 33 ${toHex(sha256DigestInfo(message))} 00`)).toBe('6982');
  });

  it('signs a DigestInfo deterministically with the key of its certificate', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    await send(card, PIN_1234);
    await send(card, selectEf('00 17'));
    const apdu = `80 2A 00 80 33 ${toHex(sha256DigestInfo(message))} 00`;
    const first = await send(card, apdu);
    const second = await send(card, apdu);
    expect(first.sw).toBe('9000');
    expect(first.data.length).toBe(256);
    expect(toHex(second.data)).toBe(toHex(first.data));
    const { publicKey } = new X509Certificate(pki.auth.default.certificate);
    expect(verifySignature('sha256', message, publicKey, first.data)).toBe(true);
  });

  it('keeps the verified PIN across EF selections in the application', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    await send(card, PIN_1234);
    await send(card, selectEf('00 0A'));
    await send(card, '00 B0 00 00 00');
    await send(card, selectEf('00 17'));
    expect(await sw(card, `80 2A 00 80 33 ${toHex(sha256DigestInfo(message))} 00`)).toBe('9000');
  });

  it('loses the verified PIN when the application is selected again (inferred)', async () => {
    const card = await createEmulatedCard('default');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    await send(card, PIN_1234);
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 17'));
    expect(await sw(card, `80 2A 00 80 33 ${toHex(sha256DigestInfo(message))} 00`)).toBe('6982');
  });
});

describe('robustness', () => {
  it('answers unknown instructions and classes with proper status words', async () => {
    const card = await createEmulatedCard('default');
    expect(await sw(card, '00 CA 01 00 00')).toBe('6D00');
    expect(await sw(card, 'A0 A4 04 0C 01 D3')).toBe('6E00');
    expect(await sw(card, '00 A4')).toBe('6700');
  });

  it('survives thousands of plausible but random commands without losing its secrets (seeded fuzz)', async () => {
    const card = await createEmulatedCard('default');
    let seed = 0x2545f491;
    const random = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pick = <T>(values: readonly T[]): T => values[random(values.length)] as T;
    const files = [0x0001, 0x0002, 0x0006, 0x0008, 0x000a, 0x000b, 0x0017, 0x0018, 0x001a, 0x001b, random(0x10000)];
    for (let i = 0; i < 3000; i += 1) {
      const ins = pick([0xa4, 0xb0, 0x20, 0x2a, random(256)]);
      let data: Uint8Array = Uint8Array.from({ length: pick([0, 1, 2, 4, 10, 51, random(255)]) }, () => random(256));
      // Steer some commands to real applications and files, so that the deep paths are reached too.
      if (ins === 0xa4 && random(3) === 0) data = fromHex('D3 92 F0 00 26 01 00 00 00 01');
      else if (ins === 0xa4 && random(2) === 0) {
        const file = pick(files);
        data = Uint8Array.of(file >> 8, file & 0xff);
      }
      // Random 4-byte VERIFY data hits the PIN 1234 with probability 2^-32 per try.
      const command = Uint8Array.of(
        pick([0x00, 0x80, random(256)]),
        ins,
        random(256),
        pick([0x00, 0x0c, 0x80, random(256)]),
        ...(data.length ? [data.length, ...data] : []),
        ...(random(2) ? [random(256)] : []),
      );
      const response = await card.transmit(command);
      const sw = ((response.at(-2) ?? 0) << 8) | (response.at(-1) ?? 0);
      expect(response.length).toBeGreaterThanOrEqual(2);
      expect(sw >> 8).toBeGreaterThanOrEqual(0x61);
      // No random command signs: the PIN was never verified.
      if (command[1] === 0x2a) expect(sw).not.toBe(0x9000);
    }
    // Random wrong PINs may have blocked it, but nothing ever raised the counter or verified it.
    expect(card.pinTriesLeft).toBeLessThanOrEqual(3);
    await card.transmit(fromHex(SELECT_JPKI));
    await card.transmit(fromHex(selectEf('00 17')));
    expect(await sw(card, `80 2A 00 80 33 ${toHex(sha256DigestInfo(new Uint8Array(1)))} 00`)).toBe('6982');
  });

  it('waits the configured latency per APDU and per signature', async () => {
    const waits: number[] = [];
    const card = await createEmulatedCard('slow', { delay: (ms) => Promise.resolve(waits.push(ms)) });
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    await send(card, PIN_1234);
    await send(card, selectEf('00 17'));
    await send(card, `80 2A 00 80 33 ${toHex(sha256DigestInfo(new Uint8Array(1)))} 00`);
    expect(waits).toEqual([150, 150, 150, 150, 150, 1500]);
  });
});

describe('a card that stops answering (fault injection)', () => {
  /** What the card answers within a moment, or undefined for silence. */
  const answerWithin = async (card: MyNumberCard, hex: string, ms = 50): Promise<string | undefined> => {
    const answer = card.transmit(fromHex(hex)).then((response) => toHex(response.slice(-2), ''));
    return Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
  };
  const SIGN = `80 2A 00 80 33 ${toHex(sha256DigestInfo(new Uint8Array(1)))} 00`;

  it('goes silent at a VERIFY with a PIN, still reporting the tries left before it', async () => {
    const card = await createEmulatedCard('default', { silentAt: 'verify' });
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await answerWithin(card, PIN_STATUS)).toBe('63C3');
    expect(await answerWithin(card, PIN_1234)).toBeUndefined();
    // Silent from then on: not even a SELECT is answered, until the card is reset.
    expect(await answerWithin(card, SELECT_JPKI)).toBeUndefined();
    card.reset();
    expect(await answerWithin(card, SELECT_JPKI)).toBe('9000');
    // The PIN was never checked: no try spent, nothing verified.
    expect(card.pinTriesLeft).toBe(3);
  });

  it('goes silent at the signature, after the PIN was verified', async () => {
    const card = await createEmulatedCard('unresponsive');
    await send(card, SELECT_JPKI);
    await send(card, selectEf('00 18'));
    expect(await answerWithin(card, PIN_1234)).toBe('9000');
    await send(card, selectEf('00 17'));
    expect(await answerWithin(card, SIGN)).toBeUndefined();
    card.powerOff();
    card.powerOn();
    expect(await answerWithin(card, SELECT_JPKI)).toBe('9000');
  });

  it('goes silent at a read', async () => {
    const card = await createEmulatedCard('default', { silentAt: 'read' });
    await send(card, SELECT_JPKI);
    expect(await answerWithin(card, selectEf('00 06'))).toBe('9000');
    expect(await answerWithin(card, '00 B0 00 00 20')).toBeUndefined();
  });
});
