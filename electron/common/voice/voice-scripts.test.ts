// The voice scripts as a synthesiser and a listener get them: kana only for espeak-ng (it reads
// kanji as "Chinese letter"), no digits anywhere (nothing can carry a PIN, and the synthesiser
// reads digits in Chinese), no placeholder that anything could be put into; and what the PIN
// screen says is only ever a count.
import { describe, expect, it } from 'vitest';
import type { ViewModel } from '../view-model.ts';
import { screenScriptBase, voiceOf } from './voice-prompts.ts';
import { SCRIPT_IDS, VOICE_SCRIPTS } from './voice-scripts.ts';

const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const PLACEHOLDER = /[{}$%<>[\]]/;

describe('the voice scripts', () => {
  it('give the synthesiser kana it can read: no kanji, no digits, no Latin letters', () => {
    const unreadable = SCRIPT_IDS.filter((id) => KANJI.test(VOICE_SCRIPTS[id].kana) || /[0-9A-Za-z]/.test(VOICE_SCRIPTS[id].kana));
    expect(unreadable).toEqual([]);
  });

  it('contain no digit and no placeholder in any language, so none can carry a PIN', () => {
    const suspicious = SCRIPT_IDS.flatMap((id) =>
      (['ja', 'kana', 'en'] as const)
        .filter((field) => /[0-9０-９]/.test(VOICE_SCRIPTS[id][field]) || PLACEHOLDER.test(VOICE_SCRIPTS[id][field]))
        .map((field) => `${id}.${field}`),
    );
    expect(suspicious).toEqual([]);
  });

  it('are short: at most 200 characters of kana, so a prompt stays a prompt', () => {
    const long = SCRIPT_IDS.filter((id) => VOICE_SCRIPTS[id].kana.length > 200 && !id.endsWith('.terms'));
    expect(long).toEqual([]);
    expect(SCRIPT_IDS.every((id) => VOICE_SCRIPTS[id].ja && VOICE_SCRIPTS[id].kana && VOICE_SCRIPTS[id].en)).toBe(true);
  });
});

const PIN = (digits: number, triesLeft: number | undefined, assisted: boolean): ViewModel => ({
  screen: 'pin',
  serviceName: { ja: '住宅ローン', en: 'Housing loan' },
  digits,
  triesLeft,
  lastAttemptWrong: triesLeft !== 3,
  keypad: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0],
  language: 'ja',
  canCancel: true,
  calendar: 'japanese',
  access: { largeText: false, highContrast: false, assisted, audio: assisted ? 'headset' : 'speaker', keypad: true },
});

describe('what the PIN screen says', () => {
  it('counts the digits, warns of the tries left and the last try, and says nothing else', () => {
    expect(voiceOf(PIN(0, 3, false))).toEqual({ prompts: ['pin', 'pin.tries-left.3'], live: ['pin.digits.0'], remind: false });
    expect(voiceOf(PIN(2, 2, false))).toEqual({ prompts: ['pin', 'pin.wrong', 'pin.tries-left.2'], live: ['pin.digits.2'], remind: false });
    expect(voiceOf(PIN(4, 1, true))).toEqual({
      prompts: ['pin', 'pin.wrong', 'pin.last-try', 'keys.pin'],
      live: ['pin.digits.4'],
      remind: false,
    });
    for (const digits of [0, 1, 2, 3, 4]) {
      for (const tries of [undefined, 1, 2, 3]) {
        const { prompts, live } = voiceOf(PIN(digits, tries, true));
        expect([...prompts, ...live].filter((id) => !id.startsWith('pin') && id !== 'keys.pin')).toEqual([]);
      }
    }
  });

  it('names the keys only in assisted mode on a terminal with a number pad', () => {
    const view = PIN(0, 3, true);
    expect(voiceOf(view).prompts).toContain('keys.pin');
    const noKeypad = { largeText: false, highContrast: false, assisted: true, audio: 'headset', keypad: false } as const;
    expect(voiceOf({ ...view, access: noKeypad }).prompts).not.toContain('keys.pin');
    const { access: _, ...defaults } = view;
    expect(voiceOf(defaults).prompts).not.toContain('keys.pin');
  });
});

