// How the kiosk gives a card back (config `card`): how long a returned card waits at the slot
// before a motorised reader captures it (a desk reader cannot: staff are told it was left), when
// the customer is called again and warned, and how many wrong cards a session takes.
import { z } from 'zod';
import type { SessionDelay } from '../session/session-services.ts';

export const CARD_DEFAULTS = { takeSeconds: 60, remindAfterSeconds: 20, finalWarningSeconds: 15, wrongCardTries: 3 } as const;

export const CardSettingsSchema = z
  .object({
    /** From the card coming out (or the customer's last touch) until it is captured: long enough for a slow customer. */
    takeSeconds: z.int().min(20).max(300).default(CARD_DEFAULTS.takeSeconds),
    /** When the customer is called again (the voice then repeats the call while the card waits). */
    remindAfterSeconds: z.int().min(5).max(120).default(CARD_DEFAULTS.remindAfterSeconds),
    /** How long before the capture the customer is warned that it comes. */
    finalWarningSeconds: z.int().min(5).max(60).default(CARD_DEFAULTS.finalWarningSeconds),
    /** Wrong cards (not a My Number card, a smartphone, one that does not answer) a session takes before it ends. */
    wrongCardTries: z.int().min(1).max(5).default(CARD_DEFAULTS.wrongCardTries),
  })
  .strict()
  .superRefine((card, context) => {
    if (card.remindAfterSeconds >= card.takeSeconds - card.finalWarningSeconds)
      context.addIssue({
        code: 'custom',
        path: ['remindAfterSeconds'],
        message: 'the reminder must come before the final warning (takeSeconds − finalWarningSeconds)',
      });
  });
export type CardSettings = z.infer<typeof CardSettingsSchema>;

/** The session's card-return delays for these settings (every default where none are configured). */
export function cardDelays(settings: CardSettings | undefined): Readonly<Partial<Record<SessionDelay, number>>> {
  const card = settings ?? CardSettingsSchema.parse({});
  return {
    cardTake: card.takeSeconds * 1000,
    cardReminder: card.remindAfterSeconds * 1000,
    cardLastCall: (card.takeSeconds - card.finalWarningSeconds) * 1000,
  };
}
