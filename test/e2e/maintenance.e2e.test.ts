// The operator maintenance menu as branch staff use it: the production renderer in Chromium,
// the kiosk core with its card service on pcscd, an emulated My Number card in a vpcd reader.
// The service key switch is a keyboard key the shell catches (electron/main-process/
// service-key.ts, tested there and in main.test.ts); here the same watcher turns the configured
// key into the kiosk core's key position. Every other step is a touch on the drawn menu, and
// every page passed through is screenshotted and axe-audited (E2eKiosk.at). In the demo, the
// demo card reader page's button is the key switch: the last test turns it there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { BrowserHost } from '../../electron/devkit/browser-host/browser-host.ts';
import { DemoReader } from '../../electron/devkit/browser-host/demo-reader.ts';
import { startDemoKioskRuntime } from '../../electron/devkit/compose-demo-kiosk.ts';
import { watchServiceKey } from '../../electron/main-process/service-key.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { CHROMIUM, probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';
import { SUBMISSION } from '../support/submission-fixture.ts';

const pcsc = await probePcscWithVpcd();
const chromium = probeChromium();
const ready = !pcsc.ok ? pcsc : chromium;

/** An ordinary Tuesday afternoon in Japan, running: every service is within its hours. */
function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

describeWhenAvailable('the maintenance menu in Chromium, with a card through pcscd', ready, () => {
  let kiosk: E2eKiosk | undefined;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
  });

  it('opens by the service key; a supervisor signs in, tests the reader and the kiosk, switches a service off and on, and closes it', async () => {
    const k = await E2eKiosk.start('maintenance menu', { now: tuesdayAfternoon() });
    kiosk = k;
    const { kiosk: core } = k.runtime;
    expect((await core.maintenance.staff.add({ number: '1001', role: 'supervisor' }, new TextEncoder().encode('246813'), 'test')).ok).toBe(
      true,
    );
    const turnKey = watchServiceKey(core.serviceKeyCodes, (on) => core.serviceKey(on));

    await k.at('attract');
    // The touchscreen alone cannot open the menu: only the key switch does.
    expect(turnKey({ type: 'keyDown', code: core.serviceKeyCodes.on })).toBe(true);
    await k.atMenuPage('sign-in');
    await k.staffKeypad('1001');
    await k.atMenuPage('sign-in', (view) => view.step === 'pin');
    expect(await k.page.content()).not.toContain('246813');
    await k.staffKeypad('246813');
    await k.atMenuPage('home');
    expect(await k.page.locator('.m-header-staff').textContent()).toBe('担当者 1001（役席）');

    // Status, with an emulated card in the reader: the reader, the card and its ATR.
    await k.insertCard('default');
    await k.tap('状態');
    await k.atMenuPage('status', (view) => view.report !== undefined);
    // The status page is a snapshot: staff refresh it until the card service has seen the card.
    // (The other vpcd reader is shared with other tests: only this kiosk's reader counts.)
    for (let tries = 0; !(await k.page.locator('.m-rows').textContent())?.includes('Virtual PCD 00 00：カードあり'); tries += 1) {
      expect(tries, 'the status page showing the card').toBeLessThan(20);
      await k.page.waitForTimeout(250);
      await k.tap('更新');
    }
    expect(await k.page.locator('.m-rows').textContent()).toContain('Virtual PCD 00 00：カードあり ATR ');
    await k.at('maintenance');

    // Reader test: what card status finds, without PIN or personal data.
    await k.tap('メニューへ');
    await k.atMenuPage('home');
    await k.tap('カードリーダー検査');
    await k.atMenuPage('reader-test', (view) => view.readers !== undefined);
    await k.page.locator('[data-verdict="ok"]').waitFor();
    expect(await k.page.locator('[data-verdict="ok"]').textContent()).toBe('使用できるカードです');
    await k.at('maintenance');
    await k.removeCard();

    // The self-test on demand: staff confirm the test pattern and the chime, then the checks run.
    await k.tap('メニューへ');
    await k.atMenuPage('home');
    await k.tap('自己診断');
    await k.atMenuPage('self-test');
    await k.tap('自己診断を実行');
    await k.atMenuPage('self-test', (view) => view.step === 'display');
    await k.tap('見える');
    await k.atMenuPage('self-test', (view) => view.step === 'chime');
    await k.tap('聞こえる');
    await k.atMenuPage('self-test', (view) => view.step !== 'running' && view.last?.trigger === 'on-demand');
    const run = core.maintenance.selfTests.last();
    expect(run).toMatchObject({ trigger: 'on-demand', staff: '1001' });
    expect(run?.results.find((result) => result.check === 'display')).toMatchObject({ outcome: 'pass' });
    expect(run?.results.find((result) => result.check === 'chime')).toMatchObject({ outcome: 'pass' });
    expect(run?.results.find((result) => result.check === 'reader')).toMatchObject({ outcome: 'pass' });
    expect(await k.page.locator('[data-check]').count()).toBe(run?.results.length);

    // Service control: the housing-loan service switched off for customers.
    await k.tap('メニューへ');
    await k.atMenuPage('home');
    await k.tap('サービス管理');
    await k.atMenuPage('service-control');
    const housing = k.page.locator('[data-service="housing-loan-income"]');
    await housing.getByRole('button', { name: '停止する' }).click();
    await k.atMenuPage('service-control', (view) => view.form !== undefined);
    await k.tap('停止を設定');
    await k.atMenuPage(
      'service-control',
      (view) => view.form === undefined && view.services.some((service) => service.id === 'housing-loan-income' && !service.available),
    );
    expect(await housing.textContent()).toContain('利用不可');
    await k.tap('閉じる');

    // The customer screen says so.
    await k.at('attract');
    await k.page.click('.attract');
    await k.at('top');
    await k.tap('マイナポータルからの情報提出');
    await k.at('service-choice');
    const choice = k.page.getByRole('button', { name: /住宅ローンサービスへの所得情報の提出/ });
    expect(await choice.getAttribute('class')).toContain('button-unavailable');
    expect(await choice.textContent()).toContain('ただいまご利用いただけません');
    await k.tap('取消');
    await k.at('ended');
    await k.tap('閉じる');
    await k.at('attract');

    // Back on, by the same supervisor, and the menu closed by turning the key back.
    turnKey({ type: 'keyDown', code: core.serviceKeyCodes.on });
    await k.atMenuPage('sign-in');
    await k.staffKeypad('1001');
    await k.staffKeypad('246813');
    await k.atMenuPage('home');
    await k.tap('サービス管理');
    await k.atMenuPage('service-control');
    await housing.getByRole('button', { name: '再開する' }).click();
    await k.atMenuPage('service-control', (view) => view.services.every((service) => service.available));
    if (core.serviceKeyCodes.off) turnKey({ type: 'keyDown', code: core.serviceKeyCodes.off });
    else turnKey({ type: 'keyUp', code: core.serviceKeyCodes.on });
    await k.at('attract');
    await k.page.click('.attract');
    await k.at('top');
    await k.tap('マイナポータルからの情報提出');
    await k.at('service-choice');
    expect(await choice.getAttribute('class')).not.toContain('button-unavailable');

    // Every step is in the audit trail with the staff number.
    const actions = core.audit
      .recent(500)
      .filter((record) => record.event === 'staff-action')
      .map((record) => [record.detail?.staff, record.detail?.action, record.detail?.outcome]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['1001', 'self-test', 'done'],
        ['1001', 'switch-service', 'done'],
      ]),
    );
  });
});

