// What the card-error screen advises, per card problem: only a card that gave no answer from
// its contacts is worth turning round and inserting again; where the counter can help, it is
// named while staffed, and the branch's phone number given otherwise.
import { describe, expect, it } from 'vitest';
import { CARD_PROBLEM_COUNTER, counterHelp } from './counter-help.ts';
import { formatDateTime } from '../format/format.ts';
import { MESSAGES } from './messages.ts';

const ORIENTATION = { ja: /向き/, en: /face up|direction/i };
const COUNTER = { ja: /窓口/, en: /counter|municipal office/i };
const ASK_AT_COUNTER = { ja: /窓口にお声がけ/, en: /ask at the counter/i };

describe.each(['ja', 'en'] as const)('the card-error advice in %s', (language) => {
  const text = MESSAGES[language].cardError;

  it('asks to check the orientation of a mute card, and of no other', () => {
    expect(text.mute).toMatch(ORIENTATION[language]);
    for (const problem of ['unresponsive', 'damaged', 'not-my-number-card', 'smartphone'] as const) {
      expect({ problem, advice: ORIENTATION[language].test(text[problem]) }).toEqual({ problem, advice: false });
    }
  });

  it('sends a damaged card at once, and one that keeps falling silent after another try, to the counter', () => {
    expect(CARD_PROBLEM_COUNTER.damaged).toBe('now');
    expect(CARD_PROBLEM_COUNTER.unresponsive).toBe('ifAgain');
    expect(counterHelp(language, { staffed: true })).toMatch(COUNTER[language]);
    expect(counterHelp(language, { staffed: true }, true)).toMatch(COUNTER[language]);
  });

  it('gives the branch’s phone number instead of the counter outside its staffed hours', () => {
    for (const ifAgain of [false, true]) {
      const help = counterHelp(language, { staffed: false, phone: '0120-123-456' }, ifAgain);
      expect(help).toContain('0120-123-456');
      expect(help).not.toMatch(ASK_AT_COUNTER[language]);
    }
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

describe('what a closed kiosk says on the attract loop and the top screen', () => {
  it('says it cannot be used at this time, and from when it can, in Japan time', () => {
    const at = '2026-11-22T15:00:00.000Z';
    const ja = MESSAGES.ja.closed;
    expect(`${ja.title}。${ja.reopens(formatDateTime(at, 'ja', 'japanese'))}`).toBe(
      'ただいまの時間はご利用いただけません。令和8年11月23日(月) 0:00から ご利用いただけます',
    );
    expect(MESSAGES.en.closed.reopens(formatDateTime(at, 'en', 'japanese'))).toBe('Available from Mon, 23 November 2026 at 00:00');
  });
});
