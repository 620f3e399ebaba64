// The lock-down, driven with fake web contents and session (Electron itself is not needed).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from './app-origin.ts';
import { denyAllPermissions, hardenContents } from './harden.ts';
import { isTrustedSender } from './trusted-sender.ts';
import type { KeyInput } from './input-guard.ts';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  zoomLimits: [number, number] | undefined;
  setVisualZoomLevelLimits(minimum: number, maximum: number): void {
    this.zoomLimits = [minimum, maximum];
  }
  /** Emits an event the way Electron does, and tells whether a listener prevented it. */
  prevented(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

function hardened(): { contents: FakeContents; logs: string[] } {
  const contents = new FakeContents();
  const logs: string[] = [];
  hardenContents(contents, (event, detail) => logs.push(`${event}:${detail}`));
  return { contents, logs };
}

describe('the web contents lock-down', () => {
  it('keeps navigation inside the app and logs only the scheme of a refused URL', () => {
    const { contents, logs } = hardened();
    expect(contents.prevented('will-navigate', 'kiosk://app/index.html')).toBe(false);
    expect(contents.prevented('will-navigate', 'https://phishing.example/?pin=1234')).toBe(true);
    expect(contents.prevented('will-redirect', 'file:///etc/shadow')).toBe(true);
    expect(logs).toEqual(['navigation-blocked:https', 'navigation-blocked:file']);
  });

  it('opens no window and attaches no webview', () => {
    const { contents } = hardened();
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.prevented('will-attach-webview')).toBe(true);
  });

  it('swallows reload and devtools keys but not PIN digits', () => {
    const { contents } = hardened();
    const key = (key: string, control = false): KeyInput => ({ type: 'keyDown', key, control, meta: false, alt: false, shift: false });
    expect(contents.prevented('before-input-event', key('r', true))).toBe(true);
    expect(contents.prevented('before-input-event', key('F12'))).toBe(true);
    expect(contents.prevented('before-input-event', key('4'))).toBe(false);
  });

  it('keeps pinch-zoom off, so a customer cannot zoom the screen out of shape', () => {
    expect(hardened().contents.zoomLimits).toEqual([1, 1]);
  });
});

describe('permissions', () => {
  it('denies every request and every check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    const logs: string[] = [];
    denyAllPermissions(
      { setPermissionRequestHandler: (handler) => (request = handler), setPermissionCheckHandler: (handler) => (check = handler) },
      (event, detail) => logs.push(`${event}:${detail}`),
    );
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'serial'])
      request?.(undefined, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(check?.()).toBe(false);
    expect(logs).toHaveLength(4);
  });
});

describe('IPC senders', () => {
  it('accepts only the app’s top frame', () => {
    expect(isTrustedSender({ senderFrame: { url: 'kiosk://app/index.html', parent: null } }, isAppUrl)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'kiosk://app/index.html', parent: {} } }, isAppUrl)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://example.com/', parent: null } }, isAppUrl)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, isAppUrl)).toBe(false);
  });
});