describeWhenAvailable('the outbox page in Chromium', ready, () => {
  let kiosk: E2eKiosk | undefined;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
  });

  it('lists a waiting submission without its content, and deletes it with a reason once a second supervisor approves', async () => {
    const k = await E2eKiosk.start('maintenance outbox', { now: tuesdayAfternoon() });
    kiosk = k;
    const { kiosk: core, gateway } = k.runtime;
    for (const [number, pin] of [
      ['1001', '246813'],
      ['1002', '135792'],
    ] as const) {
      expect((await core.maintenance.staff.add({ number, role: 'supervisor' }, new TextEncoder().encode(pin), 'test')).ok).toBe(true);
    }
    // The bank is down: a customer's consented submission waits (its amount must never be shown).
    gateway?.faults.inject('submit', { kind: 'status', status: 503 }, Infinity);
    const amount = '7318642';
    const { id } = core.outbox.store(
      {
        ...SUBMISSION,
        items: [{ id: 'salaryIncome', label: { ja: '給与収入額', en: 'Salary income' }, value: { kind: 'yen', amount: 7_318_642 } }],
      },
      new Date(Date.now() + 60 * 60_000).toISOString(),
    );
    const turnKey = watchServiceKey(core.serviceKeyCodes, (on) => core.serviceKey(on));

    await k.at('attract');
    turnKey({ type: 'keyDown', code: core.serviceKeyCodes.on });
    await k.atMenuPage('sign-in');
    await k.staffKeypad('1001');
    await k.staffKeypad('246813');
    await k.atMenuPage('home');
    await k.tap('未送信の提出');
    await k.atMenuPage('outbox', (view) => view.entries.length === 1);
    const row = k.page.locator(`[data-submission="${id}"]`);
    expect(await row.textContent()).toContain(id.slice(0, 8));
    expect(await k.page.content()).not.toContain(amount);
    expect(await k.page.content()).not.toContain('7,318,642');

    await row.getByRole('button', { name: '削除' }).click();
    await k.page.getByRole('button', { name: 'お客様の取り下げ' }).click();
    // The reason form is the screen's own state: drawn, screenshotted and audited here.
    await k.page.locator('[aria-pressed="true"]').waitFor();
    await k.at('maintenance');
    await k.tap('削除する（承認へ）');
    await k.atMenuPage('sign-in', (view) => view.purpose === 'approve');
    expect(core.outbox.size).toBe(1);
    await k.staffKeypad('1002');
    await k.staffKeypad('135792');
    await k.atMenuPage('outbox', (view) => view.entries.length === 0);
    expect(core.outbox.size).toBe(0);
    const purge = core.audit.recent(200).find((record) => record.event === 'staff-action' && record.detail?.action === 'purge-submission');
    expect(purge?.detail).toMatchObject({ staff: '1001', approver: '1002', outcome: 'done', subject: id, detail: 'customer-withdrew' });
  });
});

