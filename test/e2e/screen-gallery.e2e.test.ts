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
import { MESSAGES } from '../../renderer/i18n/messages.ts';
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

/**
 * Where 取消 is, as a customer sees it: outside the header, in the screen's action area (its
 * buttons, or the PIN pad), at most 64 px from the nearest other button there; where it is the
 * area's only button, centred in the bottom quarter of the screen. And whether each group of
 * buttons is laid out in the order Tab takes them (left to right, or top to bottom). Evaluated
 * in the page.
 */
const CANCEL_PLACEMENT = (cancel: string): string => `(() => {
  const problems = [];
  const cancels = [...document.querySelectorAll('button')].filter((button) => button.textContent.trim() === ${JSON.stringify(cancel)});
  if (cancels.length > 1) problems.push(cancels.length + ' buttons say ' + ${JSON.stringify(cancel)});
  for (const button of cancels) {
    if (button.closest('header')) problems.push('取消 is in the header');
    const group = button.parentElement;
    if (!group.matches('.actions, .keypad')) problems.push('取消 is not in an action area but in .' + group.className);
    const others = [...group.querySelectorAll('button')].filter((other) => other !== button);
    const box = button.getBoundingClientRect();
    if (others.length === 0) {
      const centre = (box.left + box.right) / 2;
      if (box.top < innerHeight * 0.75 || Math.abs(centre - innerWidth / 2) > innerWidth * 0.1)
        problems.push('取消, the only button of its area, is at ' + Math.round(box.left) + ',' + Math.round(box.top) + ', not centred at the bottom');
      continue;
    }
    const gap = Math.min(...others.map((other) => {
      const near = other.getBoundingClientRect();
      return Math.max(near.left - box.right, box.left - near.right, near.top - box.bottom, box.top - near.bottom, 0);
    }));
    if (!(gap <= 64)) problems.push('取消 is ' + gap + ' px from the nearest of its screen’s buttons');
  }
  for (const group of document.querySelectorAll('.actions')) {
    const buttons = [...group.querySelectorAll(':scope > button')];
    const boxes = buttons.map((button) => button.getBoundingClientRect());
    const rows = boxes.every((box) => Math.abs(box.top - boxes[0].top) < 2);
    for (let i = 1; i < boxes.length; i++) {
      const ahead = rows ? boxes[i].left > boxes[i - 1].left : boxes[i].top > boxes[i - 1].top;
      if (!ahead) problems.push('.actions: ' + JSON.stringify(buttons[i].textContent.trim()) + ' is drawn before ' + JSON.stringify(buttons[i - 1].textContent.trim()) + ', which Tab reaches first');
    }
  }
  return problems;
})()`;

/** Each screen of the procedure, and the step the band must name on it (undefined: none, the procedure has ended). */
const STEP_OF: Partial<Record<ViewModel['screen'], (view: ViewModel) => keyof (typeof MESSAGES)['ja']['steps'] | undefined>> = {
  'service-choice': () => 'service',
  confirmation: () => 'consent',
  'insert-card': () => 'card',
  // Asked for the My Number card again; after the last try the session has ended.
  'wrong-card': (view) => (view.screen === 'wrong-card' && view.triesLeft > 0 ? 'card' : undefined),
  working: (view) =>
    view.screen === 'working'
      ? (
          {
            'checking-service': 'service',
            'reading-card': 'card',
            authenticating: 'identity',
            retrieving: 'obtain',
            'checking-card': 'provide',
          } as const
        )[view.task]
      : 'card',
  pin: () => 'identity',
  review: () => 'review',
  finishing: () => 'provide',
};