describe('what the completion screen says', () => {
  it('spells the receipt number, and says what became of the slip', () => {
    const voice = voiceOf({
      screen: 'complete',
      submission: { status: 'delivered', receiptId: 'K7QX-24MP' },
      counter: { staffed: true },
      slip: 'failed',
      language: 'en',
      canCancel: false,
      calendar: 'japanese',
    });
    expect(voice.prompts).toEqual([
      'complete',
      'complete.receipt',
      'spell.K',
      'spell.7',
      'spell.Q',
      'spell.X',
      'spell.-',
      'spell.2',
      'spell.4',
      'spell.M',
      'spell.P',
      'complete.receipt-end',
    ]);
    expect(voice.live).toEqual(['slip.failed']);
  });

  it('promises nothing the bank has not acknowledged: a submission still being sent is said to be so, with its reference', () => {
    const view = { language: 'ja', canCancel: false, calendar: 'japanese', counter: { staffed: true } } as const;
    const sending = voiceOf({
      ...view,
      screen: 'complete',
      submission: { status: 'sending', reference: 'AB-1', until: '2026-11-27T06:00:00Z' },
    });
    expect(sending.prompts).toEqual([
      'complete.sending',
      'complete.reference',
      'spell.A',
      'spell.B',
      'spell.-',
      'spell.1',
      'complete.reference-end',
    ]);
    expect(voiceOf({ ...view, screen: 'complete', submission: { status: 'failed' } }).prompts).toEqual(['complete.failed']);
  });
});

describe('what the end screens say of the information obtained', () => {
  it('says it was deleted only once the gateway confirmed it, and that deletion was requested until then', () => {
    const view = { language: 'ja', canCancel: false, calendar: 'japanese' } as const;
    expect(voiceOf({ ...view, screen: 'ended', reason: 'declined', deletion: 'confirmed' }).prompts).toContain('data-deleted');
    const requested = voiceOf({ ...view, screen: 'returning-card', reason: 'cancelled', deletion: 'requested' }).prompts;
    expect(requested).toContain('data-deletion-requested');
    expect(requested).not.toContain('data-deleted');
    expect(voiceOf({ ...view, screen: 'ended', reason: 'timeout', deletion: 'none' }).prompts).toEqual(['ended.timeout']);
  });
});

describe('what a closed kiosk says', () => {
  const view = { language: 'ja', canCancel: false, calendar: 'japanese' } as const;
  const closed = { reopensAt: '2026-11-22T15:00:00.000Z' };

  it('says on the attract loop and the top screen that it cannot be used now, and where to see when it can', () => {
    expect(voiceOf({ ...view, screen: 'attract', closed }).prompts).toEqual(['attract.closed']);
    expect(voiceOf({ ...view, screen: 'top', closed }).prompts).toEqual(['top', 'closed']);
    for (const id of ['attract.closed', 'closed'] as const) {
      expect(VOICE_SCRIPTS[id].ja).toContain('ご利用いただけません');
      expect(VOICE_SCRIPTS[id].en).toMatch(/not available/);
    }
  });

  it('invites a touch only while open', () => {
    expect(voiceOf({ ...view, screen: 'attract' }).prompts).toEqual(['attract']);
    expect(voiceOf({ ...view, screen: 'top' }).prompts).toEqual(['top']);
  });
});

describe('what the PIN-blocked screen says', () => {
  const view = { language: 'ja', canCancel: false, calendar: 'japanese' } as const;

  it('says that the bank offers another way only where it configured one', () => {
    const alternative = { ja: '窓口で所得証明書（紙）をお取りいただくこともできます', en: 'A paper certificate at the counter.' };
    expect(voiceOf({ ...view, screen: 'pin-blocked', alternative }).prompts).toEqual(['pin-blocked', 'pin-blocked.alternative']);
    expect(voiceOf({ ...view, screen: 'pin-blocked' }).prompts).toEqual(['pin-blocked']);
  });
});

it('names each screen tag’s script after the tag', () => {
  expect(screenScriptBase('screen:working:retrieving')).toBe('working.retrieving');
  expect(screenScriptBase('screen:card-error')).toBe('card-error');
});