describeWhenAvailable('the demo’s service key button in Chromium', chromium, () => {
  it('opens the menu on the kiosk screen from the demo card reader page, and closes it when turned back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    const runtime = await startDemoKioskRuntime(
      {
        dataDir,
        gateway: { kind: 'embedded' },
        reader: { kind: 'simulated', mechanics: 'motorised' },
        display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
      },
      {},
      { now: tuesdayAfternoon() },
    );
    const { simulated } = runtime;
    if (!simulated) throw new Error('the demo runs on the simulated reader');
    const host = new BrowserHost({
      screen: runtime.kiosk,
      staticDir: join(import.meta.dirname, '..', '..', 'dist', 'devkit', 'renderer'),
      demo: new DemoReader(simulated),
      serviceKey: (on) => runtime.kiosk.serviceKey(on),
    });
    const { url, demoUrl } = await host.start();
    const browser = await playwright.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
    try {
      if (!demoUrl) throw new Error('no demo card reader page');
      const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      await screen.goto(url);
      await screen.waitForSelector('.attract');
      const panel = await browser.newPage();
      await panel.goto(demoUrl);
      await panel.getByRole('button', { name: 'Turn the service key on' }).click();
      await screen.waitForSelector('.screen-maintenance.page-sign-in');
      expect(await panel.getByTestId('service-key').textContent()).toBe('on');
      await panel.getByRole('button', { name: 'Turn the service key back' }).click();
      await screen.waitForSelector('.attract');
      expect(runtime.kiosk.audit.recent().map((record) => record.event)).toEqual(
        expect.arrayContaining(['maintenance-opened', 'maintenance-closed']),
      );
    } finally {
      await browser.close();
      await host.stop();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
