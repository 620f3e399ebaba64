// The JPKI client against the in-process emulator, through every status path the session
// machine acts on, counting APDUs.
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../apdu/hex.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import type { MyNumberCard } from '../devkit/emulator/my-number-card.ts';
import { SimulatedReader } from '../devkit/emulator/simulated-reader.ts';
import { publicKeyOf } from '../pki/describe-certificate.ts';
import { loadTestPki, type TestPki } from '../devkit/test-pki/test-pki.ts';
import type { CardProfileName } from '../devkit/emulator/card-profiles.ts';
import { selectJpkiAp } from './jpki-commands.ts';
import { JpkiSession } from './jpki-session.ts';
import type { ApduTransport, TransmitResult, TransportFailure } from './transport.ts';

const pin = (digits: string): Uint8Array => new TextEncoder().encode(digits);

/** A transport to the emulated card that records every command it carried. */
function recording(card: MyNumberCard): ApduTransport & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    atr: card.atr,
    sent,
    async transmit(command): Promise<TransmitResult> {
      sent.push(command);
      return { ok: true, value: await card.transmit(command) };
    },
  };
}

async function sessionFor(
  profile: CardProfileName,
): Promise<{ card: MyNumberCard; transport: ReturnType<typeof recording>; jpki: JpkiSession }> {
  const card = await createEmulatedCard(profile);
  const transport = recording(card);
  return { card, transport, jpki: new JpkiSession(transport) };
}

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

describe('利用者証明 on a valid card', () => {
  it('does 利用者証明 (select, PIN status, certificate, verify, sign) in at most 8 + ⌈T/256⌉ APDUs', async () => {
    const { transport, jpki } = await sessionFor('default');
    const message = new TextEncoder().encode('gateway challenge 0123456789');

    expect(await jpki.selectApplication()).toEqual({ ok: true, value: undefined });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    const certificate = await jpki.readAuthCertificate();
    expect(certificate.ok && toHex(certificate.value)).toBe(toHex(pki.auth.default.certificate));
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: true, value: undefined });
    const signature = await jpki.signWithAuthKey(message);
    if (!signature.ok || !certificate.ok) throw new Error('expected a signature');

    const key = await publicKeyOf(certificate.value);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature.value, message)).toBe(true);
    const chunks = Math.ceil(certificate.value.length / 256);
    expect(transport.sent.length).toBeLessThanOrEqual(8 + chunks);
  });

  it('reads exactly the certificate: no READ BINARY past its DER length', async () => {
    const { transport, jpki } = await sessionFor('default');
    const certificate = await jpki.readAuthCertificate();
    if (!certificate.ok) throw new Error('expected a certificate');
    const reads = transport.sent.filter((apdu) => apdu[1] === 0xb0);
    const requested = reads.map((apdu) => ((apdu[2] ?? 0) << 8) + (apdu[3] ?? 0) + ((apdu[4] ?? 0) || 256));
    expect(Math.max(...requested.slice(1))).toBe(certificate.value.length);
    expect(reads).toHaveLength(Math.ceil(certificate.value.length / 256));
  });

  it('tells a physical card from a smartphone token', async () => {
    expect(await (await sessionFor('default')).jpki.readTokenInfo()).toEqual({
      ok: true,
      value: { label: 'JPKIAPICCTOKEN2', kind: 'my-number-card' },
    });
    expect(await (await sessionFor('smartphone')).jpki.readTokenInfo()).toEqual({
      ok: true,
      value: { label: 'JPKIAPGPSETOKEN', kind: 'android-smartphone' },
    });
  });

  it('selects no application but the JPKI AP', async () => {
    const { card, jpki } = await sessionFor('default');
    await jpki.readTokenInfo();
    await jpki.readAuthCertificate();
    await jpki.pinTriesLeft();
    await jpki.verifyPin(pin('1234'));
    await jpki.signWithAuthKey(new Uint8Array(8));
    expect(new Set(card.selectedApplications)).toEqual(new Set(['jpki']));
  });
});

