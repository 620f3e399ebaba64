// One kiosk for an end-to-end test, as in a branch but with emulated cards: the kiosk core
// with its card service process on pcscd (reader "Virtual PCD 00 00"), the reference gateway,
// the browser host serving the production build of the renderer, and Debian's Chromium
// driven by playwright-core. Each test saves the screens it passes through.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoKioskRuntime, type DemoKioskRuntime, type DemoTuning } from '../../electron/devkit/compose-demo-kiosk.ts';
import { BrowserHost } from '../../electron/devkit/browser-host/browser-host.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import type { DemoConfig } from '../../electron/devkit/demo-config.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import type { CardProfileName } from '../../native/devkit/emulator/card-profiles.ts';
import { VpcdLink } from '../../native/devkit/emulator/vpcd-link.ts';
import { auditAccessibility } from './accessibility-audit.ts';
import { CHROMIUM } from './chromium-probe.ts';
import { until } from './until.ts';

type MenuView = Extract<ViewModel, { screen: 'maintenance' }>;

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const STATIC = join(import.meta.dirname, '..', '..', 'dist', 'devkit', 'renderer');

export interface HarnessOptions extends Pick<DemoTuning, 'delays' | 'now'> {
  readonly viewport?: { width: number; height: number };
  readonly display?: DemoConfig['display'];
  /** Where the menu exports records (config `records`). */
  readonly records?: DemoConfig['records'];
}

/** How long each prompt of the built pack plays, in seconds (the longer of its languages); read once, after the build. */
const PROMPT_SECONDS = ((): (() => ReadonlyMap<string, number>) => {
  let seconds: Map<string, number> | undefined;
  return () => {
    if (seconds) return seconds;
    const manifest = JSON.parse(readFileSync(join(STATIC, 'prompts', 'manifest.json'), 'utf8')) as {
      prompts: { id: string; seconds: number }[];
    };
    seconds = new Map();
    for (const { id, seconds: length } of manifest.prompts) seconds.set(id, Math.max(length, seconds.get(id) ?? 0));
    return seconds;
  };
})();

/** Every prompt the voice starts, with the screen it was started on (recorded in the page). */
export interface PlayedPrompt {
  readonly prompt: string;
  readonly screen: string;
  readonly output: string;
}

// Media events do not bubble: caught on their way down (capture).
const RECORD_PROMPTS = `window.__played = [];
document.addEventListener('play', (event) => {
  const audio = event.target;
  const frame = document.querySelector('[class*="screen-"]');
  const screen = frame ? (/screen-([\\w-]+)/.exec(frame.className) || [])[1] : document.querySelector('.attract') ? 'attract' : '';
  window.__played.push({ prompt: audio.dataset.prompt, screen, output: audio.dataset.output });
}, true);`;

export class E2eKiosk {
  readonly page: Page;
  readonly runtime: DemoKioskRuntime;
  readonly #browser: Browser;
  readonly #host: BrowserHost;
  readonly #dataDir: string;
  readonly #shots: string;
  #link: VpcdLink | undefined;
  #shot = 0;

  private constructor(parts: {
    page: Page;
    runtime: DemoKioskRuntime;
    browser: Browser;
    host: BrowserHost;
    dataDir: string;
    shots: string;
  }) {
    this.page = parts.page;
    this.runtime = parts.runtime;
    this.#browser = parts.browser;
    this.#host = parts.host;
    this.#dataDir = parts.dataDir;
    this.#shots = parts.shots;
  }

