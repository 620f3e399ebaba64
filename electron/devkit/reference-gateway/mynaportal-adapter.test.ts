// The simulated マイナポータル as the gateway's adapter sees it: the 利用者証明 on its own
// challenge, and the records each query method (表2.6-1) answers with.
import { describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../../../native/devkit/emulator/emulated-card.ts';
import { loadTestPki } from '../../../native/devkit/test-pki/test-pki.ts';
import { JpkiSession } from '../../../native/jpki/jpki-session.ts';
import { recordsFor, SimulatedMynaportal, type WireRecord } from './mynaportal-adapter.ts';

async function signed(
  challenge: Uint8Array,
  profile: 'default' | 'expired' = 'default',
): Promise<{ certificate: Uint8Array; signature: Uint8Array }> {
  const card = await createEmulatedCard(profile);
  const jpki = new JpkiSession({ atr: card.atr, transmit: async (command) => ({ ok: true, value: await card.transmit(command) }) });
  const certificate = await jpki.readAuthCertificate();
  await jpki.verifyPin(new TextEncoder().encode('1234'));
  const signature = await jpki.signWithAuthKey(challenge);
  if (!certificate.ok || !signature.ok) throw new Error('card failed');
  return { certificate: certificate.value, signature: signature.value };
}

async function mynaportal(): Promise<SimulatedMynaportal> {
  const pki = await loadTestPki();
  return new SimulatedMynaportal({
    records: () => [],
    trust: { trustAnchors: [pki.root], intermediates: [pki.authCa], crls: [pki.crl] },
    processingMs: 0,
    now: () => Date.now(),
  });
}

describe('the 利用者証明 at マイナポータル', () => {
  it('accepts a signature over its own challenge, once, and tells whom it authenticated', async () => {
    const portal = await mynaportal();
    const token = await portal.token();
    const challenge = await portal.challenge(token);
    if (!challenge) throw new Error('no challenge');
    const { certificate, signature } = await signed(challenge);
    expect(await portal.authenticate(token, { certificate, signature, signedData: challenge })).toMatchObject({
      ok: true,
      value: { user: expect.stringContaining('CN=') as unknown },
    });
    expect(await portal.authenticate(token, { certificate, signature, signedData: challenge })).toEqual({ ok: false, error: 'invalid' });
  });

  it('refuses data it did not issue, a signature by another key, and an expired certificate', async () => {
    const portal = await mynaportal();
    const token = await portal.token();
    const foreign = new TextEncoder().encode('a challenge マイナポータル never issued');
    const mine = await portal.challenge(token);
    if (!mine) throw new Error('no challenge');
    const overForeign = await signed(foreign);
    expect(await portal.authenticate(token, { ...overForeign, signedData: foreign })).toEqual({ ok: false, error: 'invalid' });
    expect(await portal.authenticate(token, { ...overForeign, signedData: mine })).toEqual({ ok: false, error: 'invalid' });
    const other = await portal.challenge(token);
    if (!other) throw new Error('no challenge');
    expect(await portal.authenticate(token, { ...(await signed(other, 'expired')), signedData: other })).toEqual({
      ok: false,
      error: 'invalid',
    });
  });
});

describe('records for each query method', () => {
  const taxes: WireRecord[] = [
    { 課税年度: '2025', 給与収入額: '6000000' },
    { 課税年度: '2023', 給与収入額: '5500000' },
    { 課税年度: '2024', 給与収入額: '5800000' },
  ];
  const years = (records: readonly WireRecord[]): (string | undefined)[] => records.map((record) => record['課税年度']);

  it('範囲指定: every record overlapping the period, oldest first', () => {
    expect(years(recordsFor(taxes, { method: 'range', from: '2024-06-01', to: '2026-01-31' }))).toEqual(['2024', '2025']);
  });

  it('時点指定: the record valid on the date', () => {
    expect(years(recordsFor(taxes, { method: 'point', date: '2024-03-31' }))).toEqual(['2023']);
    expect(years(recordsFor(taxes, { method: 'point', date: '2024-04-01' }))).toEqual(['2024']);
  });

  it('最新情報指定: the record latest by the declared item, whatever order マイナポータル holds them in', () => {
    expect(years(recordsFor(taxes, { method: 'latest', decidingItem: 'taxYear' }))).toEqual(['2025']);
  });
});
