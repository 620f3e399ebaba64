// The kiosk as a branch customer uses it: the production renderer in Chromium, the kiosk
// core with its card service on pcscd, emulated My Number cards in a vpcd reader, and the
// reference gateway. Screens passed through are saved under test-results/screenshots/.
import { afterEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsentKind } from '../../electron/common/consent-text.ts';
import { itemKey } from '../../electron/common/item-key.ts';
import type { Language } from '../../electron/common/ui-events.ts';
import { statementVersion } from '../../electron/node/consent/consent-version.ts';
import { fromTokyo } from '../../electron/node/hours/tokyo-time.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { probeChromium } from '../support/chromium-probe.ts';
import { E2eKiosk, type HarnessOptions } from '../support/e2e-harness.ts';
import { probePcscWithVpcd } from '../support/pcsc-probe.ts';

const pcsc = await probePcscWithVpcd();
const chromium = probeChromium();
const ready = !pcsc.ok ? pcsc : chromium;

/** The version of the consent statement as the page drew it (its lines read back from the DOM). */
async function drawnVersion(page: Page, kind: ConsentKind, language: Language): Promise<string> {
  const line = async (name: string): Promise<string> => (await page.locator(`[data-consent="${name}"]`).textContent()) ?? '';
  const items = await page.locator('[data-consent="item"]').allTextContents();
  return statementVersion(kind, language, { ask: await line('ask'), retention: await line('retention'), items, note: await line('note') });
}

/** An ordinary Tuesday afternoon in Japan, running: the tests do not depend on today. */
function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

