// Where a screen sends the customer for help: to the counter while staff are there, otherwise
// to the branch's phone number (the kiosk core knows the staffed hours and bank holidays).
import type { Language } from '../../electron/common/ui-events.ts';
import type { CardProblemView, CounterView } from '../../electron/common/view-model.ts';
import { messagesFor } from './use-messages.ts';

/**
 * The sentence that sends the customer for help. `ifAgain`: after advice to try again. A view
 * drawn without the kiosk core (no `counter`) can only send them to the counter.
 */
export function counterHelp(language: Language, counter: CounterView | undefined, ifAgain = false): string {
  const text = messagesFor(language).counter;
  if (counter && !counter.staffed) return text.call(counter.phone);
  return ifAgain ? text.askIfAgain : text.ask;
}

/**
 * Which card problems send the customer to the bank's counter: those the branch can help with,
 * at once ('now') or if trying again does not help ('ifAgain'). The others name where to go
 * themselves (the 市区町村) or need only another try or another card.
 */
export const CARD_PROBLEM_COUNTER: Readonly<Record<CardProblemView, 'now' | 'ifAgain' | undefined>> = {
  'not-my-number-card': undefined,
  smartphone: undefined,
  expired: undefined,
  'not-yet-valid': 'now',
  revoked: undefined,
  untrusted: 'now',
  mute: undefined,
  unresponsive: 'ifAgain',
  damaged: 'now',
};
