// Giving the card back, through the whole kiosk core on the demo readers: a wrong card comes
// back and another is asked for in the same session; a card not taken after 確認 is called for
// again, warned about, and then said to be captured (motorised) or still there (desk) before the
// completion screen thanks anyone.
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewModel } from '../common/view-model.ts';
import { voiceOf } from '../common/voice/voice-prompts.ts';
import { TestKiosk, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

/** A kiosk, and every screen it shows from now on, in order. */
async function start(options: TestKioskOptions = {}): Promise<{ t: TestKiosk; shown: ViewModel[] }> {
  const t = await TestKiosk.start(options);
  kiosks.push(t);
  const shown: ViewModel[] = [];
  t.kiosk.subscribe((view) => shown.push(view));
  return { t, shown };
}

describe('a wrong card', () => {
  it('comes back, and the same session asks for the My Number card again', async () => {
    const { t } = await start();
    await t.toInsertCard();
    await t.insert('not-jpki');
    expect(await t.screen('wrong-card')).toMatchObject({ problem: 'not-my-number-card', triesLeft: 2, canCancel: true });
    await until(() => t.motorised().position === 'at-slot', 'the card at the slot', 2000);
    t.motorised().take();
    expect(await t.screen('insert-card')).toMatchObject({ screen: 'insert-card' });
    await t.insert('default');
    await t.screen('pin');
    await t.typePin('1234');
    await t.screen('review');
    const session = t.lastSession();
    expect(session.events).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'card-rejected',
      'card-returned',
      'card-inserted',
      'authenticated',
    ]);
    expect(session.ids).toEqual([expect.any(String)]);
  });

  it('ends the session after the configured number of tries, saying so, and gives the last card back', async () => {
    const { t } = await start({ card: { takeSeconds: 60, remindAfterSeconds: 20, finalWarningSeconds: 15, wrongCardTries: 2 } });
    await t.toInsertCard();
    await t.insert('not-jpki');
    await t.screen('wrong-card');
    await until(() => t.motorised().position === 'at-slot', 'the card at the slot', 2000);
    t.motorised().take();
    await t.screen('insert-card');
    await t.insert('smartphone');
    await until(() => t.kiosk.view().screen === 'wrong-card' && !t.kiosk.view().canCancel, 'the last try', 3000);
    expect(t.kiosk.view()).toMatchObject({ problem: 'smartphone', triesLeft: 0 });
    expect(voiceOf(t.kiosk.view()).prompts).toEqual(['wrong-card.smartphone', 'wrong-card.limit']);
    await until(() => t.motorised().position === 'at-slot', 'the card at the slot', 2000);
    t.motorised().take();
    await t.screen('attract', 1000);
    expect(t.lastSession().events.filter((event) => event === 'card-rejected' || event === 'session-ended')).toEqual([
      'card-rejected',
      'card-rejected',
      'session-ended',
    ]);
  });
});

describe('a card not taken after 確認', () => {
  const delays = { cardReminder: 150, cardLastCall: 400, cardTake: 700, completeScreen: 5000 };

  it('is called for again, warned about, and said to be captured before the completion thanks anyone', async () => {
    const { t, shown } = await start({ delays });
    await t.toReview();
    await t.confirm();
    await t.screen('complete', 5000);
    expect(t.motorised().position).not.toBe('at-slot');
    const calls = shown.flatMap((view) => (view.screen === 'finishing' && view.takeCard ? [view.call ?? 'first'] : []));
    expect([...new Set(calls)]).toEqual(['first', 'reminder', 'final-capture']);
    const complete = t.kiosk.view();
    expect(complete).toMatchObject({ screen: 'complete', card: 'retained', submission: { status: 'delivered' } });
    const { prompts } = voiceOf(complete);
    expect(prompts[0]).toBe('complete.card-retained');
    // No screen before it thanked the customer: the first completion screen already says where the card is.
    expect(shown.find((view) => view.screen === 'complete')).toMatchObject({ card: 'retained' });
    expect(t.lastSession().events).toContain('card-retained');
  });

  it('at a desk reader, is never said to be kept: staff will keep it, and it is still there', async () => {
    const { t, shown } = await start({ mechanics: 'desk', delays });
    await t.toReview();
    await t.confirm();
    await t.screen('complete', 5000);
    const calls = shown.flatMap((view) => (view.screen === 'finishing' && view.takeCard ? [view.call ?? 'first'] : []));
    expect([...new Set(calls)]).toEqual(['first', 'reminder', 'final-staff']);
    expect(t.kiosk.view()).toMatchObject({ screen: 'complete', card: 'left-behind' });
    expect(voiceOf(t.kiosk.view()).prompts[0]).toBe('complete.card-left-behind');
    expect(shown.some((view) => view.screen === 'complete' && view.card === 'retained')).toBe(false);
    // Taken at last, while the completion screen is up: nothing is said to be left any more.
    t.reader.remove();
    await until(() => t.kiosk.view().screen === 'complete' && !('card' in t.kiosk.view()), 'the card no longer said to be left', 2000);
  });
});
