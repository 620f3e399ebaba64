// The JPKI client against the in-process emulator, through every status path the session
// machine acts on, counting APDUs.
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../apdu/hex.ts';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import type { MyNumberCard } from '../emulator/my-number-card.ts';
import { SimulatedReader } from '../emulator/simulated-reader.ts';
import { publicKeyOf } from '../pki/describe-certificate.ts';
import { loadTestPki, type TestPki } from '../pki/test-pki.ts';
import type { CardProfileName } from '../emulator/card-profiles.ts';
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
  it('reads the token, certificate and tries, verifies the PIN and signs in at most 8 + ⌈T/256⌉ APDUs', async () => {
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
      expect(inner.sent.at(-3)?.[1]).toBe(0xa4); // SELECT AP again after the failure
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
