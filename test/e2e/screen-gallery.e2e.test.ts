// Every variant of every screen, drawn by the production renderer in Chromium, in both
// languages and both orientations of a branch touchscreen: each must pass the accessibility
// audit (WCAG A/AA, AAA text contrast), keep every button at least 60 px and on screen, keep
// text at least 24 px, and never make the page scroll. Each drawing is saved for review.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { itemKey } from '../../electron/common/item-key.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { BrowserHost, type ScreenSource } from '../../electron/devkit/browser-host/browser-host.ts';
import { auditAccessibility } from '../support/accessibility-audit.ts';
import { CHROMIUM, probeChromium } from '../support/chromium-probe.ts';
import { describeWhenAvailable } from '../support/components.ts';
import { SCREENSHOTS } from '../support/e2e-harness.ts';
import { everyScreen } from '../support/screen-variants.ts';
import { until } from '../support/until.ts';

const STATIC = join(import.meta.dirname, '..', '..', 'dist', 'devkit', 'renderer');

/** Stands in for the kiosk core: shows whatever view the test puts up. */
class ScreenStand implements ScreenSource {
  #view: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };
  readonly #listeners = new Set<(view: ViewModel) => void>();
  view(): ViewModel {
    return this.#view;
  }
  subscribe(listener: (view: ViewModel) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** What the renderer sent, in order. */
  readonly received: unknown[] = [];
  send(event: unknown): { ok: true; value: undefined } {
    this.received.push(event);
    return { ok: true, value: undefined };
  }
  show(view: ViewModel): void {
    this.#view = view;
    for (const listener of this.#listeners) listener(view);
  }
}

/** Layout problems on the page as drawn, as sentences; evaluated in the page. */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight) problems.push('the page scrolls: ' + root.scrollWidth + '×' + root.scrollHeight);
  for (const button of document.querySelectorAll('button')) {
    const box = button.getBoundingClientRect();
    const name = JSON.stringify(button.textContent.trim().slice(0, 30));
    if (box.width < 60 || box.height < 60) problems.push('button ' + name + ' is ' + Math.round(box.width) + '×' + Math.round(box.height));
    if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) problems.push('button ' + name + ' is off screen');
  }
  // Content cut off inside a scrolling box is content the customer may never see; the review
  // table is the one box allowed to scroll, as consent waits until it has been seen to the end.
  for (const element of document.querySelectorAll('body *')) {
    const overflow = getComputedStyle(element).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight + 1 && !element.hasAttribute('data-scroll-guard'))
      problems.push('content hidden below the fold of .' + element.className.split(' ').join('.'));
    // Nothing is meant to scroll sideways: what sticks out at a side is cut off (and a sideways
    // scrollbar takes height from the box).
    const overflowX = getComputedStyle(element).overflowX;
    if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1)
      problems.push('content cut off at the side of .' + element.className.split(' ').join('.') + ': ' + element.scrollWidth + ' px in ' + element.clientWidth);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!text.textContent.trim() || !element || element.closest('[aria-hidden="true"]')) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 24) problems.push(JSON.stringify(text.textContent.trim().slice(0, 30)) + ' is ' + size + ' px');
  }
  return problems;
})()`;

/**
 * With motion on, every running animation stopped at this fraction of its cycle: how many run,
 * which of them move the attract screen's call to action, and every text drawn less than fully
 * opaque (by its own or an ancestor's opacity, or its colour's alpha). Evaluated in the page.
 */
const FADED_TEXT_AT = (fraction: number): string => `(() => {
  const animations = document.getAnimations();
  for (const animation of animations) {
    const timing = animation.effect.getComputedTiming();
    animation.pause();
    animation.currentTime = (timing.delay || 0) + Number(timing.duration) * ${String(fraction)};
  }
  const cta = document.querySelector('.attract-touch');
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!text.textContent.trim() || !element || element.closest('[aria-hidden="true"]')) continue;
    let opacity = 1;
    for (let node = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
    const color = getComputedStyle(element).color;
    // rgba(r, g, b, a) or color(space r g b / a): the alpha is after the last comma or slash.
    const cut = color.startsWith('rgba(') ? color.lastIndexOf(',') : color.lastIndexOf('/');
    const colorAlpha = cut < 0 ? 1 : Number(color.slice(cut + 1, -1));
    if (opacity < 1 || colorAlpha < 1)
      problems.push(JSON.stringify(text.textContent.trim().slice(0, 30)) + ' at opacity ' + opacity.toFixed(2) + ', colour ' + color);
  }
  return { running: animations.length, cta: cta ? cta.getAnimations().length : 0, problems };
})()`;

const ORIENTATIONS = [
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
] as const;

describeWhenAvailable('every screen in Chromium', probeChromium(), () => {
  const stand = new ScreenStand();
  const host = new BrowserHost({ screen: stand, staticDir: STATIC });
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    ({ url } = await host.start());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser.close();
    await host.stop();
  });

  it('lets the customer consent only after every item of a long review has been on screen, and tells the core so', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await page.goto(url);
    const review = everyScreen('ja').find(({ view }) => view.screen === 'review')?.view;
    if (review?.screen !== 'review') throw new Error('no review screen among the variants');
    // Touches also tell the core the customer is still there; these are what the screen reports and decides.
    const decisions = (): unknown[] => stand.received.filter((event) => (event as { type: string }).type !== 'ACTIVITY');
    // A table that fits: its last item is on screen at once, and the core is told so at once.
    stand.received.length = 0;
    stand.show(review);
    await page.waitForSelector('.screen-review');
    await until(() => decisions().length > 0, 'the report of a review seen whole');
    const last = review.items.at(-1);
    expect(decisions()).toEqual([{ type: 'REVIEW_SEEN', lastItemKey: last && itemKey(last) }]);
    stand.show({ ...review, screen: 'top' });
    await page.waitForSelector('.screen-top');

    // A service asking for three times the usual items: more than a 1080-px screen holds.
    stand.received.length = 0;
    const items = [1, 2, 3].flatMap((round) => review.items.map((item) => ({ ...item, id: `${item.id}${String(round)}` })));
    stand.show({ ...review, items });
    await page.waitForSelector('.screen-review');
    const confirm = page.getByRole('button', { name: '確認（提供する）' });
    const more = page.getByRole('button', { name: /続きを見る/ });
    const lastRow = page.locator('table.items tbody tr').last();
    let presses = 0;
    while (await confirm.isDisabled()) {
      // Until the last row has been on screen, the core is told nothing: it would refuse 確認.
      expect({ presses, decisions: decisions() }).toEqual({ presses, decisions: [] });
      expect(presses).toBeLessThan(10);
      await more.click();
      presses += 1;
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'); // the scroll is seen
    }
    expect(presses).toBeGreaterThan(1);
    expect(await more.count()).toBe(0);
    expect(await lastRow.isVisible()).toBe(true);
    await confirm.click();
    // The report of the last row, before the one decision, CONFIRM.
    await until(() => decisions().length > 1, 'the consent to arrive');
    expect(decisions()).toEqual([
      { type: 'REVIEW_SEEN', lastItemKey: items.at(-1)?.id },
      { type: 'CONFIRM', itemKeys: items.map(itemKey) },
    ]);
    await page.close();
  });

  // The gallery below draws with reduced motion, as the stillest screens are easiest to judge;
  // here motion is on, and every animation is stopped at points through its cycle: text never
  // fades (a call to action pulsing to 55 % opacity fell to about 3.5:1 against its background).
  it('keeps all text fully opaque and the call to action at 7:1 through every animation', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await page.goto(url);
    const failures: string[] = [];
    let ctaAnimated = false;
    for (const { name, view } of everyScreen('ja')) {
      const between: ViewModel = view.screen === 'top' ? { ...view, screen: 'attract' } : { ...view, screen: 'top' };
      stand.show(between);
      await page.waitForSelector(between.screen === 'top' ? '.screen-top' : '.attract');
      stand.show(view);
      await page.waitForSelector(view.screen === 'attract' ? '.attract' : `.screen-${view.screen}`);
      for (const fraction of [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]) {
        const sample = await page.evaluate<{ running: number; cta: number; problems: string[] }>(FADED_TEXT_AT(fraction));
        for (const problem of sample.problems) failures.push(`${name} at ${String(fraction)} of the cycle: ${problem}`);
        if (sample.cta > 0) ctaAnimated = true;
        if (view.screen !== 'attract') continue;
        // The call to action stands on its own background: axe measures its contrast as drawn.
        for (const finding of await auditAccessibility(page)) {
          failures.push(`${name} at ${String(fraction)} of the cycle: ${finding.rule} at ${finding.targets.join(' ')}: ${finding.help}`);
        }
      }
    }
    await page.close();
    expect(ctaAnimated, 'the call to action is animated when motion is allowed').toBe(true);
    expect(failures).toEqual([]);
  });

  // As drawn for everyone, and with the customer's large text and high contrast switched on.
  const MODES = [
    { name: '', access: undefined },
    {
      name: '-large-text-high-contrast',
      access: { largeText: true, highContrast: true, assisted: false, audio: 'speaker', keypad: false } as const,
    },
  ] as const;
  for (const { name: orientation, viewport } of ORIENTATIONS) {
    for (const language of ['ja', 'en'] as const) {
      for (const mode of MODES) {
        it(`draws each screen readably, ${orientation}, ${language}${mode.name}`, { timeout: 180_000 }, async () => {
          const page = await browser.newPage({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', reducedMotion: 'reduce' });
          const shots = join(SCREENSHOTS, `gallery-${orientation}-${language}${mode.name}`);
          rmSync(shots, { recursive: true, force: true });
          mkdirSync(shots, { recursive: true });
          await page.goto(url);
          const failures: string[] = [];
          for (const { name, view: plain } of everyScreen(language)) {
            const view: ViewModel = mode.access ? { ...plain, access: mode.access } : plain;
            // Through a different screen first, so the wait below sees this view drawn.
            const between: ViewModel = view.screen === 'top' ? { ...view, screen: 'attract' } : { ...view, screen: 'top' };
            stand.show(between);
            await page.waitForSelector(between.screen === 'top' ? '.screen-top' : '.attract');
            stand.show(view);
            await page.waitForSelector(view.screen === 'attract' ? '.attract' : `.screen-${view.screen}`);
            await page.screenshot({ path: join(shots, `${name}.png`) });
            const findings = await auditAccessibility(page);
            const layout = await page.evaluate<string[]>(LAYOUT_PROBLEMS);
            for (const finding of findings) failures.push(`${name}: ${finding.rule} at ${finding.targets.join(' ')}: ${finding.help}`);
            for (const problem of layout) failures.push(`${name}: ${problem}`);
          }
          await page.close();
          expect(failures).toEqual([]);
        });
      }
    }
  }
});
