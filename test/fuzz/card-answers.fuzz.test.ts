// A hostile or broken card: every answer the JPKI client gets is arbitrary bytes, a status word
// a real card uses, a truncated or oversized answer, or a transport failure. Every operation
// settles with a value or a typed error — no throw, no hang, no unbounded read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JpkiError } from '../../native/jpki/jpki-error.ts';
import { JpkiSession } from '../../native/jpki/jpki-session.ts';
import type { ApduTransport, TransmitResult, TransportFailure } from '../../native/jpki/transport.ts';
import { fuzzParameters, settlesWithin } from './fuzz-runs.ts';

const FAILURES: TransportFailure[] = ['card-removed', 'card-reset', 'reader-unavailable', 'transport', 'card-unresponsive'];
const ERROR_KINDS: JpkiError['kind'][] = [
  'not-my-number-card',
  'wrong-pin',
  'pin-blocked',
  'security-status-not-satisfied',
  'invalid-pin-format',
  'malformed-response',
  'certificate-too-large',
  'too-many-reads',
  'unexpected-status',
  ...FAILURES,
];

/** Status words real cards send, and any other; mostly 9000, so that the client gets deep into its reads. */
const statusWord = fc.oneof(
  { arbitrary: fc.constant(0x9000), weight: 6 },
  fc.constantFrom(0x6a82, 0x6b00, 0x6982, 0x6984, 0x6a86, 0x6d00, 0x6e00, 0x6700, 0x6f00, 0x6283),
  fc.integer({ min: 0x6c00, max: 0x6cff }),
  fc.integer({ min: 0x6100, max: 0x61ff }),
  fc.integer({ min: 0x63c0, max: 0x63cf }),
  fc.integer({ min: 0, max: 0xffff }),
);
const withStatus = (data: Uint8Array, sw: number): TransmitResult => ({ ok: true, value: Uint8Array.of(...data, sw >> 8, sw & 0xff) });
/** One answer: data (empty, a drip of a few bytes, a DER-looking header, full or oversized) and a status word, or a failure. */
const answer: fc.Arbitrary<TransmitResult> = fc.oneof(
  fc.tuple(fc.uint8Array({ maxLength: 300 }), statusWord).map(([data, sw]) => withStatus(data, sw)),
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((data) => withStatus(data, 0x9000)), weight: 3 },
  fc
    .tuple(fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ maxLength: 260 }), statusWord)
    .map(([length, rest, sw]) => withStatus(Uint8Array.of(0x30, 0x82, length >> 8, length & 0xff, ...rest), sw)),
  fc.tuple(fc.uint8Array({ minLength: 256, maxLength: 256 }), statusWord).map(([data, sw]) => withStatus(data, sw)),
  fc.uint8Array({ minLength: 257, maxLength: 700 }).map((data) => withStatus(data, 0x9000)),
  fc.uint8Array({ maxLength: 1 }).map((bytes): TransmitResult => ({ ok: true, value: bytes })),
  fc.constantFrom(...FAILURES).map((error): TransmitResult => ({ ok: false, error })),
);

class ScriptedCard implements ApduTransport {
  readonly atr = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);
  sent = 0;
  readonly #answers: TransmitResult[];
  constructor(answers: TransmitResult[]) {
    this.#answers = [...answers];
  }
  transmit(command: Uint8Array): Promise<TransmitResult> {
    this.sent += 1;
    expect(command.length).toBeLessThanOrEqual(261);
    return Promise.resolve(this.#answers.shift() ?? { ok: true, value: Uint8Array.of(0x6f, 0x00) });
  }
}

type Operation = 'select' | 'token' | 'certificate' | 'ca-certificate' | 'tries' | 'verify' | 'sign';
const OPERATIONS: Operation[] = ['select', 'token', 'certificate', 'ca-certificate', 'tries', 'verify', 'sign'];

async function run(session: JpkiSession, operation: Operation): Promise<{ ok: boolean; value?: unknown; error?: JpkiError }> {
  switch (operation) {
    case 'select':
      return session.selectApplication();
    case 'token':
      return session.readTokenInfo();
    case 'certificate':
      return session.readAuthCertificate();
    case 'ca-certificate':
      return session.readAuthCaCertificate();
    case 'tries':
      return session.pinTriesLeft();
    case 'verify':
      return session.verifyPin(new TextEncoder().encode('1234'));
    case 'sign':
      return session.signWithAuthKey(new TextEncoder().encode('challenge'));
  }
}

describe('the JPKI client against arbitrary card answers', () => {
  it('settles every operation with a value or a typed error, sending a bounded number of commands', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { maxLength: 200 }),
        fc.array(fc.constantFrom(...OPERATIONS), { minLength: 1, maxLength: 8 }),
        async (answers, operations) => {
          const card = new ScriptedCard(answers);
          const session = new JpkiSession(card);
          for (const operation of operations) {
            const before = card.sent;
            const result = await settlesWithin(run(session, operation), 1000, operation);
            // Never more than a certificate's worth of short reads, plus the selections.
            expect(card.sent - before).toBeLessThanOrEqual(4 * 16 + 4);
            if (!result.ok) {
              expect(ERROR_KINDS).toContain(result.error?.kind);
              continue;
            }
            if (operation === 'certificate' || operation === 'ca-certificate')
              expect((result.value as Uint8Array).length).toBeLessThanOrEqual(4096);
            if (operation === 'tries') expect(result.value).toBeOneOf([0, 1, 2, 3]);
            if (operation === 'sign') expect((result.value as Uint8Array).length).toBe(256);
          }
        },
      ),
      fuzzParameters(),
    );
  });
});

/** A card that answers consistently, however oddly: every READ BINARY with `drip` bytes of a certificate claiming `claimed` bytes. */
class DrippingCard implements ApduTransport {
  readonly atr = Uint8Array.of(0x3b);
  reads = 0;
  readonly #drip: number;
  readonly #file: Uint8Array;
  constructor(drip: number, claimed: number) {
    this.#drip = drip;
    const content = Math.max(0, claimed - 4);
    this.#file = new Uint8Array(Math.min(claimed, 8192) + 256).fill(0xab);
    this.#file.set([0x30, 0x82, content >> 8, content & 0xff]);
  }
  transmit(command: Uint8Array): Promise<TransmitResult> {
    if (command[1] !== 0xb0) return Promise.resolve({ ok: true, value: Uint8Array.of(0x90, 0x00) });
    this.reads += 1;
    const offset = (((command[2] ?? 0) & 0x7f) << 8) | (command[3] ?? 0);
    const asked = command[4] === 0 ? 256 : (command[4] ?? 256);
    const data = this.#file.subarray(offset, offset + Math.min(asked, this.#drip));
    return Promise.resolve({ ok: true, value: Uint8Array.of(...data, 0x90, 0x00) });
  }
}

describe('the JPKI client against a card that answers in drips', () => {
  it('reads at most 4·⌈T/256⌉ times for a certificate of T bytes (T ≤ 4 KB), and refuses larger claims without reading them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 4, max: 0xffff + 4 }), async (drip, claimed) => {
        const card = new DrippingCard(drip, claimed);
        const result = await settlesWithin(new JpkiSession(card).readAuthCertificate(), 1000, 'certificate');
        const bound = 4 * Math.ceil(Math.min(claimed, 4096) / 256);
        expect(card.reads).toBeLessThanOrEqual(Math.max(bound, 4));
        if (claimed > 4096) expect(result).toMatchObject({ ok: false, error: { kind: 'certificate-too-large' } });
        if (result.ok) expect(result.value.length).toBe(claimed);
      }),
      fuzzParameters(),
    );
  });
});