describe('PIN paths', () => {
  it('reports wrong PINs with the tries left, then the block, and reading the status spends no try', async () => {
    const { card, jpki } = await sessionFor('default');
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 2 } });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 2 });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 2 });
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 1 } });
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 0 });
    expect(card.pinTriesLeft).toBe(0);
  });

  it('restores all tries after a right PIN', async () => {
    const { jpki } = await sessionFor('default');
    await jpki.verifyPin(pin('0000'));
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: true, value: undefined });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
  });

  it('blocks on the single wrong try of a one-try-left card', async () => {
    const { jpki } = await sessionFor('one-try-left');
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 1 });
    expect(await jpki.verifyPin(pin('9999'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
  });

  it('reports a blocked card as blocked without changing it', async () => {
    const { card, jpki } = await sessionFor('pin-blocked');
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 0 });
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
    expect(card.pinTriesLeft).toBe(0);
  });

  it.each(['123', '12345', '12a4', '１２３４', ''])('sends nothing for the malformed PIN %j', async (digits) => {
    const { card, transport, jpki } = await sessionFor('default');
    expect(await jpki.verifyPin(pin(digits))).toEqual({ ok: false, error: { kind: 'invalid-pin-format' } });
    expect(transport.sent).toHaveLength(0);
    expect(card.pinTriesLeft).toBe(3);
  });

  it('zeroes its copy of the PIN once sent', async () => {
    const { transport, jpki } = await sessionFor('default');
    await jpki.verifyPin(pin('1234'));
    // The VERIFY with data is the only 9-byte command; by now every byte of it is zero.
    const verify = transport.sent.filter((apdu) => apdu.length === 9);
    expect(verify.map((apdu) => toHex(apdu))).toEqual(['00 00 00 00 00 00 00 00 00']);
  });
});

describe('card and transport failures', () => {
  it('reports a card without the JPKI AP as not a My Number card, whatever is asked', async () => {
    const { jpki } = await sessionFor('not-jpki');
    expect(await jpki.selectApplication()).toEqual({ ok: false, error: { kind: 'not-my-number-card' } });
    expect(await jpki.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'not-my-number-card' } });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'not-my-number-card' } });
  });

  it('reports signing without a verified PIN as security status not satisfied', async () => {
    const { jpki } = await sessionFor('default');
    expect(await jpki.signWithAuthKey(new Uint8Array(4))).toEqual({ ok: false, error: { kind: 'security-status-not-satisfied' } });
  });

  it('ends a certificate read cleanly when the card is pulled out mid-read', async () => {
    const reader = new SimulatedReader();
    const card = await createEmulatedCard('default');
    reader.insert(card);
    const transport = reader.connect();
    if (!transport) throw new Error('no card');
    let reads = 0;
    const pulling: ApduTransport = {
      atr: transport.atr,
      transmit: (command) => {
        if (command[1] === 0xb0 && ++reads === 2) reader.remove();
        return transport.transmit(command);
      },
    };
    const jpki = new JpkiSession(pulling);
    expect(await jpki.readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-removed' } });
    reader.insert(await createEmulatedCard('default'));
    expect(await jpki.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });

  it.each<TransportFailure>(['card-reset', 'reader-unavailable', 'transport'])(
    'passes on %s and starts over with a fresh SELECT',
    async (failure) => {
      const card = await createEmulatedCard('default');
      const inner = recording(card);
      let failNext = false;
      const flaky: ApduTransport = {
        atr: card.atr,
        transmit: (command) => {
          if (!failNext) return inner.transmit(command);
          failNext = false;
          card.reset();
          return Promise.resolve({ ok: false, error: failure });
        },
      };
      const jpki = new JpkiSession(flaky);
      expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
      failNext = true;
      expect(await jpki.pinTriesLeft()).toEqual({ ok: false, error: { kind: failure } });
      expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
      expect(toHex(inner.sent.at(-3) ?? new Uint8Array())).toBe(toHex(selectJpkiAp())); // SELECT AP again after the failure
    },
  );

  it('reports unexpected status words and garbage answers without throwing', async () => {
    const answers = [Uint8Array.of(0x90, 0x00), Uint8Array.of(0x6a, 0x82)];
    const scripted: ApduTransport = {
      atr: new Uint8Array(),
      transmit: () => Promise.resolve({ ok: true, value: answers.shift() ?? Uint8Array.of(0x90) }),
    };
    const jpki = new JpkiSession(scripted);
    expect(await jpki.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'unexpected-status', detail: 'SELECT EF 0018 answered 6A82' } });
    expect(await jpki.pinTriesLeft()).toMatchObject({ ok: false, error: { kind: 'malformed-response' } });
  });

  it('reports an empty (all FF) certificate file as malformed', async () => {
    const answers = [Uint8Array.of(0x90, 0x00), Uint8Array.of(0x90, 0x00), Uint8Array.of(...new Uint8Array(256).fill(0xff), 0x90, 0x00)];
    const scripted: ApduTransport = {
      atr: new Uint8Array(),
      transmit: () => Promise.resolve({ ok: true, value: answers.shift() ?? Uint8Array.of(0x6b, 0x00) }),
    };
    expect(await new JpkiSession(scripted).readAuthCertificate()).toMatchObject({ ok: false, error: { kind: 'malformed-response' } });
  });
});

