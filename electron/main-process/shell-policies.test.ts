// The shell's security decisions, pinned: window options, keys, navigation, crash loops.
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, CONTENT_SECURITY_POLICY, isAppUrl } from './app-origin.ts';
import { CrashPolicy } from './crash-policy.ts';
import { shouldSwallow, type KeyInput } from './input-guard.ts';
import { kioskWindowOptions } from './window-options.ts';

describe('the kiosk window', () => {
  // The whole object, so that a key added to the factory (a risky one included) fails here
  // until it is reviewed and pinned.
  const expected = (devTools: boolean): unknown => ({
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#06306a',
    title: 'マイナポータルからの情報提出',
    webPreferences: {
      preload: '/opt/kiosk/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
      safeDialogs: true,
      disableDialogs: true,
      enableWebSQL: false,
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      zoomFactor: 1,
    },
  });

  it('is exactly the locked-down full-screen kiosk in production, without devtools', () => {
    expect(kioskWindowOptions({ preload: '/opt/kiosk/preload.js', production: true })).toStrictEqual(expected(false));
  });

  it('differs outside production only in allowing devtools', () => {
    expect(kioskWindowOptions({ preload: '/opt/kiosk/preload.js', production: false })).toStrictEqual(expected(true));
  });
});

describe('keys on the kiosk', () => {
  const key = (key: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...modifiers,
  });

  it.each([
    ['reload', key('r', { control: true })],
    ['hard reload', key('F5')],
    ['devtools', key('I', { control: true, shift: true })],
    ['devtools (F12)', key('F12')],
    ['zoom in', key('=', { control: true })],
    ['close window', key('w', { control: true })],
    ['quit', key('F4', { alt: true })],
    ['back', key('ArrowLeft', { alt: true })],
    ['print', key('p', { meta: true })],
  ])('swallows %s', (_, input) => {
    expect(shouldSwallow(input)).toBe(true);
  });

  it.each(['0', '7', 'Backspace', 'Enter', 'Escape'])('lets the PIN key %s through', (name) => {
    expect(shouldSwallow(key(name))).toBe(false);
  });
});

describe('navigation', () => {
  it('allows only the kiosk’s own origin', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('kiosk://app/dev.html')).toBe(true);
    expect(isAppUrl('kiosk://evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('serves the renderer with a CSP that allows no remote content or connection', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });
});

describe('renderer crashes', () => {
  it('reloads after a crash, and gives up after three within ten minutes', () => {
    const policy = new CrashPolicy();
    expect(policy.onCrash(0)).toBe('reload');
    expect(policy.onCrash(60_000)).toBe('reload');
    expect(policy.onCrash(120_000)).toBe('out-of-service');
  });

  it('forgets crashes older than the window', () => {
    const policy = new CrashPolicy({ maxCrashes: 2, windowMs: 1000 });
    expect(policy.onCrash(0)).toBe('reload');
    expect(policy.onCrash(5000)).toBe('reload');
    expect(policy.onCrash(5500)).toBe('out-of-service');
  });
});
