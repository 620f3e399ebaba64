// The card's side of whole customer sessions through the real kiosk core (simulated motorised
// reader, reference gateway over loopback), counted at the emulated card: a completed session
// costs 10 + ⌈T/256⌉ APDUs for a certificate of T bytes, and at 確認 a card that cannot sign
// as the certificate's owner — another card, or a clone with a copy of the certificate — is
// caught as swapped and nothing reaches the bank.
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatedCard, type EmulatedCardOptions } from '../../../native/devkit/emulator/emulated-card.ts';
import type { CardProfileName } from '../../../native/devkit/emulator/card-profiles.ts';
import type { VirtualCard } from '../../../native/devkit/emulator/virtual-card.ts';
import { CountingCard } from '../../../native/devkit/tools/counting-card.ts';
import { loadTestPki } from '../../../native/devkit/test-pki/test-pki.ts';
import { JpkiSession } from '../../../native/jpki/jpki-session.ts';
import { TestKiosk } from '../../../test/support/kiosk-driver.ts';

const SELECT = 0xa4;
const READ_BINARY = 0xb0;
const VERIFY = 0x20;
const SIGN = 0x2a;

/** A card in the reader's slot whose chip can be exchanged behind the reader's back: a swap the reader missed. */
class ExchangeableCard implements VirtualCard {
  chip: VirtualCard;
  constructor(chip: VirtualCard) {
    this.chip = chip;
  }
  get atr(): Uint8Array {
    return this.chip.atr;
  }
  powerOn(): void {
    this.chip.powerOn();
  }
  powerOff(): void {
    this.chip.powerOff();
  }
  reset(): void {
    this.chip.reset();
  }
  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.chip.transmit(command);
  }
}

/** A card as whoever swapped it in would have prepared it: JPKI AP selected and its own PIN verified. */
async function preparedChip(profile: CardProfileName, options: EmulatedCardOptions = {}): Promise<VirtualCard> {
  const chip = await createEmulatedCard(profile, options);
  chip.powerOn();
  const jpki = new JpkiSession({ atr: chip.atr, transmit: async (command) => ({ ok: true, value: await chip.transmit(command) }) });
  expect(await jpki.verifyPin(new TextEncoder().encode('1234'))).toEqual({ ok: true, value: undefined });
  return chip;
}

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.stop();
});

async function atReview(card: VirtualCard): Promise<TestKiosk> {
  const t = await TestKiosk.start({ gatewayProcessingMs: 0 });
  kiosks.push(t);
  await t.toInsertCard();
  if (!t.motorised().insert(card)) throw new Error('the reader refused the card');
  await t.typePin('1234');
  await t.at('review');
  return t;
}

describe('the card in a whole customer session', () => {
  it('costs 10 + ⌈T/256⌉ APDUs from insertion to the receipt: no token label, and a signature as the check at 確認', async () => {
    const certificateBytes = (await loadTestPki()).auth.default.certificate.length;
    const card = new CountingCard(await createEmulatedCard('default'));
    const t = await atReview(card);
    await t.confirm();
    await t.screen('finishing');
    t.take();
    await t.screen('complete');
    expect(t.gateway.submissions).toHaveLength(1);

    const reads = Math.ceil(certificateBytes / 256);
    expect(card.count).toBe(10 + reads);
    expect(card.instructions).toEqual([
      ...[SELECT, SELECT, ...Array<number>(reads).fill(READ_BINARY), SELECT, VERIFY], // at insertion: AP, certificate, PIN tries left
      ...[SELECT, VERIFY], // the PIN
      ...[SELECT, SIGN], // the gateway's challenge
      ...[SELECT, SIGN], // 確認: a fresh challenge, proving the card still holds the key
    ]);
  });

  it.each<[string, () => Promise<VirtualCard>]>([
    ['another card swapped in', () => preparedChip('one-try-left')],
    [
      'a clone swapped in (a copy of the certificate on a card with another key)',
      () => preparedChip('default', { authKeyOf: 'one-try-left' }),
    ],
  ])('catches %s at 確認, and gives the bank nothing', async (_, swapIn) => {
    const card = new ExchangeableCard(await createEmulatedCard('default'));
    const t = await atReview(card);
    card.chip = await swapIn();
    await t.confirm();
    await t.screen('card-swapped');
    expect(t.gateway.submissions).toHaveLength(0);
    expect(t.lastSession().events).toContain('card-swapped');
  });
});