/** A transport answering from a script of R-APDUs, for cards that lie. */
function scripted(...answers: string[]): ApduTransport & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    atr: new Uint8Array(),
    sent,
    transmit: (command) => {
      sent.push(command);
      const next = answers.shift();
      return Promise.resolve(next === undefined ? { ok: true, value: Uint8Array.of(0x6f, 0x00) } : { ok: true, value: fromHex(next) });
    },
  };
}

describe('a hostile or broken card', () => {
  const full = (byte: string, count: number): string => Array.from({ length: count }, () => byte).join(' ');

  it('refuses a certificate header claiming more than any real certificate as too large, after one read', async () => {
    const transport = scripted('90 00', '90 00', `30 82 EF FC ${full('00', 252)} 90 00`);
    expect(await new JpkiSession(transport).readAuthCertificate()).toEqual({
      ok: false,
      error: { kind: 'certificate-too-large', claimedBytes: 60 * 1024 },
    });
    expect(transport.sent).toHaveLength(3);
  });

  it('tells a certificate that is too large from an EF that holds no certificate', async () => {
    const card = await createEmulatedCard('default', { certificateLengthClaim: 60 * 1024 });
    expect(await new JpkiSession(recording(card)).readAuthCertificate()).toEqual({
      ok: false,
      error: { kind: 'certificate-too-large', claimedBytes: 61_440 },
    });
    expect(await new JpkiSession(scripted('90 00', '90 00', `${full('FF', 256)} 90 00`)).readAuthCertificate()).toMatchObject({
      ok: false,
      error: { kind: 'malformed-response', detail: 'the user-auth certificate EF holds no DER certificate' },
    });
  });

  it('cannot make the client ask again for ever by answering no data', async () => {
    const transport = scripted('90 00', '90 00', `30 82 02 00 ${full('00', 252)} 90 00`, '90 00', '90 00');
    expect(await new JpkiSession(transport).readAuthCertificate()).toEqual({
      ok: false,
      error: { kind: 'malformed-response', detail: 'READ BINARY at 256 answered no data' },
    });
    expect(transport.sent).toHaveLength(4);
  });

  it('cannot drip-feed a certificate one byte at a time: at most 4·⌈T/256⌉ reads', async () => {
    const card = await createEmulatedCard('default', { quirks: { maxReadLength: 1 } });
    const transport = recording(card);
    const length = pki.auth.default.certificate.length;
    expect(await new JpkiSession(transport).readAuthCertificate()).toEqual({
      ok: false,
      error: { kind: 'too-many-reads', reads: 4 * Math.ceil(length / 256) },
    });
    expect(transport.sent.filter((apdu) => apdu[1] === 0xb0)).toHaveLength(4 * Math.ceil(length / 256));
  });

  it('refuses a chunk longer than it asked for', async () => {
    const transport = scripted('90 00', '90 00', `30 82 01 04 ${full('00', 252)} 90 00`, `${full('00', 16)} 90 00`);
    expect(await new JpkiSession(transport).readAuthCertificate()).toMatchObject({ ok: false, error: { kind: 'malformed-response' } });
  });

  it('cannot claim more PIN tries than the card has', async () => {
    expect(await new JpkiSession(scripted('90 00', '90 00', '63 CF')).pinTriesLeft()).toMatchObject({
      ok: false,
      error: { kind: 'malformed-response' },
    });
    expect(await new JpkiSession(scripted('90 00', '90 00', '63 C5')).verifyPin(pin('1234'))).toMatchObject({
      ok: false,
      error: { kind: 'malformed-response' },
    });
  });

  it.each(['6D 00', '6E 00', '6A 86', '67 00'])('is not a My Number card when SELECT of the JPKI AP answers %s', async (sw) => {
    expect(await new JpkiSession(scripted(sw)).selectApplication()).toEqual({ ok: false, error: { kind: 'not-my-number-card' } });
  });

  it('wipes the PIN copy even when the transport throws', async () => {
    const sent: Uint8Array[] = [];
    let calls = 0;
    const throwing: ApduTransport = {
      atr: new Uint8Array(),
      transmit: (command) => {
        sent.push(command);
        calls += 1;
        if (calls < 3) return Promise.resolve({ ok: true, value: fromHex('90 00') });
        return Promise.reject(new Error('binding crashed'));
      },
    };
    await expect(new JpkiSession(throwing).verifyPin(pin('1234'))).rejects.toThrow('binding crashed');
    expect(toHex(sent[2] ?? new Uint8Array())).toBe('00 00 00 00 00 00 00 00 00');
  });
});

