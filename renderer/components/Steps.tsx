// Where the customer is on the way from the card to providing the information: on every screen
// of that way (reading the card, the PIN, retrieving, the review, the last check), so that an
// older customer always sees how far along they are and how much is left.
import type { Language } from '../../electron/common/ui-events.ts';
import { messagesFor } from '../i18n/use-messages.ts';

export const STEPS = ['card', 'identity', 'retrieval', 'review', 'providing'] as const;
export type Step = (typeof STEPS)[number];

export function Steps({ language, current }: { language: Language; current: Step }) {
  const labels = messagesFor(language).steps;
  const at = STEPS.indexOf(current);
  return (
    <ol className="steps">
      {STEPS.map((step, i) => (
        <li
          key={step}
          className={i < at ? 'step step-done' : i === at ? 'step step-current' : 'step'}
          aria-current={i === at ? 'step' : undefined}
        >
          {labels[step]}
        </li>
      ))}
    </ol>
  );
}
