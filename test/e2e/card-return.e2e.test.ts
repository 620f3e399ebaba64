// Giving the card back, as a customer at a desk reader meets it: the production renderer in
// Chromium, the kiosk core with its card service on pcscd, emulated cards in a vpcd reader.
// A wrong card comes back and the same session asks for the My Number card again; a card left
// in the reader after 確認 is called for, warned about, and then said to be there (a desk reader
// cannot capture it) on screen and by voice, before the completion screen thanks anyone.
import { afterEach, expect, it } from 'vitest';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk, type HarnessOptions } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const pcsc = await probePcscWithVpcd();
const chromium = probeChromium();
const ready = !pcsc.ok ? pcsc : chromium;

/** An ordinary Tuesday afternoon in Japan, running: the tests do not depend on today. */
function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

describeWhenAvailable('giving the card back, in Chromium with cards through pcscd', ready, () => {
  let kiosk: E2eKiosk | undefined;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
  });
  const open = async (name: string, options: HarnessOptions = {}): Promise<E2eKiosk> => {
    kiosk = await E2eKiosk.start(name, { now: tuesdayAfternoon(), ...options });
    return kiosk;
  };

  it('gives a wrong card back and asks for the My Number card again in the same session', { timeout: 120_000 }, async () => {
    const k = await open('wrong card, then the My Number card');
    await k.toInsertCard();
    await k.insertCard('not-jpki');
    await k.at('wrong-card');
    const lines = await k.page.locator('.lead').allTextContents();
    expect(lines.slice(0, 3)).toEqual([
      'このカードはマイナンバーカードではありません。',
      'カードをお取りになってから、マイナンバーカードを表を上にして入れてください。',
      'あと2回お試しいただけます。',
    ]);
    await k.heard('wrong-card', 'wrong-card.not-my-number-card');
    // Still the customer's session: 取消 is offered beside the card coming back.
    expect(await k.page.getByRole('button', { name: '取消' }).count()).toBe(1);
    await k.removeCard();
    await k.at('insert-card');
    await k.insertCard('default');
    await k.at('pin');
    await k.typePin('1234');
    await k.at('review');
    const events = k.runtime.kiosk.audit.recent().map((record) => record.event);
    expect(events.filter((event) => event === 'session-started')).toHaveLength(1);
    expect(events).toEqual(expect.arrayContaining(['card-rejected', 'card-returned', 'authenticated']));
  });

  it(
    'says a card left in the reader after 確認 is still there, on screen and by voice, before any thanks',
    { timeout: 180_000 },
    async () => {
      const k = await open('card not taken after consent', {
        delays: { cardReminder: 1500, cardLastCall: 4000, cardTake: 9000, completeScreen: 60_000 },
      });
      await k.toInsertCard();
      await k.insertCard('default');
      await k.at('pin');
      await k.typePin('1234');
      await k.at('review');
      await k.tap('確認（提供する）');
      await k.at('finishing');
      // Warned before staff are told: a desk reader cannot capture the card.
      await k.heard('finishing', 'finishing.take-card.final-staff');
      expect(await k.page.locator('.take-card-title').textContent()).toBe('カードが残っています');
      const before = (await k.played()).length;
      await k.at('complete', 20_000);
      expect(k.view()).toMatchObject({ screen: 'complete', card: 'left-behind' });
      // The first heading of the screen is the card, the thanks come after it.
      expect(await k.page.locator('h1, h2').first().textContent()).toBe('カードが残っています');
      expect(await k.page.locator('.card-not-taken .lead').textContent()).toBe('カードがカードリーダーに残っています。お取りください。');
      await k.heard('complete', 'complete', before);
      const said = (await k.played())
        .slice(before)
        .filter((entry) => entry.screen === 'complete')
        .map((entry) => entry.prompt);
      expect(said[0]).toBe('complete.card-left-behind');
      expect(said.indexOf('complete.card-left-behind')).toBeLessThan(said.indexOf('complete'));
      // Nothing on the way said the card was kept: a desk reader never confirms a capture.
      expect((await k.played()).map((entry) => entry.prompt)).not.toContain('complete.card-retained');
      await k.removeCard();
      await k.page.locator('.card-not-taken').waitFor({ state: 'detached' });
    },
  );
});
