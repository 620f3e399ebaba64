// Assisted mode as a customer who cannot see the screen uses it: the terminal's number pad
// alone (no touch), the voice on each screen from the prompt pack, in the headset when one is
// plugged in. The whole happy path, and a PIN that gets blocked. The audio element is watched
// for the prompt it starts on each screen; nothing on the PIN screen ever says a digit.
import { afterEach, expect, it } from 'vitest';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk, type HarnessOptions } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const pcsc = await probePcscWithVpcd();
const chromium = probeChromium();
const ready = !pcsc.ok ? pcsc : chromium;

function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

/** A terminal with a number pad, whose branch shuffles the on-screen keypad for sighted customers. */
const PAD: HarnessOptions['display'] = { calendar: 'japanese', shuffleKeypad: true, physicalKeypad: true };
const STANDARD = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];

describeWhenAvailable('assisted mode, with the number pad alone, in Chromium with cards through pcscd', ready, () => {
  let kiosk: E2eKiosk | undefined;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
  });
  const open = async (name: string): Promise<E2eKiosk> => {
    kiosk = await E2eKiosk.start(name, { now: tuesdayAfternoon(), display: PAD });
    return kiosk;
  };

  /** Presses a key of the pad, then waits for the screen and the voice's first prompt on it. */
  const press = async (k: E2eKiosk, key: string): Promise<void> => {
    await k.page.keyboard.press(key);
  };
  const arrive = async (k: E2eKiosk, screen: Parameters<E2eKiosk['at']>[0], prompt: string): Promise<void> => {
    const before = (await k.played()).length;
    await k.at(screen);
    await k.heard(screen, prompt, Math.max(0, before - 1));
    // The new screen's heading has the focus, for a screen reader to start from.
    expect(await k.page.evaluate('document.activeElement && document.activeElement.tagName')).toBe('H1');
  };

  // The voice plays in real time: the review alone speaks for most of a minute.
  it('completes the whole session from the assist key to the receipt, hearing each screen', { timeout: 240_000 }, async () => {
    const k = await open('assisted happy path');
    await k.at('attract');
    await press(k, 'F1');
    await k.heard('attract', 'assisted');
    expect(k.view().access).toMatchObject({ assisted: true, keypad: true });
    await press(k, 'Enter');
    await arrive(k, 'top', 'top');
    await k.heard('top', 'keys.top');
    await press(k, 'Enter');
    await arrive(k, 'service-choice', 'service-choice');
    await k.heard('service-choice', 'keys.service-choice');
    await press(k, '1');
    await arrive(k, 'confirmation', 'confirmation');
    await press(k, 'Enter');
    await arrive(k, 'insert-card', 'insert-card');
    const beforePin = (await k.played()).length;
    await k.insertCard('default');
    await arrive(k, 'pin', 'pin');
    await k.heard('pin', 'pin.tries-left.3');
    // Never shuffled for this customer, whatever the branch chose for others.
    expect(k.view()).toMatchObject({ screen: 'pin', keypad: STANDARD });
    for (const [i, digit] of ['1', '2', '3', '4'].entries()) {
      await press(k, digit);
      await k.heard('pin', `pin.digits.${String(i + 1)}`);
    }
    const onPin = (await k.played()).slice(beforePin).filter((entry) => entry.screen === 'pin');
    // Counted, never said: only the PIN screen's own scripts, and none that spells anything.
    expect(onPin.filter((entry) => !entry.prompt.startsWith('pin') && entry.prompt !== 'keys.pin')).toEqual([]);
    await press(k, 'Enter');
    await arrive(k, 'review', 'review');
    await k.heard('review', 'keys.review');
    await press(k, 'Enter');
    await k.at('finishing');
    await k.heard('finishing', 'finishing.take-card');
    await k.removeCard();
    await arrive(k, 'complete', 'complete');
    const receipt = k.runtime.gateway?.submissions[0]?.receipt.receiptId ?? '';
    expect(receipt).not.toBe('');
    await k.heard('complete', 'complete.receipt');
    await press(k, 'Enter');
    await k.at('attract');
    // No spelt character anywhere but on the completion screen (the receipt number).
    const spelt = (await k.played()).filter((entry) => entry.prompt.startsWith('spell.'));
    expect(spelt.filter((entry) => entry.screen !== 'complete')).toEqual([]);
    expect(k.runtime.gateway?.submissions).toHaveLength(1);
  });

  it('tells the last try and the blocked PIN with a headset plugged in, and gives the card back', { timeout: 180_000 }, async () => {
    const k = await open('assisted PIN blocked');
    await k.at('attract');
    // The headset jack (simulated in the demo): assisted mode, the voice in the headset from
    // then on (the attract loop said its piece on the speaker before).
    const beforeHeadset = (await k.played()).length;
    k.runtime.kiosk.headset(true);
    await k.heard('attract', 'assisted');
    await press(k, 'Enter');
    await arrive(k, 'top', 'top');
    await press(k, 'Enter');
    await arrive(k, 'service-choice', 'service-choice');
    await press(k, '1');
    await arrive(k, 'confirmation', 'confirmation');
    await press(k, 'Enter');
    await arrive(k, 'insert-card', 'insert-card');
    await k.insertCard('one-try-left');
    await arrive(k, 'pin', 'pin');
    await k.heard('pin', 'pin.last-try');
    for (const digit of '0000') await press(k, digit);
    await k.heard('pin', 'pin.digits.4');
    await press(k, 'Enter');
    await arrive(k, 'pin-blocked', 'pin-blocked');
    await k.heard('pin-blocked', 'keys.close');
    await press(k, 'Enter');
    await arrive(k, 'returning-card', 'returning-card');
    await k.removeCard();
    await k.at('attract');
    const played = await k.played();
    expect(played.length).toBeGreaterThan(10);
    expect(played.slice(beforeHeadset).filter((entry) => entry.output !== 'headset')).toEqual([]);
    expect(played.filter((entry) => entry.prompt.startsWith('spell.'))).toEqual([]);
  });
});
