// Where the customer is in the procedure, on every screen of its flow (service choice to
// providing): the same band, in the same place, naming the current step.
import type { Language } from '../../electron/common/ui-events.ts';
import { messagesFor } from '../i18n/use-messages.ts';

/** The steps, by name: each flow screen says which one it belongs to. */
export const STEPS = ['service', 'consent', 'card', 'identity', 'obtain', 'review', 'provide'] as const;
export type Step = (typeof STEPS)[number];

export function Steps({ language, current }: { language: Language; current: Step }) {
  const text = messagesFor(language).steps;
  const at = STEPS.indexOf(current);
  return (
    <ol className="steps" aria-label={text.label}>
      {STEPS.map((step, i) => (
        <li
          key={step}
          className={i < at ? 'step step-done' : i === at ? 'step step-current' : 'step'}
          aria-current={i === at ? 'step' : undefined}
          data-step={step}
        >
          {text[step]}
        </li>
      ))}
    </ol>
  );
}
