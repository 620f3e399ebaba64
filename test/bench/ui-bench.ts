// `node test/bench/ui-bench.ts [--runs N] [--loads N] [--cpu-profile FILE]`: the product renderer (the production
// build, `build/scripts/build-app.ts --dist DIR`) in headless Chromium: the gzip sizes of its JS
// and CSS, the first paint of the attract screen, and the time from the customer's touch to the
// next screen painted, over whole customer sessions.
//
// The renderer gets its bridge as the Electron preload gives it (window.kioskBridge), here over
// Playwright bindings to the real kiosk core in this process (simulated motorised reader,
// zero-latency emulated card, the reference gateway in a process of its own, マイナポータル at
// once); it is served over loopback HTTP with the shell's Content-Security-Policy. Everything
// is measured inside the page: from the touch's pointerdown timestamp (or navigation start) to
// the end of the frame that first shows the new screen (a task queued from the
// requestAnimationFrame in which the screen is found drawn runs once that frame is painted).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main-process/app-origin.ts';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import { timing } from '../../native/devkit/tools/bench-stats.ts';
import { CHROMIUM } from '../support/chromium-probe.ts';
import { TestKiosk } from '../support/kiosk-driver.ts';
import { CHROMIUM_ARGS } from './chromium-args.ts';
import type { PageElement, PageGlobals } from './page-globals.ts';
import { spawnGateway } from './spawn-gateway.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Sample {
  readonly from: string;
  readonly to: string;
  readonly kind: 'tap' | 'key';
  readonly ms: number;
}

interface BenchMarks {
  readonly samples: Sample[];
  attractPaintedMs: number | undefined;
  firstContentfulPaintMs: number | undefined;
}

/** The page as the bench's in-page code sees it. */
type BenchPage = PageGlobals & {
  __bench: BenchMarks;
  __benchDeliver: (view: ViewModel) => void;
  /** Bindings to this process (exposeBinding). */
  readonly __benchSubscribed: () => Promise<void>;
  readonly __benchSend: (event: unknown) => Promise<void>;
};

/**
 * Runs in the page before the renderer: the bridge, and the measurements. A touch opens a
 * measurement; the next view that changes what is drawn (another screen, or one more PIN
 * digit) closes it once that view is drawn and painted.
 */
function instrumentPage(): void {
  const page = globalThis as unknown as BenchPage;
  const bench: BenchMarks = { samples: [], attractPaintedMs: undefined, firstContentfulPaintMs: undefined };
  page.__bench = bench;
  let listener: ((view: ViewModel) => void) | undefined;
  let current: ViewModel | undefined;
  let touch: { at: number; from: string; kind: 'tap' | 'key' } | undefined;
  let watching = false;
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.firstContentfulPaintMs = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const digitsOf = (view: ViewModel | undefined): number | undefined => (view?.screen === 'pin' ? view.digits : undefined);
  /** Whether the page shows this view's screen (and, on the PIN screen, its number of digits). */
  const drawn = (view: ViewModel): boolean => {
    const screen = page.document.querySelector('#root > *');
    if (!screen) return false;
    if (view.screen === 'attract') return screen.classList.contains('attract-wrap');
    if (!screen.classList.contains(`screen-${view.screen}`)) return false;
    return view.screen !== 'pin' || page.document.querySelectorAll('.pin-dot-filled').length === view.digits;
  };
  /**
   * Checks at every frame until the latest view is drawn; `done` runs in the next frame's
   * requestAnimationFrame, when the frame that drew it has been painted.
   */
  const whenPainted = (done: (view: ViewModel, at: number) => void): void => {
    const check = (): void => {
      const view = current;
      if (view && drawn(view)) page.requestAnimationFrame(() => done(view, page.performance.now()));
      else page.requestAnimationFrame(check);
    };
    page.requestAnimationFrame(check);
  };
  Object.defineProperty(page, 'kioskBridge', {
    value: {
      subscribe(next: (view: ViewModel) => void) {
        listener = next;
        void page.__benchSubscribed();
        return () => (listener = undefined);
      },
      send(event: unknown) {
        void page.__benchSend(event);
      },
    },
  });
  page.__benchDeliver = (view) => {
    const previous = current;
    current = view;
    listener?.(view);
    if (!previous && view.screen === 'attract') whenPainted((_, at) => (bench.attractPaintedMs = at));
    const changed = previous?.screen !== view.screen || digitsOf(previous) !== digitsOf(view);
    if (!changed || !touch || watching) return;
    const measured = touch;
    watching = true;
    whenPainted((shown, at) => {
      touch = undefined;
      watching = false;
      bench.samples.push({ from: measured.from, to: shown.screen, kind: measured.kind, ms: at - measured.at });
    });
  };
  page.addEventListener(
    'pointerdown',
    (event) => {
      if (!current) return;
      const target = event.target as Partial<PageElement> | null;
      const key = typeof target?.closest === 'function' && target.closest('.key:not(.key-submit)') !== null;
      touch = { at: event.timeStamp, from: current.screen, kind: key ? 'key' : 'tap' };
    },
    { capture: true },
  );
}