/** The one word for each way out of a screen (renderer/i18n/messages.ts). */
const EXIT_WORD = (language: 'ja' | 'en'): Readonly<Record<string, string>> => ({
  CANCEL: MESSAGES[language].app.cancel,
  BACK: MESSAGES[language].confirmation.back,
  DECLINE: MESSAGES[language].review.decline,
  DISMISS: MESSAGES[language].common.close,
});

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

  // What a customer would notice of the frame: 取消 among the screen's own buttons, never alone
  // in a corner; the step band naming where they are; the main button last, as Tab reaches it.
  for (const { name: orientation, viewport } of ORIENTATIONS) {
    for (const language of ['ja', 'en'] as const) {
      it(`puts 取消 among each screen's buttons and names the step, ${orientation}, ${language}`, { timeout: 180_000 }, async () => {
        const page = await browser.newPage({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', reducedMotion: 'reduce' });
        await page.goto(url);
        const failures: string[] = [];
        const steps = MESSAGES[language].steps;
        for (const { name, view } of everyScreen(language)) {
          if (view.screen === 'maintenance') continue;
          const between: ViewModel = view.screen === 'top' ? { ...view, screen: 'attract' } : { ...view, screen: 'top' };
          stand.show(between);
          await page.waitForSelector(between.screen === 'top' ? '.screen-top' : '.attract');
          stand.show(view);
          await page.waitForSelector(view.screen === 'attract' ? '.attract' : `.screen-${view.screen}`);
          for (const problem of await page.evaluate<string[]>(CANCEL_PLACEMENT(MESSAGES[language].app.cancel)))
            failures.push(`${name}: ${problem}`);
          const cancel = page.getByRole('button', { name: MESSAGES[language].app.cancel, exact: true });
          if (view.canCancel && view.screen !== 'review' && (await cancel.count()) !== 1)
            failures.push(`${name}: no 取消 where the core offers it`);
          const expected = STEP_OF[view.screen]?.(view);
          const current = page.locator('.steps [aria-current="step"]');
          if (expected === undefined) {
            if ((await current.count()) > 0) failures.push(`${name}: a step band outside the procedure`);
            continue;
          }
          if ((await current.count()) !== 1 || !(await current.isVisible())) {
            failures.push(`${name}: no step named`);
            continue;
          }
          const said = await current.textContent();
          if (!said?.endsWith(steps[expected]))
            failures.push(`${name}: the band names ${JSON.stringify(said)}, not ${JSON.stringify(steps[expected])}`);
        }
        await page.close();
        expect(failures).toEqual([]);
      });
    }
  }

  // One word per meaning: every button is pressed, and what it sends is its meaning. No screen
  // has two ways out, and each way out says its one word (取消, 戻る, 提供しない, 閉じる). The one
  // pair allowed: before a card is in, 閉じる on the unavailable notice goes back to the choice
  // of service while 取消 ends (electron/node/session/session-view.ts).
  for (const language of ['ja', 'en'] as const) {
    it(`gives each screen one control per meaning, ${language}`, { timeout: 300_000 }, async () => {
      const page = await browser.newPage({
        viewport: { width: 1920, height: 1080 },
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        reducedMotion: 'reduce',
      });
      await page.goto(url);
      const failures: string[] = [];
      const words = EXIT_WORD(language);
      for (const { name, view } of everyScreen(language)) {
        if (view.screen === 'maintenance') continue;
        const between: ViewModel = view.screen === 'top' ? { ...view, screen: 'attract' } : { ...view, screen: 'top' };
        stand.show(between);
        await page.waitForSelector(between.screen === 'top' ? '.screen-top' : '.attract');
        stand.show(view);
        await page.waitForSelector(view.screen === 'attract' ? '.attract' : `.screen-${view.screen}`);
        const meanings = new Map<string, string[]>();
        const buttons = page.locator('button:not(:disabled)');
        for (let i = 0; i < (await buttons.count()); i += 1) {
          const button = buttons.nth(i);
          const label = ((await button.textContent()) ?? '').trim();
          stand.received.length = 0;
          await button.click();
          const decided = (): unknown[] => stand.received.filter((event) => (event as { type: string }).type !== 'ACTIVITY');
          // What the press sends arrives over the page's connection: waited for, so that it is
          // not taken for the next button's (a button that sends nothing is given a second).
          await until(() => decided().length > 0, 'the press to arrive', 1000).catch(() => undefined);
          const sent = decided().map((event) => JSON.stringify(event));
          const meaning = sent.join(' ');
          if (!meaning) continue;
          meanings.set(meaning, [...(meanings.get(meaning) ?? []), label]);
          const type = (JSON.parse(sent[0] ?? '{}') as { type?: string }).type ?? '';
          const word = words[type];
          if (word !== undefined && !label.startsWith(word))
            failures.push(`${name}: ${JSON.stringify(label)} sends ${type}, whose word is ${JSON.stringify(word)}`);
        }
        for (const [meaning, labels] of meanings)
          if (labels.length > 1)
            failures.push(`${name}: ${labels.map((label) => JSON.stringify(label)).join(' and ')} both send ${meaning}`);
        const exits = [...meanings.keys()]
          .map((meaning) => (JSON.parse(meaning.split(' ')[0] ?? '{}') as { type: string }).type)
          .filter((type) => ['CANCEL', 'DECLINE', 'DISMISS'].includes(type));
        const allowed = view.screen === 'unavailable' && exits.length === 2 && exits.includes('CANCEL') && exits.includes('DISMISS');
        if (exits.length > 1 && !allowed) failures.push(`${name}: ${String(exits.length)} ways out (${exits.join(', ')})`);
      }
      await page.close();
      expect(failures).toEqual([]);
    });
  }

  // The step band on the review must not cost the table its rows (a band added once pushed
  // the content below the fold of a 1080-line screen): with it, the eight items are on screen
  // whole, in normal and in large text, and 確認 needs no scrolling.
  for (const large of [false, true]) {
    it(`shows a service’s eight items whole under the step band on the English landscape review${large ? ', large text' : ''}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      await page.goto(url);
      const plain = everyScreen('en').find(({ view }) => view.screen === 'review')?.view;
      if (plain?.screen !== 'review') throw new Error('no review screen among the variants');
      const access = { largeText: true, highContrast: true, assisted: false, audio: 'speaker', keypad: false } as const;
      stand.show(large ? { ...plain, access } : plain);
      await page.waitForSelector('.screen-review');
      const step = page.locator('.steps [aria-current="step"]');
      expect(await step.count()).toBe(1);
      expect(await step.isVisible()).toBe(true);
      expect(await step.textContent()).toContain(MESSAGES.en.steps.review);
      const rows = page.locator('table.items tbody tr');
      expect(await rows.count()).toBe(8);
      expect(await page.getByRole('button', { name: /Show more/ }).count()).toBe(0);
      const confirm = page.getByRole('button', { name: 'Confirm (provide)' });
      expect(await confirm.isEnabled()).toBe(true);
      const button = await confirm.boundingBox();
      expect(button && button.y + button.height <= 1080).toBe(true);
      // Every row inside the window and inside the table's own box (not cut off by its scrolling).
      const table = await page.locator('.items-scroll').boundingBox();
      const outside: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        const box = await rows.nth(i).boundingBox();
        const inside = box && table && box.y >= table.y && box.y + box.height <= table.y + table.height + 1 && box.y + box.height <= 1080;
        if (!inside) outside.push(((await rows.nth(i).textContent()) ?? '').trim());
      }
      expect(outside).toEqual([]);
      await page.close();
    });
  }

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
            // A customer's display modes are the customer's: the staff-only menu is drawn without them.
            if (mode.access && plain.screen === 'maintenance') continue;
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