describeWhenAvailable('the kiosk in Chromium, with cards through pcscd', ready, () => {
  let kiosk: E2eKiosk | undefined;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
  });
  const open = async (name: string, options: HarnessOptions = {}): Promise<E2eKiosk> => {
    kiosk = await E2eKiosk.start(name, { now: tuesdayAfternoon(), ...options });
    return kiosk;
  };

  it('completes a session to the bank’s receipt, showing the items the Japanese way', async () => {
    const k = await open('happy path');
    // 戻る on the confirmation goes back to the choice of service, and on from there.
    await k.at('attract');
    await k.page.click('.attract');
    await k.at('top');
    await k.tap('マイナポータルからの情報提出');
    await k.at('service-choice');
    await k.tap('住宅ローンサービスへの所得情報の提出');
    await k.at('confirmation');
    // How long the bank keeps it, and no promise of a "next screen" that is not the next one.
    expect(await k.page.locator('[data-consent="retention"]').textContent()).toContain('365日間保管し');
    expect(await k.page.locator('.frame-body').textContent()).not.toContain('次の画面');
    await k.tap('戻る');
    await k.at('service-choice');
    await k.tap('取消');
    await k.at('ended');
    await k.tap('閉じる');
    await k.toInsertCard();
    await k.insertCard('default');
    await k.at('pin');
    expect(await k.page.getByText('あと3回間違えると暗証番号がロックされます').count()).toBe(1);
    await k.typePin('1234');
    await k.at('review');
    const rows = k.page.locator('table.items tbody tr');
    expect(await rows.count()).toBe(8);
    expect(await k.page.locator('[data-item="salaryIncome"] td').textContent()).toBe('6,000,000円');
    expect(await k.page.locator('[data-item="taxYear"] td').textContent()).toBe('令和7年度');
    expect(await k.page.locator('[data-item="publicPensionIncome"] td').textContent()).toBe('情報なし');
    expect(await k.page.locator('[data-item="businessIncome"] td').textContent()).toBe('0円');
    await k.tap('確認（提供する）');
    await k.at('finishing');
    await k.removeCard();
    await k.at('complete');
    const receipt = k.runtime.gateway?.submissions[0]?.receipt.receiptId ?? 'none';
    expect(await k.page.locator('.receipt').textContent()).toBe(`受付番号 ${receipt}`);
    // Leaving the review screen removed the personal data from the page.
    expect(await k.page.content()).not.toContain('6,000,000');
    await k.tap('閉じる');
    await k.at('attract');
  });

  it('draws on ③ and ⑥ exactly the statements whose versions reach the gateway, in English, for every record of a range', async () => {
    const k = await open('consent statements, English, range answer', { viewport: { width: 1080, height: 1920 } });
    await k.at('attract');
    await k.page.click('.attract');
    await k.at('top');
    await k.tap('English');
    await k.page.getByText('Choose a procedure').waitFor();
    await k.tap('Submit information from Mynaportal');
    await k.at('service-choice');
    await k.tap('Pension information for investment advice');
    await k.at('confirmation');
    const agreed = await drawnVersion(k.page, 'agreement', 'en');
    expect(await k.page.locator('[data-consent="retention"]').textContent()).toContain('30 days');
    await k.tap('Agree and continue');
    await k.at('insert-card');
    await k.insertCard('default');
    await k.at('pin');
    expect(await k.page.locator('.pin-service').textContent()).toBe('Pension information for investment advice');
    for (const digit of '1234') await k.page.click(`.key >> text="${digit}"`);
    await k.tap('OK');
    await k.at('review');
    // Both yearly records of the last two years, each its own group of rows.
    const groups = k.page.locator('table.items tbody.record');
    expect(await groups.count()).toBe(2);
    expect(await k.page.locator('[data-consent="item"]').allTextContents()).toEqual([
      'Year (2024)',
      'Annual pension (2024)',
      'Year (2025)',
      'Annual pension (2025)',
    ]);
    const consented = await drawnVersion(k.page, 'provision', 'en');
    await k.tap('Confirm (provide)');
    await k.at('finishing');
    await k.removeCard();
    await k.at('complete');
    const gateway = k.runtime.gateway;
    expect(gateway?.retrievalRequests.map((request) => request.agreement.textVersion)).toEqual([agreed]);
    expect(gateway?.submissions.map(({ submission }) => submission.consent.textVersion)).toEqual([consented]);
    expect(gateway?.submissions[0]?.submission.items.map(itemKey)).toEqual([
      'pensionYear@2024',
      'pensionAnnualAmount@2024',
      'pensionYear@2025',
      'pensionAnnualAmount@2025',
    ]);
  });

  it('takes 確認 only after the review table has been on screen to its end: the core refuses it before', async () => {
    // A 720-line screen: the eight items of the review are more than it holds at once.
    const k = await open('consent after the whole review', { viewport: { width: 1280, height: 720 } });
    await k.toInsertCard();
    await k.insertCard('default');
    await k.typePin('1234');
    await k.at('review');
    const { kiosk } = k.runtime;
    const refusals = (): unknown[] =>
      kiosk.audit
        .recent()
        .filter((record) => record.event === 'consent-refused')
        .map((record) => record.detail?.reason);
    const confirm = k.page.getByRole('button', { name: '確認（提供する）' });
    const more = k.page.getByRole('button', { name: /続きを見る/ });
    expect(await confirm.isDisabled()).toBe(true);
    // A consent that does not wait for the screen (a faulty or tampered renderer) reaches the core
    // while the table has not been seen to its end: refused, recorded, and the customer still reviews.
    const view = k.view();
    if (view.screen !== 'review') throw new Error('not on review');
    expect(kiosk.send({ type: 'CONFIRM', itemKeys: view.items.map(itemKey) })).toEqual({ ok: true });
    expect(refusals()).toEqual(['not-seen']);
    expect(k.view().screen).toBe('review');
    // Scrolled to the end, the screen tells the core, and 確認 goes through.
    let presses = 0;
    while (await confirm.isDisabled()) {
      expect(presses).toBeLessThan(10);
      await more.click();
      presses += 1;
      await k.page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'); // the scroll is seen
    }
    expect(presses).toBeGreaterThan(0);
    await confirm.click();
    await k.at('finishing');
    expect(refusals()).toEqual(['not-seen']);
    await k.removeCard();
    await k.at('complete');
    expect(k.runtime.gateway?.submissions).toHaveLength(1);
  });

  it('shows the tries left after a wrong PIN, then accepts the right one', async () => {
    const k = await open('wrong PIN then right');
    await k.toInsertCard();
    await k.insertCard('default');
    await k.typePin('9999');
    await k.at('pin');
    await k.page.waitForSelector('.alert');
    expect(await k.page.locator('.alert').first().textContent()).toBe('暗証番号が違います');
    expect(await k.page.getByText('あと2回間違えると暗証番号がロックされます').count()).toBe(1);
    // This time on a physical keypad: digits, a correction, Enter.
    await k.page.keyboard.type('12');
    await k.page.keyboard.press('Backspace');
    await k.page.keyboard.type('234');
    await k.page.keyboard.press('Enter');
    await k.at('review');
  });

  it('warns on the last try, and explains where to reset a blocked PIN', async () => {
    const k = await open('one try left, then blocked');
    await k.toInsertCard();
    await k.insertCard('one-try-left');
    await k.at('pin');
    expect(await k.page.locator('.alert-strong').textContent()).toContain('次に間違えると暗証番号がロックされます');
    await k.typePin('0000');
    await k.at('pin-blocked');
    expect(await k.page.locator('.lead').first().textContent()).toContain('市区町村の窓口');
    // The card is given back with the notice, and it says so; 閉じる is its one way out (no 取消 beside it).
    expect(await k.page.locator('.lead').last().textContent()).toBe('カードをお返しします。お取りください。');
    expect(await k.page.getByRole('button', { name: '取消' }).count()).toBe(0);
    await k.tap('閉じる');
    await k.at('returning-card');
    await k.removeCard();
    await k.at('attract');
  });

  it('stops on 取消 from every screen up to the review, giving the card back once it is in', async () => {
    const k = await open('cancel on each screen');
    const cancel = async (screen: string): Promise<void> => {
      // The review's on-screen way to stop is 提供しない; the number pad's 取消 key stops there too, as the voice says.
      if (screen === 'review') await k.page.keyboard.press('Escape');
      else await k.tap('取消');
    };
    for (const screen of ['top', 'service-choice', 'confirmation', 'insert-card'] as const) {
      await k.at('attract');
      await k.page.click('.attract');
      await k.at('top');
      if (screen !== 'top') {
        await k.tap('マイナポータルからの情報提出');
        await k.at('service-choice');
      }
      if (screen === 'confirmation' || screen === 'insert-card') {
        await k.tap('住宅ローンサービスへの所得情報の提出');
        await k.at('confirmation');
      }
      if (screen === 'insert-card') {
        await k.tap('同意して進む');
        await k.at('insert-card');
      }
      await cancel(screen);
      // 取消 on the top screen, before anything began, simply goes back to the attract loop.
      if (screen === 'top') continue;
      await k.at('ended');
      await k.tap('閉じる');
    }
    for (const screen of ['pin', 'review'] as const) {
      await k.toInsertCard();
      await k.insertCard('default');
      if (screen === 'review') {
        await k.typePin('1234');
        await k.at('review');
      } else {
        await k.at('pin');
      }
      await cancel(screen);
      await k.at('returning-card');
      // Once information was obtained, the customer is told it was deleted, once the gateway confirmed it.
      if (screen === 'review') await k.page.getByText('取得した情報は削除しました').waitFor();
      else expect(await k.page.getByText(/取得した情報/).count()).toBe(0);
      await k.removeCard();
      await k.at('attract');
    }
    expect(k.runtime.gateway?.submissions).toHaveLength(0);
    expect(k.runtime.gateway?.heldRetrievals).toBe(0);
  });

  it('ends the session when the card is pulled out on the PIN screen and on the review screen', async () => {
    const k = await open('card removed');
    for (const screen of ['pin', 'review'] as const) {
      await k.toInsertCard();
      await k.insertCard('default');
      if (screen === 'review') {
        await k.typePin('1234');
        await k.at('review');
      } else {
        await k.at('pin');
      }
      await k.removeCard();
      await k.at('card-removed');
      expect(await k.page.content()).not.toContain('6,000,000');
      await k.tap('閉じる');
      // The notice said the procedure stopped: a second screen says only what became of the information obtained.
      if (screen === 'pin') continue;
      await k.at('ended');
      await k.tap('閉じる');
    }
    expect(k.runtime.gateway?.submissions).toHaveLength(0);
  });

  it('says a card that stops answering did not respond, gives it back, and ends as soon as it is taken', async () => {
    const k = await open('card stops answering');
    await k.toInsertCard();
    await k.insertCard('unresponsive');
    await k.typePin('1234');
    // The card goes silent at the signature; the card service answers after its 10 s deadline.
    await k.at('card-error', 20_000);
    expect(k.view()).toMatchObject({ screen: 'card-error', problem: 'unresponsive' });
    expect(await k.page.locator('h1.title').textContent()).toBe('カードを読み取れませんでした');
    const lines = await k.page.locator('.lead').allTextContents();
    expect(lines).toEqual([
      'カードが途中で応答しなくなりました。もう一度お試しください。',
      'うまくいかない場合は、窓口にお声がけください。',
      'カードをお返しします。お取りください。',
    ]);
    await k.removeCard();
    // Long before the notice's own timeout.
    await k.at('attract', 5000);
    const records = k.runtime.kiosk.audit.recent();
    // The customer's records (the deletion of the retrieval at the gateway belongs to no session).
    const session = records.slice(records.map((record) => record.event).lastIndexOf('session-started')).filter((record) => record.session);
    expect(session.map((record) => record.event)).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'card-rejected',
      'card-returned',
      'session-ended',
    ]);
    expect(session.find((record) => record.event === 'card-rejected')?.detail).toMatchObject({ reason: 'unresponsive' });
    // Not taken for a hang of the card service, and the reader serves the next customer.
    expect(records.some((record) => record.event === 'card-removed')).toBe(false);
    await k.toInsertCard();
    await k.insertCard('default');
    await k.at('pin');
  });

  it('warns an idle customer with a countdown, then goes back to the attract loop', async () => {
    const k = await open('idle timeout', { delays: { idle: 1500, idleCountdown: 2000, noticeScreen: 2000 } });
    await k.toInsertCard();
    await k.at('idle-warning');
    expect(await k.page.locator('.countdown').textContent()).toMatch(/^\d秒後にお手続きを中止します$/);
    await k.tap('続ける');
    await k.at('insert-card');
    await k.at('idle-warning');
    await k.at('ended', 8000);
    await k.at('attract');
    // A real finger rests on the button a moment: the touch (pointerdown) must not resume the
    // session under it. Pressed on 取消 (the notice's one way to stop), the session stops as cancelled.
    for (const stop of ['取消']) {
      await k.toInsertCard();
      await k.at('idle-warning');
      const box = await k.page.getByRole('button', { name: stop, exact: true }).boundingBox();
      if (!box) throw new Error(`no ${stop} button`);
      await k.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await k.page.mouse.down();
      await k.page.waitForTimeout(150);
      await k.page.mouse.up();
      await k.at('ended');
      // Recorded as it happened (the screen closes by itself soon after).
      const ended = k.runtime.kiosk.audit.recent().filter((record) => record.event === 'session-ended');
      expect(ended.at(-1)?.detail).toMatchObject({ reason: 'cancelled' });
      await k.at('attract');
    }
  });

  it('says when retrieval will be possible again, outside operating hours', async () => {
    const yearEnd = (() => {
      const started = Date.now();
      const base = fromTokyo(2026, 12, 30, 10, 0).getTime();
      return () => new Date(base + (Date.now() - started));
    })();
    const k = await open('outside operating hours', { now: yearEnd });
    await k.at('attract');
    // Closed for every service (the year-end stop of 住基ネット): the attract loop and the top screen say so, and until when.
    const closed = '令和9年1月4日(月) 8:00から ご利用いただけます';
    expect(await k.page.locator('.attract-closed').textContent()).toBe(`ただいまの時間はご利用いただけません${closed}`);
    await k.page.click('.attract');
    await k.at('top');
    expect(await k.page.locator('.screen-top .alert').textContent()).toBe(`ただいまの時間はご利用いただけません${closed}`);
    await k.tap('マイナポータルからの情報提出');
    await k.at('service-choice');
    expect(await k.page.locator('.button-hint-alert').first().textContent()).toContain('令和9年1月4日');
    await k.tap('住宅ローンサービスへの所得情報の提出');
    await k.at('unavailable');
    expect(await k.page.locator('.emphasis').textContent()).toBe('次にご利用いただける時間：令和9年1月4日(月) 8:00');
  });

  it('offers a retry after a gateway error, asking for the PIN again only if it was never sent', async () => {
    const k = await open('gateway error with retry');
    await k.toInsertCard();
    await k.insertCard('default');
    await k.at('pin');
    // Before the PIN reached the card: the retry asks for it again.
    k.runtime.gateway?.faults.inject('startRetrieval', { kind: 'status', status: 503 }, 1);
    await k.typePin('1234');
    await k.at('retrieval-error');
    await k.tap('もう一度試す');
    await k.typePin('1234');
    // After the card verified the PIN: the retry goes on without it.
    k.runtime.gateway?.faults.inject('authenticate', { kind: 'status', status: 503 }, 1);
    await k.at('retrieval-error');
    await k.tap('もう一度試す');
    await k.at('review');
  });

  it('fits the portrait screen and switches to English on every screen', async () => {
    const k = await open('portrait and English', { viewport: { width: 1080, height: 1920 } });
    await k.at('attract');
    await k.page.click('.attract');
    await k.at('top');
    await k.tap('English');
    await k.page.getByText('Choose a procedure').waitFor();
    await k.tap('Submit information from Mynaportal');
    await k.at('service-choice');
    // Touch targets of at least 60 CSS px, body text of at least 24 px.
    const boxes = await Promise.all((await k.page.locator('button').all()).map((button) => button.boundingBox()));
    expect(Math.min(...boxes.map((box) => box?.height ?? 0))).toBeGreaterThanOrEqual(60);
    const fontSize = Number(await k.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.frame')).fontSize)"));
    expect(fontSize).toBeGreaterThanOrEqual(24);
  });
});
