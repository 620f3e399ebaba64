// What the screens say of a card given back: a wrong card (and the try to come), a returned card
// that waits (called again, then warned), and a card not taken after 確認. Only what the reader
// confirmed is said: "kept" only for a capture, "left" for a slot that cannot capture.
import type { Language } from '../../electron/common/ui-events.ts';
import type { CardCallView, WrongCardView } from '../../electron/common/view-model.ts';

interface CardReturnMessages {
  readonly call: Readonly<Record<CardCallView, { readonly title: string; readonly lead: string }>>;
  readonly notTaken: Readonly<Record<'retained' | 'left-behind', { readonly title: string; readonly lead: string }>>;
  readonly wrongCard: Readonly<Record<WrongCardView, string>> & {
    readonly title: string;
    readonly again: string;
    readonly triesLeft: (tries: number) => string;
    readonly limitTitle: string;
    readonly limit: string;
  };
}

const ja: CardReturnMessages = {
  call: {
    reminder: { title: 'カードが出ています', lead: 'カードをお取りください。' },
    'final-capture': {
      title: 'まもなくカードを回収します',
      lead: '今すぐカードをお取りください。お取りにならない場合、カードは機械の中に回収されます。',
    },
    'final-staff': { title: 'カードが残っています', lead: '今すぐカードをお取りください。お取りにならない場合は、係員がお預かりします。' },
  },
  notTaken: {
    retained: {
      title: 'カードを機械の中に回収しました',
      lead: 'カードをお取りにならなかったため、機械の中に回収しました。窓口でお返しします。',
    },
    'left-behind': { title: 'カードが残っています', lead: 'カードがカードリーダーに残っています。お取りください。' },
  },
  wrongCard: {
    title: 'このカードは使えません',
    'not-my-number-card': 'このカードはマイナンバーカードではありません。',
    smartphone: 'スマートフォンは、この端末ではお使いいただけません。',
    mute: 'カードを読み取れませんでした。',
    again: 'カードをお取りになってから、マイナンバーカードを表を上にして入れてください。',
    triesLeft: (tries) => `あと${String(tries)}回お試しいただけます。`,
    limitTitle: 'お手続きを終了しました',
    limit: 'マイナンバーカードを確認できなかったため、お手続きを終了しました。カードをお取りください。',
  },
};

const en: CardReturnMessages = {
  call: {
    reminder: { title: 'Your card is waiting', lead: 'Please take your card.' },
    'final-capture': { title: 'Your card will be taken in soon', lead: 'Please take your card now. Otherwise the machine will keep it.' },
    'final-staff': { title: 'Your card is still in the reader', lead: 'Please take your card now. Otherwise, staff will keep it for you.' },
  },
  notTaken: {
    retained: {
      title: 'The machine has kept your card',
      lead: 'Your card was not taken, so the machine has kept it. Please ask at the counter for it.',
    },
    'left-behind': { title: 'Your card is still in the reader', lead: 'Your card is still in the card reader. Please take it.' },
  },
  wrongCard: {
    title: 'This card cannot be used',
    'not-my-number-card': 'This card is not a My Number card.',
    smartphone: 'A smartphone cannot be used here.',
    mute: 'The card could not be read.',
    again: 'Please take it, then insert your My Number card face up.',
    triesLeft: (tries) => (tries === 1 ? 'You can try once more.' : `You can try ${String(tries)} more times.`),
    limitTitle: 'The procedure has ended',
    limit: 'No My Number card could be read, so the procedure has ended. Please take your card.',
  },
};

export const CARD_RETURN_MESSAGES: Readonly<Record<Language, CardReturnMessages>> = { ja, en };
