// The shell's main process wired up with Electron mocked (its binary cannot be downloaded
// here), packaged and configured as in a branch: what it registers before and after ready,
// what it serves, the window it opens, which IPC it accepts, and what a crash, a hang or a
// crash loop does to the customer's session.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../common/ipc-channels.ts';

const electron = await vi.hoisted(async () => (await import('../../test/support/fake-electron.ts')).fakeElectron());
const kiosk = vi.hoisted(() => ({ sent: [] as unknown[], inService: [] as boolean[], keys: [] as boolean[] }));

vi.mock('electron', () => electron.module);
vi.mock('../node/compose-kiosk.ts', () => ({
  startKioskRuntime: () =>
    Promise.resolve({
      gateway: undefined,
      stop: () => Promise.resolve(),
      kiosk: {
        view: () => ({ screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' }),
        subscribe: () => () => undefined,
        send: (event: unknown) => {
          kiosk.sent.push(event);
          return { ok: true, value: undefined };
        },
        screenLost: () => kiosk.sent.push('screen lost'),
        setInService: (enabled: boolean) => kiosk.inService.push(enabled),
        serviceKeyCodes: { on: 'F13', off: 'F14' },
        serviceKey: (on: boolean) => kiosk.keys.push(on),
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      },
    }),
}));

const dataDir = mkdtempSync(join(tmpdir(), 'shell-'));
const APP = 'kiosk://app/index.html';
/** The first bytes of a WOFF2 font and of a PNG picture: the renderer's fonts and pictures. */
const FONT = Buffer.from('wOF2\u0000\u0001\u0000\u0000', 'latin1');
const PICTURE = Buffer.from('\u0089PNG\r\n\u001a\n', 'latin1');
const OUT_OF_SERVICE = 'kiosk://app/out-of-service.html';

beforeAll(async () => {
  const config = join(dataDir, 'kiosk.json');
  writeFileSync(
    config,
    JSON.stringify({ dataDir, gateway: { kind: 'remote', url: 'http://127.0.0.1:8443/' }, reader: { kind: 'pcsc', name: 'Reader 00 00' } }),
  );
  process.env.KIOSK_CONFIG = config;
  // The app as packaged: a built renderer, and the static page as Vite copies it from renderer/public.
  const renderer = join(dataDir, 'app', 'dist', 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'assets', 'noto-sans-jp.woff2'), FONT);
  writeFileSync(join(renderer, 'assets', 'card-slot.png'), PICTURE);
  for (const file of ['out-of-service.html', 'out-of-service.css']) copyFileSync(join('renderer', 'public', file), join(renderer, file));
  vi.spyOn(electron.module.app, 'getAppPath').mockReturnValue(join(dataDir, 'app'));
  await import('./main.ts');
  electron.ready();
  await vi.waitFor(() => expect(electron.windows[0]?.loaded).toEqual([APP]));
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

const fromApp = { senderFrame: { url: 'kiosk://app/index.html', parent: null } };
const fromElsewhere = { senderFrame: { url: 'https://example.com/', parent: null } };

function theWindow() {
  const window = electron.windows[0];
  if (!window) throw new Error('no window');
  return window;
}

describe('the shell’s main process', () => {
  it('makes the app scheme privileged before ready, and serves only the renderer on it', async () => {
    expect(electron.schemes).toEqual([
      { scheme: 'kiosk', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    const serve = electron.handlers.get('kiosk');
    expect((await serve?.(new Request('kiosk://app/..%2f..%2fpackage.json')))?.status).toBe(404);
    expect((await serve?.(new Request('kiosk://elsewhere/index.html')))?.status).toBe(404);
  });

  it('serves the renderer’s files with the content security policy', async () => {
    const response = await electron.handlers.get('kiosk')?.(new Request(APP));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toBe('text/html');
    expect(response?.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(await response?.text()).toBe('<!doctype html><title>kiosk</title>');
  });

  it('serves the renderer’s fonts and pictures as what they are', async () => {
    const serve = electron.handlers.get('kiosk');
    for (const [path, type, body] of [
      ['assets/noto-sans-jp.woff2', 'font/woff2', FONT],
      ['assets/card-slot.png', 'image/png', PICTURE],
    ] as const) {
      const response = await serve?.(new Request(`kiosk://app/${path}`));
      expect(response?.status).toBe(200);
      expect(response?.headers.get('content-type')).toBe(type);
      expect(Buffer.from((await response?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(body);
    }
  });

  it('answers a path that does not decode with 400 rather than failing the request', async () => {
    const serve = electron.handlers.get('kiosk');
    for (const path of ['/%E0.js', '/assets/%zz.css', '/%']) {
      expect((await serve?.(new Request(`kiosk://app${path}`)))?.status).toBe(400);
    }
    expect((await serve?.(new Request(APP)))?.status).toBe(200);
  });

  it('removes the menu, keeps the display awake and denies permissions', () => {
    expect(electron.calls).toEqual(expect.arrayContaining(['menu:null', 'power:prevent-display-sleep']));
    const granted: boolean[] = [];
    electron.permissions.request?.({}, 'media', (answer) => granted.push(answer));
    expect(granted).toEqual([false]);
    expect(electron.permissions.check?.()).toBe(false);
  });

  it('opens one sandboxed kiosk window with the bundled preload', () => {
    expect(electron.windows).toHaveLength(1);
    expect(theWindow().options).toMatchObject({
      kiosk: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: false,
        preload: expect.stringMatching(/preload\.cjs$/) as unknown,
      },
    });
  });

  it('shows the app the kiosk core’s screen once it is ready, and only the app', () => {
    electron.ipc.emit(IPC.ready, fromElsewhere);
    expect(theWindow().sent).toEqual([]);
    electron.ipc.emit(IPC.ready, fromApp);
    expect(theWindow().sent).toEqual([[IPC.view, expect.objectContaining({ screen: 'attract' })]]);
  });

  it('passes screen events from the app on to the kiosk core, and none from anywhere else', () => {
    electron.ipc.emit(IPC.event, fromElsewhere, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([]);
    electron.ipc.emit(IPC.event, fromApp, { type: 'TOUCH' });
    expect(kiosk.sent).toEqual([{ type: 'TOUCH' }]);
  });

  it('turns the service key switch’s keys into the kiosk’s key position, and keeps them from the page', () => {
    const press = (code: string, type = 'keyDown'): boolean => {
      let prevented = false;
      const input = { type, code, key: code, isAutoRepeat: false, control: false, meta: false, alt: false, shift: false };
      theWindow().contents.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
      return prevented;
    };
    const screenEvents = kiosk.sent.length;
    expect(press('F13')).toBe(true);
    expect(press('F13', 'keyUp')).toBe(true);
    expect(press('F14')).toBe(true);
    // Anything else is the page's: a number pad's digits reach the PIN screen.
    expect(press('Digit4')).toBe(false);
    expect(kiosk.keys).toEqual([true, false]);
    // The key goes to the kiosk core directly, never as a screen event.
    expect(kiosk.sent).toHaveLength(screenEvents);
  });

  it('ends the session on every renderer crash, then reloads the app', () => {
    const window = theWindow();
    kiosk.sent.length = 0;
    window.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(kiosk.sent).toEqual(['screen lost']);
    expect(window.loaded).toEqual([APP, APP]);
    expect(kiosk.inService).toEqual([]);
  });

  it('ends the session when the renderer hangs, and kills it to be reloaded', () => {
    const window = theWindow();
    kiosk.sent.length = 0;
    window.window.emit('unresponsive');
    expect(window.forcedCrashes).toHaveLength(1);
    // One for the hang, one for the crash it is turned into: the second is ignored.
    expect(kiosk.sent).toEqual(['screen lost', 'screen lost']);
    expect(window.loaded).toEqual([APP, APP, APP]);
    expect(kiosk.inService).toEqual([]);
  });

  it('after a crash loop (the third within minutes), goes out of service on a static page instead of the app', () => {
    const window = theWindow();
    kiosk.sent.length = 0;
    window.contents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(kiosk.sent).toEqual(['screen lost']);
    expect(kiosk.inService).toEqual([false]);
    expect(window.loaded.at(-1)).toBe(OUT_OF_SERVICE);
    // Even that page's renderer going away brings back that page, never the app.
    window.contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.loaded.slice(3)).toEqual([OUT_OF_SERVICE, OUT_OF_SERVICE]);
    expect(kiosk.inService).toEqual([false]);
  });

  it('serves that page without JavaScript, in Japanese first and English, under the same policy', async () => {
    const response = await electron.handlers.get('kiosk')?.(new Request(OUT_OF_SERVICE));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self';/);
    const page = (await response?.text()) ?? '';
    expect(page).not.toMatch(/<script|\son\w+=/i);
    expect(page.indexOf('ただいま休止中です。')).toBeGreaterThan(-1);
    expect(page.indexOf('窓口にお声がけください。')).toBeLessThan(page.indexOf('Out of service. Please ask at the counter.'));
    expect(page).toMatch(/<link rel="stylesheet" href="\.\/out-of-service\.css"/);
    expect((await electron.handlers.get('kiosk')?.(new Request('kiosk://app/out-of-service.css')))?.status).toBe(200);
  });
});