/** The production build's renderer files, built into a fresh folder. */
function buildRenderer(): { dir: string; cleanup: () => void } {
  const dist = mkdtempSync(join(tmpdir(), 'kiosk-bench-build-'));
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build-app.ts'), '--dist', dist], { cwd: root, stdio: 'ignore' });
  return { dir: join(dist, 'renderer'), cleanup: () => rmSync(dist, { recursive: true, force: true }) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Raw and gzip (level 6, as servers and `gzip` default to) bytes of the scripts and style sheets. */
function bundleSizes(dir: string, customerFiles: ReadonlySet<string>) {
  const assets = filesUnder(dir)
    .filter((path) => ['.js', '.css'].includes(extname(path)))
    .map((path) => {
      const bytes = readFileSync(path);
      return { file: relative(dir, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 6 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const total = (extension: string, of = assets) => {
    const files = of.filter((asset) => asset.file.endsWith(extension));
    return {
      bytes: files.reduce((sum, a) => sum + a.bytes, 0),
      gzipBytes: files.reduce((sum, a) => sum + a.gzipBytes, 0),
      files: files.length,
    };
  };
  // What a customer's screens load, from the first load through whole sessions; the rest (the
  // staff's maintenance menu) is loaded only when the menu opens.
  const customer = assets.filter((asset) => customerFiles.has(asset.file));
  return {
    js: total('.js'),
    css: total('.css'),
    customerSession: { js: total('.js', customer), css: total('.css', customer) },
    largest: assets[0],
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** The renderer files over loopback, with the shell's CSP (the shell serves them from its own scheme). */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = join(dir, new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html'));
    if (!path.startsWith(dir) || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      })
      .end(readFileSync(path));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html` });
    }),
  );
}

/** Connects a page to the kiosk core: the core's views go in, in order; the page's events come out. */
async function bridge(page: Page, driver: TestKiosk): Promise<() => void> {
  let queue = Promise.resolve();
  const deliver = (view: ViewModel): void => {
    queue = queue.then(() => page.evaluate((v) => (globalThis as unknown as BenchPage).__benchDeliver(v), view)).catch(() => undefined);
  };
  await page.exposeBinding('__benchSubscribed', () => deliver(driver.kiosk.view()));
  await page.exposeBinding('__benchSend', (_source, event: unknown) => void driver.kiosk.send(event));
  await page.addInitScript(instrumentPage);
  return driver.kiosk.subscribe(deliver);
}

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, loads: { type: 'string', default: '20' }, 'cpu-profile': { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs));
const loads = Math.max(1, Number(values.loads));

const built = buildRenderer();
const gateway = await spawnGateway();
const driver = await TestKiosk.start({ gatewayUrl: gateway.url, delays: { completeScreen: 60_000 } });
const motorised = driver.motorised();
driver.reader.on('card-removed', () => setImmediate(() => motorised.take()));
const { server, url } = await serve(built.dir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const viewport = { width: 1920, height: 1080 };

try {
  // First paint: a fresh browser context (no cache) per load, with the core on its attract loop.
  const firstContentfulPaint: number[] = [];
  const attractPainted: number[] = [];
  for (let load = 0; load < loads; load += 1) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    const unsubscribe = await bridge(page, driver);
    await page.goto(url);
    await page.waitForFunction(() => {
      const { __bench: marks } = globalThis as unknown as BenchPage;
      return marks.attractPaintedMs !== undefined && marks.firstContentfulPaintMs !== undefined;
    });
    const marks = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench);
    firstContentfulPaint.push(marks.firstContentfulPaintMs ?? Number.NaN);
    attractPainted.push(marks.attractPaintedMs ?? Number.NaN);
    unsubscribe();
    await context.close();
  }

  // Touch → next screen painted, over whole sessions with no think time.
  const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const customerFiles = new Set<string>();
  page.on('request', (request) => customerFiles.add(new URL(request.url()).pathname.replace(/^\//, '')));
  await bridge(page, driver);
  // --cpu-profile FILE: the renderer's JavaScript profile over the sessions, for Chrome DevTools.
  const profiler = values['cpu-profile'] ? await context.newCDPSession(page) : undefined;
  await profiler?.send('Profiler.enable');
  await profiler?.send('Profiler.start');
  await page.goto(url);
  let measured = 0;
  /** A touch, then wait until the page has measured the screen it led to. */
  const touch = async (selector: string): Promise<void> => {
    await page.click(selector);
    measured += 1;
    await page.waitForFunction((n) => (globalThis as unknown as BenchPage).__bench.samples.length >= n, measured);
  };
  for (let run = 0; run < runs; run += 1) {
    await driver.screen('attract');
    await touch('.attract');
    await touch('button:has-text("マイナポータルからの情報提出")');
    await touch('button:has-text("住宅ローンサービスへの所得情報の提出")');
    await touch('button:has-text("同意して進む")');
    if (!motorised.insert(await createEmulatedCard('default'))) throw new Error('the reader refused the card');
    await driver.screen('pin');
    for (const digit of '1234') await touch(`.key >> text="${digit}"`);
    await touch('.key-submit');
    await driver.screen('review');
    await touch('button:has-text("確認（提供する）")');
    await driver.screen('complete');
    await touch('button:has-text("閉じる")');
  }
  const samples = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.samples);
  const profile = await profiler?.send('Profiler.stop');
  if (profile && values['cpu-profile']) writeFileSync(values['cpu-profile'], JSON.stringify(profile.profile));
  await context.close();

  const byTransition = new Map<string, number[]>();
  for (const sample of samples) {
    const name = sample.kind === 'key' ? 'pin digit shown' : `${sample.from} → ${sample.to}`;
    byTransition.set(name, [...(byTransition.get(name) ?? []), sample.ms]);
  }
  const report = {
    build: 'node build/scripts/build-app.ts --dist DIR (the product renderer, DIR/renderer)',
    browser: `${CHROMIUM} headless ${CHROMIUM_ARGS.join(' ')}, ${viewport.width}×${viewport.height}`,
    sizes: bundleSizes(built.dir, customerFiles),
    firstPaint: { loads, firstContentfulPaint: timing(firstContentfulPaint), attractPainted: timing(attractPainted) },
    eventToNextScreenPainted: {
      runs,
      all: { samples: samples.length, ...timing(samples.map((sample) => sample.ms)) },
      transitions: Object.fromEntries([...byTransition].map(([name, ms]) => [name, timing(ms)])),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await browser.close();
  server.close();
  await driver.stop();
  await gateway.stop();
  built.cleanup();
}
