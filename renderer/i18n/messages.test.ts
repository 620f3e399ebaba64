// What the card-error screen advises, per card problem: only a card that gave no answer from
// its contacts is worth turning round and inserting again.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages.ts';

const ORIENTATION = { ja: /向き/, en: /face up|direction/i };
const COUNTER = { ja: /窓口/, en: /counter|municipal office/i };

describe.each(['ja', 'en'] as const)('the card-error advice in %s', (language) => {
  const text = MESSAGES[language].cardError;

  it('asks to check the orientation of a mute card, and of no other', () => {
    expect(text.mute).toMatch(ORIENTATION[language]);
    for (const problem of ['unresponsive', 'damaged', 'not-my-number-card', 'smartphone'] as const) {
      expect({ problem, advice: ORIENTATION[language].test(text[problem]) }).toEqual({ problem, advice: false });
    }
  });

  it('sends a damaged card, or one that keeps falling silent, to the counter', () => {
    expect(text.damaged).toMatch(COUNTER[language]);
    expect(text.unresponsive).toMatch(COUNTER[language]);
  });
});

const STAFF = { ja: /係員/, en: /member of staff/i };

describe.each(['ja', 'en'] as const)('the reader-lost notice in %s', (language) => {
  const text = MESSAGES[language];

  it('names the reader, not the card, as what went away, and sends a customer whose card does not come back to staff', () => {
    const shown = [text.readerLost.title, text.readerLost.lead, text.readerLost.returned].join(' ');
    expect(shown).not.toContain(text.cardRemoved.title);
    expect(text.readerLost.returned).toMatch(STAFF[language]);
  });
});