describe('secrets are never tried against a stale selection', () => {
  it('selects the PIN file again right before VERIFY, so a selection changed behind its back cannot spend a signing-password try', async () => {
    const card = await createEmulatedCard('default');
    const transport = recording(card);
    const jpki = new JpkiSession(transport);
    await jpki.pinTriesLeft(); // selects EF 0018
    await card.transmit(fromHex('00 A4 02 0C 02 00 1B')); // another party selects the signing password
    await jpki.verifyPin(pin('9999'));
    await card.transmit(fromHex('00 A4 02 0C 02 00 1B'));
    expect(toHex(await card.transmit(fromHex('00 20 00 80')))).toBe('63 C5');
    expect(card.pinTriesLeft).toBe(2);
  });
});

describe('a card answering short chunks', () => {
  it.each([100, 255, 64])('reads the certificate on from where a card answering %i bytes at a time stopped', async (maxReadLength) => {
    const card = await createEmulatedCard('default', { quirks: { maxReadLength } });
    const transport = recording(card);
    const certificate = await new JpkiSession(transport).readAuthCertificate();
    expect(certificate.ok && toHex(certificate.value)).toBe(toHex(pki.auth.default.certificate));
    const offsets = transport.sent.filter((apdu) => apdu[1] === 0xb0).map((apdu) => ((apdu[2] ?? 0) << 8) + (apdu[3] ?? 0));
    const length = pki.auth.default.certificate.length;
    expect(offsets).toEqual(Array.from({ length: Math.ceil(length / maxReadLength) }, (_, i) => i * maxReadLength));
  });

  it('reads the whole token label from a card answering 10 bytes at a time', async () => {
    const transport = recording(await createEmulatedCard('default', { quirks: { maxReadLength: 10 } }));
    expect(await new JpkiSession(transport).readTokenInfo()).toEqual({
      ok: true,
      value: { label: 'JPKIAPICCTOKEN2', kind: 'my-number-card' },
    });
    expect(transport.sent.filter((apdu) => apdu[1] === 0xb0)).toHaveLength(4);
  });

  it('refuses a token label dripped one byte at a time after 4 reads, rather than taking a cut label', async () => {
    const transport = recording(await createEmulatedCard('default', { quirks: { maxReadLength: 1 } }));
    expect(await new JpkiSession(transport).readTokenInfo()).toEqual({ ok: false, error: { kind: 'too-many-reads', reads: 4 } });
    expect(transport.sent.filter((apdu) => apdu[1] === 0xb0)).toHaveLength(4);
  });

  it('still costs exactly ⌈T/256⌉ reads on a card answering full chunks', async () => {
    const transport = recording(await createEmulatedCard('default', { quirks: { maxReadLength: 256 } }));
    const certificate = await new JpkiSession(transport).readAuthCertificate();
    if (!certificate.ok) throw new Error('expected a certificate');
    expect(transport.sent.filter((apdu) => apdu[1] === 0xb0)).toHaveLength(Math.ceil(certificate.value.length / 256));
  });
});

describe('cards whose inferred behaviour differs', () => {
  it.each([
    ['a larger certificate EF', { certificateEfSize: 4096 }],
    ['a verified PIN that survives re-selecting the AP', { reselectClearsVerification: false }],
  ])('still complete 利用者証明 with %s', async (_, quirks) => {
    const card = await createEmulatedCard('default', { quirks });
    const jpki = new JpkiSession(recording(card));
    expect(await jpki.readAuthCertificate()).toMatchObject({ ok: true });
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: true, value: undefined });
    expect(await jpki.signWithAuthKey(new Uint8Array(4))).toMatchObject({ ok: true });
  });
});
