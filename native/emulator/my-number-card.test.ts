import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../apdu/hex.ts';
import { MyNumberCard } from './my-number-card.ts';

const answer = async (card: MyNumberCard, hex: string): Promise<string> => toHex(await card.transmit(fromHex(hex)));

describe('My Number card: application selection', () => {
  it('selects the JPKI AP by its full DF name and by a prefix', async () => {
    const card = new MyNumberCard();
    expect(await answer(card, '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01')).toBe('90 00');
    expect(card.selectedApplication).toBe('jpki');
    card.reset();
    expect(await answer(card, '00 A4 04 0C 05 D3 92 F0 00 26')).toBe('90 00');
    expect(card.selectedApplication).toBe('jpki');
  });

  it('answers 6A82 for an unknown AID and keeps no application after reset', async () => {
    const card = new MyNumberCard();
    expect(await answer(card, '00 A4 04 0C 05 A0 00 00 00 03')).toBe('6A 82');
    await answer(card, '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    card.reset();
    expect(card.selectedApplication).toBeUndefined();
  });

  it('answers malformed and unknown commands with status words, never by throwing', async () => {
    const card = new MyNumberCard();
    expect(await answer(card, '00 A4')).toBe('67 00');
    expect(await answer(card, '00 FF 00 00')).toBe('6D 00');
    expect(await answer(card, 'A0 A4 04 0C 01 D3')).toBe('6E 00');
  });
});
