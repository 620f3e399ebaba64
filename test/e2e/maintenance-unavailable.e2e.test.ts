// The maintenance menu's code is loaded only when the menu opens (customers never load it). If
// that load fails (a damaged installation), staff are told so in both languages and can close
// the menu; the kiosk goes back to its attract loop rather than showing a blank screen.
import { expect, it } from 'vitest';
import { watchServiceKey } from '../../electron/main-process/service-key.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const pcsc = await probePcscWithVpcd();
const ready = !pcsc.ok ? pcsc : probeChromium();

describeWhenAvailable('the maintenance menu whose code cannot be loaded', ready, () => {
  it('says so to staff in both languages and closes back to the attract loop', async () => {
    const k = await E2eKiosk.start('maintenance menu unavailable');
    try {
      await k.at('attract');
      let asked = 0;
      await k.page.route(/MaintenanceScreen-[^/]*\.js$/, (route) => {
        asked += 1;
        return route.abort('failed');
      });
      const { kiosk: core } = k.runtime;
      const turnKey = watchServiceKey(core.serviceKeyCodes, (on) => core.serviceKey(on));
      expect(turnKey({ type: 'keyDown', code: core.serviceKeyCodes.on })).toBe(true);
      await k.page.getByRole('heading', { name: 'メンテナンスメニューを表示できません / The maintenance menu cannot be shown' }).waitFor();
      expect(asked).toBeGreaterThan(0);
      await k.page.getByRole('button', { name: '閉じる / Close' }).click();
      await k.at('attract');
    } finally {
      await k.stop();
    }
  });
});