  static async start(name: string, options: HarnessOptions = {}): Promise<E2eKiosk> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
    const runtime = await startDemoKioskRuntime(
      {
        dataDir,
        gateway: { kind: 'embedded' },
        reader: { kind: 'pcsc', name: 'Virtual PCD 00 00' },
        display: options.display ?? { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false },
        ...(options.records ? { records: options.records } : {}),
      },
      {},
      {
        gatewayProcessingMs: 400,
        ...(options.now ? { now: options.now } : {}),
        ...(options.delays ? { delays: options.delays } : {}),
        healthIntervalMs: 1000,
      },
    );
    const host = new BrowserHost({ screen: runtime.kiosk, staticDir: STATIC });
    const { url } = await host.start();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // The voice speaks as each screen arrives, before anyone has touched it.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
    });
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1920, height: 1080 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    await page.addInitScript(RECORD_PROMPTS);
    await page.goto(url);
    const shots = join(SCREENSHOTS, name.replace(/[^\w-]+/g, '-').toLowerCase());
    rmSync(shots, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    return new E2eKiosk({ page, runtime, browser, host, dataDir, shots });
  }

  view(): ViewModel {
    return this.runtime.kiosk.view();
  }

  /** Waits until the maintenance menu shows this page (in the core and drawn), saves and audits it, and gives its view. */
  async atMenuPage<P extends MenuView['page']>(
    page: P,
    holds: (view: Extract<MenuView, { page: P }>) => boolean = () => true,
  ): Promise<Extract<MenuView, { page: P }>> {
    let shown: Extract<MenuView, { page: P }> | undefined;
    await until(() => {
      const view = this.view();
      shown =
        view.screen === 'maintenance' && view.page === page && holds(view as Extract<MenuView, { page: P }>)
          ? (view as Extract<MenuView, { page: P }>)
          : undefined;
      return shown !== undefined;
    }, `maintenance page ${page}`);
    await this.page.waitForSelector(`.screen-maintenance.page-${page}`);
    await this.at('maintenance');
    if (!shown) throw new Error('unreachable');
    return shown;
  }

  /** Digits on the menu's staff keypad, then 確定. */
  async staffKeypad(digits: string): Promise<void> {
    for (const digit of digits) await this.page.click(`.m-keypad .key >> text="${digit}"`);
    await this.tap('確定');
  }

  /** Waits until the kiosk shows this screen (in the core and drawn in the page), then saves it. */
  async at(screen: ViewModel['screen'], timeoutMs = 15_000): Promise<void> {
    await until(() => this.view().screen === screen, `screen ${screen} (now ${this.view().screen})`, timeoutMs);
    await this.page.waitForSelector(`.screen-${screen}, .${screen}`, { timeout: timeoutMs });
    await this.page.waitForTimeout(150); // let animations settle for the screenshot
    this.#shot += 1;
    await this.page.screenshot({ path: join(this.#shots, `${String(this.#shot).padStart(2, '0')}-${screen}.png`) });
    const findings = await auditAccessibility(this.page);
    if (findings.length > 0) {
      const lines = findings.map((f) => `${f.rule} at ${f.targets.join(' ')}: ${f.help}\n    ${f.detail.replaceAll('\n', '\n    ')}`);
      throw new Error(`screen ${screen} fails the accessibility audit:\n  ${lines.join('\n  ')}`);
    }
  }

  /** The prompts the voice has started so far, in order. */
  played(): Promise<PlayedPrompt[]> {
    return this.page.evaluate<PlayedPrompt[]>('window.__played');
  }

  /**
   * Waits until the voice has started this prompt on this screen (`after`: only prompts started
   * after that many). The voice plays in real time, so a prompt queued behind long ones (a
   * service's 30-second terms) comes late: the wait lasts while the voice goes on, each prompt
   * as long as the pack says it is, and gives up 10 s after the voice should have moved on.
   */
  async heard(screen: string, prompt: string, after = 0): Promise<void> {
    let started = -1;
    let deadline = 0;
    for (;;) {
      const all = await this.played();
      const played = all.slice(after);
      if (played.some((entry) => entry.screen === screen && entry.prompt === prompt)) return;
      if (all.length !== started) {
        started = all.length;
        deadline = Date.now() + 10_000 + 1000 * (PROMPT_SECONDS().get(all.at(-1)?.prompt ?? '') ?? 0);
      }
      if (Date.now() > deadline) throw new Error(`the prompt ${prompt} on ${screen} was not heard: ${JSON.stringify(played)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async tap(text: string): Promise<void> {
    await this.page.getByRole('button', { name: text, exact: false }).first().click();
  }

  /** From the attract loop to the card slot for the housing-loan service. */
  async toInsertCard(): Promise<void> {
    await this.at('attract');
    await this.page.click('.attract');
    await this.at('top');
    await this.tap('マイナポータルからの情報提出');
    await this.at('service-choice');
    await this.tap('住宅ローンサービスへの所得情報の提出');
    await this.at('confirmation');
    await this.tap('同意して進む');
    await this.at('insert-card');
  }

  /** The customer puts an emulated card of this profile into the reader (through pcscd). */
  async insertCard(profile: CardProfileName = 'default'): Promise<void> {
    await this.#link?.stop();
    this.#link = new VpcdLink({ card: await createEmulatedCard(profile) });
    await this.#link.start();
  }

  /** The customer takes the card out of the reader. */
  async removeCard(): Promise<void> {
    await this.#link?.stop();
    this.#link = undefined;
  }

  async typePin(digits: string): Promise<void> {
    await this.at('pin');
    for (const digit of digits) await this.page.click(`.key >> text="${digit}"`);
    await this.tap('確定');
  }

  async stop(): Promise<void> {
    await this.#link?.stop();
    await this.#browser.close();
    await this.#host.stop();
    await this.runtime.stop();
    rmSync(this.#dataDir, { recursive: true, force: true });
  }
}
