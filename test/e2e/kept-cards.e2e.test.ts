// 取込カード管理簿 as branch staff use it: the production renderer in Chromium, the kiosk core
// with a desk reader on pcscd, an emulated My Number card in a vpcd reader. A customer leaves
// the card behind; whoever takes it, the kiosk stays out of service and says staff are needed;
// an operator records the card taken into safekeeping (the kiosk is back in service), then
// gives it to its owner after checking their identity, approved by a supervisor. Every page
// passed through is screenshotted and axe-audited (E2eKiosk.at).
import { expect, it } from 'vitest';
import { watchServiceKey } from '../../electron/main-process/service-key.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const pcsc = await probePcscWithVpcd();
const chromium = probeChromium();
const ready = !pcsc.ok ? pcsc : chromium;

/** An ordinary Tuesday afternoon in Japan, running: every service is within its hours. */
function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

describeWhenAvailable('retained and left-behind cards in Chromium, with a card through pcscd', ready, () => {
  it('locks the kiosk over a card left behind until staff confirm, and gives the card back with a supervisor’s approval', async () => {
    const k = await E2eKiosk.start('kept cards', { now: tuesdayAfternoon(), delays: { cardTake: 1500 } });
    try {
      const { kiosk: core } = k.runtime;
      for (const [number, role, pin] of [
        ['1001', 'supervisor', '246813'],
        ['2001', 'operator', '112358'],
      ] as const) {
        expect((await core.maintenance.staff.add({ number, role }, new TextEncoder().encode(pin), 'test')).ok).toBe(true);
      }
      const turnKey = watchServiceKey(core.serviceKeyCodes, (on) => core.serviceKey(on));

      // The customer stops at the PIN and walks away without the card.
      await k.toInsertCard();
      await k.insertCard('default');
      await k.at('pin');
      await k.tap('取消');
      await k.at('card-left-behind');
      // Someone passing takes it: the kiosk does not go back to customers, and says why.
      await k.removeCard();
      await k.at('out-of-service');
      expect(await k.page.locator('.lead').first().textContent()).toBe(
        'カードのお忘れがあったため、係員が確認するまでご利用いただけません。',
      );
      const [record] = core.maintenance.register.all();
      expect(record).toMatchObject({ status: 'open', reason: 'left-behind' });

      // An operator sees to it in the menu.
      expect(turnKey({ type: 'keyDown', code: core.serviceKeyCodes.on })).toBe(true);
      await k.atMenuPage('sign-in');
      await k.staffKeypad('2001');
      await k.staffKeypad('112358');
      await k.atMenuPage('home');
      await k.tap('取込カード管理簿');
      await k.atMenuPage('cards', (view) => view.lock !== undefined);
      await k.tap('カードを回収した');
      await k.atMenuPage('cards', (view) => view.lock === undefined && view.result?.outcome === 'done');
      expect(core.maintenance.control.inService).toBe(true);

      // The owner comes back: the operator checks their passport, a supervisor approves.
      await k.page
        .locator(`[data-card="${record?.id ?? ''}"]`)
        .getByRole('button', { name: '返却する' })
        .click();
      await k.atMenuPage('cards', (view) => view.form !== undefined);
      await k.tap('パスポート');
      await k.atMenuPage('cards', (view) => view.form?.method === 'passport');
      await k.tap('承認へ進む');
      await k.atMenuPage('sign-in', (view) => view.purpose === 'approve');
      await k.staffKeypad('1001');
      await k.staffKeypad('246813');
      await k.atMenuPage('cards', (view) => view.result?.action === 'release-card');
      expect(k.view()).toMatchObject({ result: { action: 'release-card', outcome: 'done' } });
      expect(await k.page.locator(`[data-card="${record?.id ?? ''}"]`).getAttribute('data-status')).toBe('released');
      expect(core.maintenance.register.get(record?.id ?? '')).toMatchObject({
        status: 'released',
        release: { checkedBy: '2001', method: 'passport', approvedBy: '1001' },
      });

      // The key turned back: customers are served again.
      if (core.serviceKeyCodes.off) turnKey({ type: 'keyDown', code: core.serviceKeyCodes.off });
      else turnKey({ type: 'keyUp', code: core.serviceKeyCodes.on });
      await k.at('attract');
    } finally {
      await k.stop();
    }
  });
});
