// A card swapped between signing and consent is detected by its certificate.
import { describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { SimulatedReader } from '../emulator/simulated-reader.ts';
import { certificateFingerprint, isSameCard } from './card-identity.ts';
import { JpkiSession } from './jpki-session.ts';

describe('card identity', () => {
  it('confirms the card that signed and rejects another card', async () => {
    const reader = new SimulatedReader();
    reader.insert(await createEmulatedCard('default'));
    const first = reader.connect();
    if (!first) throw new Error('no card');
    const jpki = new JpkiSession(first);
    const certificate = await jpki.readAuthCertificate();
    if (!certificate.ok) throw new Error('no certificate');
    const fingerprint = certificateFingerprint(certificate.value);
    expect(await isSameCard(jpki, fingerprint)).toEqual({ ok: true, value: true });

    // A transport that outlives the card (a reader that missed the swap) still sees the new card's certificate.
    const other = await createEmulatedCard('one-try-left');
    const blind = new JpkiSession({ atr: other.atr, transmit: async (command) => ({ ok: true, value: await other.transmit(command) }) });
    expect(await isSameCard(blind, fingerprint)).toEqual({ ok: true, value: false });

    // Through the reader, the swap already shows as the card having left.
    reader.insert(other);
    expect(await isSameCard(jpki, fingerprint)).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });
});
