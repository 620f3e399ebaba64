// The card-return settings: defaults long enough for a slow customer, a schedule that makes
// sense (reminder, then warning, then capture) or a refusal that names the field.
import { describe, expect, it } from 'vitest';
import { CardSettingsSchema, cardDelays } from './card-settings.ts';

describe('the card settings', () => {
  it('default to a minute at the slot: a reminder after 20 s, the warning 15 s before the capture, three wrong cards', () => {
    expect(CardSettingsSchema.parse({})).toEqual({ takeSeconds: 60, remindAfterSeconds: 20, finalWarningSeconds: 15, wrongCardTries: 3 });
    expect(cardDelays(undefined)).toEqual({ cardTake: 60_000, cardReminder: 20_000, cardLastCall: 45_000 });
  });

  it('become the session’s delays: the warning comes finalWarningSeconds before the capture', () => {
    const card = CardSettingsSchema.parse({ takeSeconds: 120, remindAfterSeconds: 30, finalWarningSeconds: 20 });
    expect(cardDelays(card)).toEqual({ cardTake: 120_000, cardReminder: 30_000, cardLastCall: 100_000 });
  });

  it('refuses a reminder that would come after the warning, naming the field', () => {
    const parsed = CardSettingsSchema.safeParse({ takeSeconds: 30, remindAfterSeconds: 20, finalWarningSeconds: 15 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['remindAfterSeconds']);
  });

  it.each([
    [{ takeSeconds: 5 }, 'takeSeconds'],
    [{ wrongCardTries: 0 }, 'wrongCardTries'],
    [{ wrongCardTries: 2.5 }, 'wrongCardTries'],
    [{ takeSecond: 60 }, ''],
  ])('refuses %j', (input, field) => {
    const parsed = CardSettingsSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.') ?? '').toBe(field);
  });
});
