// A card swapped between signing and consent is detected by its certificate.
import { describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReader } from '../devkit/emulator/simulated-reader.ts';
import type { MyNumberCard } from '../devkit/emulator/my-number-card.ts';
import { certificateFingerprint, isSameCard } from './card-identity.ts';
import { JpkiSession } from './jpki-session.ts';
import type { ApduTransport } from './transport.ts';

/** A transport that talks to whichever card is in `slot` now: a reader that missed a swap. */
const blindTransport = (slot: { card: MyNumberCard }): ApduTransport => ({
  atr: slot.card.atr,
  transmit: async (command) => ({ ok: true, value: await slot.card.transmit(command) }),
});

async function signedFingerprint(transport: ApduTransport): Promise<string> {
  const jpki = new JpkiSession(transport);
  const certificate = await jpki.readAuthCertificate();
  await jpki.verifyPin(new TextEncoder().encode('1234'));
  const signature = await jpki.signWithAuthKey(new Uint8Array(32));
  if (!certificate.ok || !signature.ok) throw new Error('card failed');
  return certificateFingerprint(certificate.value);
}

describe('card identity at consent', () => {
  it('confirms the card that signed, on the transport that signed', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const transport = blindTransport(slot);
    const fingerprint = await signedFingerprint(transport);
    expect(await isSameCard(transport, fingerprint)).toEqual({ ok: true, value: true });
  });

  it('rejects another card swapped in behind the same transport, even one in the middle of a selection', async () => {
    const slot = { card: await createEmulatedCard('default') };
    const transport = blindTransport(slot);
    const fingerprint = await signedFingerprint(transport);
    slot.card = await createEmulatedCard('one-try-left');
    expect(await isSameCard(transport, fingerprint)).toEqual({ ok: true, value: false });
  });

  it('never reports a card that is gone as the same card', async () => {
    const reader = new SimulatedReader();
    reader.insert(await createEmulatedCard('default'));
    const transport = reader.connect();
    if (!transport) throw new Error('no card');
    const fingerprint = await signedFingerprint(transport);
    reader.insert(await createEmulatedCard('default'));
    expect(await isSameCard(transport, fingerprint)).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });
});
