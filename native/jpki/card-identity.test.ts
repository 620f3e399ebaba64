// At consent the card inside must prove that it holds the key of the certificate read at
// insertion: a fresh challenge signed in the PIN state verified for the session, 2 APDUs.
import { describe, expect, it } from 'vitest';
import { createEmulatedCard, type EmulatedCardOptions } from '../devkit/emulator/emulated-card.ts';
import type { CardProfileName } from '../devkit/emulator/card-profiles.ts';
import { SimulatedReader } from '../devkit/emulator/simulated-reader.ts';
import type { MyNumberCard } from '../devkit/emulator/my-number-card.ts';
import { CountingTransport } from '../devkit/tools/counting-transport.ts';
import { holdsKeyOf } from './card-identity.ts';
import { JpkiSession } from './jpki-session.ts';
import type { ApduTransport } from './transport.ts';

const PIN = (): Uint8Array => new TextEncoder().encode('1234');
const SIGN = 0x2a;

/** A transport that talks to whichever card is in `slot` now: a reader that missed a swap. */
const blindTransport = (slot: { card: MyNumberCard }): ApduTransport => ({
  atr: slot.card.atr,
  transmit: async (command) => ({ ok: true, value: await slot.card.transmit(command) }),
});

/** The session up to 確認: certificate read, PIN verified, the gateway's challenge signed. */
async function authenticated(transport: ApduTransport): Promise<{ jpki: JpkiSession; certificate: Uint8Array }> {
  const jpki = new JpkiSession(transport);
  const certificate = await jpki.readAuthCertificate();
  const verified = await jpki.verifyPin(PIN());
  const signature = await jpki.signWithAuthKey(new Uint8Array(32));
  if (!certificate.ok || !verified.ok || !signature.ok) throw new Error('card failed');
  return { jpki, certificate: certificate.value };
}

/**
 * A card as whoever swapped it in would have prepared it: JPKI AP selected, its PIN verified;
 * with the certificate it answers.
 */
async function preparedCard(
  profile: CardProfileName,
  options: EmulatedCardOptions = {},
): Promise<{ card: MyNumberCard; certificate: Uint8Array }> {
  const card = await createEmulatedCard(profile, options);
  const { certificate } = await authenticated(blindTransport({ card }));
  return { card, certificate };
}

describe('card identity at consent', () => {
  it('confirms the card that signed, with two APDUs', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const counting = new CountingTransport(blindTransport(slot));
    const { jpki, certificate } = await authenticated(counting);
    counting.reset();
    expect(await holdsKeyOf(jpki, certificate)).toEqual({ ok: true, value: true });
    expect(counting.instructions).toEqual([0xa4, SIGN]); // SELECT the key EF, SIGN
  });

  it('signs a fresh challenge at every check, so an earlier signature cannot be replayed', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const signed: string[] = [];
    const inner = blindTransport(slot);
    const recording: ApduTransport = {
      atr: inner.atr,
      transmit: (command) => {
        if (command[1] === SIGN) signed.push(Buffer.from(command).toString('hex'));
        return inner.transmit(command);
      },
    };
    const { jpki, certificate } = await authenticated(recording);
    await holdsKeyOf(jpki, certificate);
    await holdsKeyOf(jpki, certificate);
    expect(signed).toHaveLength(3);
    expect(new Set(signed).size).toBe(3);
  });

  it('rejects a card with a copy of the certificate but another key, swapped in behind the same transport', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const { jpki, certificate } = await authenticated(blindTransport(slot));
    const clone = await preparedCard('default', { authKeyOf: 'one-try-left' });
    // The clone answers every read exactly as the card did: only the key tells it apart.
    expect(clone.certificate).toEqual(certificate);
    slot.card = clone.card;
    expect(await holdsKeyOf(jpki, certificate)).toEqual({ ok: true, value: false });
  });

  it('rejects another card swapped in behind the same transport', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const { jpki, certificate } = await authenticated(blindTransport(slot));
    slot.card = (await preparedCard('one-try-left')).card;
    expect(await holdsKeyOf(jpki, certificate)).toEqual({ ok: true, value: false });
  });

  it('does not confirm a card that was reset: its verified PIN is gone', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const { jpki, certificate } = await authenticated(blindTransport(slot));
    slot.card.reset();
    expect((await holdsKeyOf(jpki, certificate)).ok).toBe(false);
  });

  it('does not confirm a card that answers 6982 (security status not satisfied) to the signature', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const inner = blindTransport(slot);
    let refuse = false;
    const refusing: ApduTransport = {
      atr: inner.atr,
      transmit: (command) =>
        refuse && command[1] === SIGN ? Promise.resolve({ ok: true, value: Uint8Array.of(0x69, 0x82) }) : inner.transmit(command),
    };
    const { jpki, certificate } = await authenticated(refusing);
    refuse = true;
    expect(await holdsKeyOf(jpki, certificate)).toEqual({ ok: false, error: { kind: 'security-status-not-satisfied' } });
  });

  it('never reports a card that is gone as the same card', async () => {
    const reader = new SimulatedReader();
    reader.insert(await createEmulatedCard('default'));
    const transport = reader.connect();
    if (!transport) throw new Error('no card');
    const { jpki, certificate } = await authenticated(transport);
    reader.insert(await createEmulatedCard('default'));
    expect(await holdsKeyOf(jpki, certificate)).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });
});
