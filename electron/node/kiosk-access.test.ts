// Assisted mode and the customer's display modes, through the real kiosk core: a headset in
// the jack (a device event) or the assist key makes the session assisted — the keypad is
// never shuffled then, and the voice goes to the headset while it is plugged in — and every
// new customer starts from the defaults. A card at the slot waits as long as the customer
// keeps touching or pressing keys.
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewModel } from '../common/view-model.ts';
import { TestKiosk, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

const SHUFFLED = { calendar: 'japanese', shuffleKeypad: true, physicalKeypad: true } as const;
const STANDARD = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
const access = (view: ViewModel) => view.access;

describe('assisted mode', () => {
  it('comes on with a headset plugged in: standard keypad, the voice in the headset; it outlasts an unplug, not the session', async () => {
    const t = await start({ display: SHUFFLED });
    const { kiosk } = t;
    await t.screen('attract');
    expect(access(kiosk.view())).toEqual({ assisted: false, largeText: false, highContrast: false, audio: 'speaker', keypad: true });
    kiosk.headset(true);
    expect(access(kiosk.view())).toMatchObject({ assisted: true, audio: 'headset' });
    // Several PIN screens, each of which a sighted customer would get shuffled: never for this one.
    await t.toPin();
    expect(await t.at('pin')).toMatchObject({ keypad: STANDARD });
    await t.typePin('9999');
    expect(await t.at('pin')).toMatchObject({ lastAttemptWrong: true, keypad: STANDARD });
    // Pulled out: the voice goes back to the speaker, the session stays assisted.
    kiosk.headset(false);
    expect(access(kiosk.view())).toMatchObject({ assisted: true, audio: 'speaker' });
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    t.take();
    await t.screen('attract');
    // The next customer, with nothing in the jack, is served as anyone is.
    expect(access(kiosk.view())).toMatchObject({ assisted: false, audio: 'speaker' });
  });

  it('serves the next customer assisted too while a headset stays in the jack', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.screen('attract');
    kiosk.headset(true);
    await t.toInsertCard();
    kiosk.send({ type: 'CANCEL' });
    await t.screen('ended');
    kiosk.send({ type: 'DISMISS' });
    await t.screen('attract');
    expect(access(kiosk.view())).toMatchObject({ assisted: true, audio: 'headset' });
  });

  it('comes on with the assist key, also on a PIN screen already shuffled, which is put in order at once', async () => {
    const t = await start({ display: SHUFFLED });
    const { kiosk } = t;
    await t.toPin();
    const shuffled = await t.at('pin');
    kiosk.send({ type: 'DIGIT', digit: 1 });
    kiosk.send({ type: 'ASSIST' });
    expect(kiosk.view()).toMatchObject({ screen: 'pin', digits: 1, keypad: STANDARD, access: { assisted: true, audio: 'speaker' } });
    // (A shuffled layout equal to the standard one is a 1 in 10! chance.)
    expect(shuffled.keypad).not.toEqual(STANDARD);
  });
});

describe('the display modes', () => {
  it('switch on from the first screen, hold through the session and are reset for the next customer', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.screen('attract');
    expect(kiosk.send({ type: 'SET_DISPLAY_MODE', mode: 'large-text', on: true })).toEqual({ ok: true, value: undefined });
    kiosk.send({ type: 'SET_DISPLAY_MODE', mode: 'high-contrast', on: true });
    await t.toInsertCard();
    expect(access(kiosk.view())).toMatchObject({ largeText: true, highContrast: true });
    kiosk.send({ type: 'SET_DISPLAY_MODE', mode: 'high-contrast', on: false });
    expect(access(kiosk.view())).toMatchObject({ largeText: true, highContrast: false });
    kiosk.send({ type: 'CANCEL' });
    await t.screen('ended');
    kiosk.send({ type: 'DISMISS' });
    await t.screen('attract');
    expect(access(kiosk.view())).toMatchObject({ largeText: false, highContrast: false });
    expect(kiosk.send({ type: 'SET_DISPLAY_MODE', mode: 'bold', on: true })).toEqual({ ok: false, error: 'invalid-event' });
  });
});

describe('the card at the slot', () => {
  it('waits while the customer keeps touching or pressing keys, and is kept only once they stop', { timeout: 15_000 }, async () => {
    const t = await start({ delays: { cardTake: 1500 } });
    const { kiosk } = t;
    await t.toPin();
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    const shown = Date.now();
    // Twice the take-card time, kept waiting by a key press every half of it.
    while (Date.now() - shown < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(kiosk.view().screen).toBe('returning-card');
      kiosk.send({ type: 'ACTIVITY' });
    }
    expect(t.motorised().position).toBe('at-slot');
    await t.screen('card-retained', 4000);
    expect(Date.now() - shown).toBeGreaterThan(3000 + 1400);
  });
});
