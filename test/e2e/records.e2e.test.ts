// The maintenance menu's records pages as branch staff use them: the production renderer in
// Chromium, the kiosk core with its card service on pcscd and an emulated card. A customer
// completes a session; staff see it on the menu's 14-day chart, look its receipt up on the
// receipt keypad, and export the audit trail under dual control into the export folder. Every
// page passed through is screenshotted and axe-audited (E2eKiosk.at).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
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

describeWhenAvailable('the menu’s records in Chromium, after a customer’s session through pcscd', ready, () => {
  let kiosk: E2eKiosk | undefined;
  const out = mkdtempSync(join(tmpdir(), 'kiosk-export-'));
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
    rmSync(out, { recursive: true, force: true });
  });

  it('staff find the session on the chart, look its receipt up and export the audit trail with a second supervisor’s approval', async () => {
    const k = await E2eKiosk.start('records menu', { now: tuesdayAfternoon(), records: { exportFolder: out } });
    kiosk = k;
    const { kiosk: core } = k.runtime;
    for (const [number, pin] of [
      ['1001', '246813'],
      ['1002', '135792'],
    ] as const) {
      expect((await core.maintenance.staff.add({ number, role: 'supervisor' }, new TextEncoder().encode(pin), 'test')).ok).toBe(true);
    }

    // A customer completes a session and is given the bank's receipt.
    await k.toInsertCard();
    await k.insertCard('default');
    await k.typePin('1234');
    await k.at('review');
    await k.tap('確認（提供する）');
    await k.at('finishing');
    await k.removeCard();
    await k.at('complete');
    const receipt = k.runtime.gateway?.submissions[0]?.receipt.receiptId ?? 'none';
    await k.tap('閉じる');
    await k.at('attract');

    core.serviceKey(true);
    await k.atMenuPage('sign-in');
    await k.staffKeypad('1001');
    await k.staffKeypad('246813');
    await k.atMenuPage('home');
    // Today's bar of the chart: one session, completed.
    expect(await k.page.locator('.m-chart-labels:not(.m-chart-dates) li').last().textContent()).toBe('1');
    expect(await k.page.locator('.m-legend').textContent()).toContain('完了 1');

    // The receipt typed on the lookup's keys (the receipt alphabet only), and the session's timeline.
    await k.tap('受付番号の照会');
    await k.atMenuPage('receipt-lookup');
    for (const key of receipt.replace('-', '')) await k.page.click(`.m-receipt-keys .key >> text="${key}"`);
    await k.page.locator('.m-receipt-typed', { hasText: `入力：${receipt}` }).waitFor();
    await k.tap('照会');
    const found = await k.atMenuPage('receipt-lookup', (view) => view.lookup.kind === 'found');
    const timeline = (await k.page.locator('.m-timeline').textContent()) ?? '';
    for (const event of ['session-started', 'authenticated', 'consent-given', 'submitted', 'session-completed'])
      expect(timeline).toContain(event);
    expect(timeline).toContain(receipt);
    expect(found.lookup.kind === 'found' && found.lookup.receipt).toBe(receipt);
    // Nothing of the customer's income reached the page.
    expect(await k.page.content()).not.toContain('6000000');

    // The audit trail, exported only once a second supervisor approves.
    await k.tap('メニューへ');
    await k.atMenuPage('home');
    await k.tap('監査ログの書き出し');
    await k.atMenuPage('audit-export');
    expect(await k.page.locator('.m-body').textContent()).toContain(`書き出しフォルダ：${out}`);
    await k.tap('書き出す');
    await k.atMenuPage('sign-in', (view) => view.purpose === 'approve' && view.approving === 'export-audit');
    expect(readdirSync(out)).toEqual([]);
    await k.staffKeypad('1002');
    await k.staffKeypad('135792');
    await k.atMenuPage('audit-export', (view) => view.result?.outcome === 'done');
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      expect.stringMatching(/^audit_2026-11-18_2026-11-24_exported-.*\.csv$/),
      expect.stringMatching(/^audit_2026-11-18_2026-11-24_exported-.*\.json$/),
      expect.stringMatching(/^audit_2026-11-18_2026-11-24_exported-.*\.manifest\.json$/),
    ]);
    expect(await k.page.locator('.m-delivery').textContent()).toContain(`件を ${out} に書き出しました`);
    const csv = readFileSync(join(out, files[0] ?? ''), 'utf8');
    expect(csv).toContain(receipt);
    expect(core.audit.recent(500).map((record) => record.event)).toContain('audit-exported');
    expect(
      core.audit
        .recent(500)
        .filter((record) => record.event === 'staff-action')
        .map((record) => record.detail),
    ).toContainEqual(expect.objectContaining({ staff: '1001', approver: '1002', action: 'export-audit', outcome: 'done' }));
    core.serviceKey(false);
    await k.at('attract');
  });
});
