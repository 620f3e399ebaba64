// Lock-down applied to every web contents and to the session: no navigation away from the
// app, no new windows, no permissions, no webviews, blocked keys. Written against the few
// members it uses, so tests drive it with fakes instead of Electron.
import { isAppUrl } from './app-origin.ts';
import { shouldSwallow, type KeyInput } from './input-guard.ts';

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the lock-down uses. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'before-input-event', listener: (event: PreventableEvent, input: KeyInput) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  setVisualZoomLevelLimits(minimum: number, maximum: number): unknown;
}

/** The parts of Electron's Session the lock-down uses. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
}

export interface LockdownLog {
  (event: 'navigation-blocked' | 'window-blocked' | 'permission-denied' | 'webview-blocked', detail: string): void;
}

/** Denies every permission (camera, notifications, serial, …): the kiosk needs none. */
export function denyAllPermissions(session: HardenableSession, log: LockdownLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('permission-denied', permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

export function hardenContents(contents: HardenableContents, log: LockdownLog): void {
  const stayInApp = (event: PreventableEvent, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    // Only the scheme: a URL could carry anything.
    log('navigation-blocked', url.split(':')[0] ?? 'unknown');
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview-blocked', 'webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log('window-blocked', url.split(':')[0] ?? 'unknown');
    return { action: 'deny' };
  });
  contents.on('before-input-event', (event, input) => {
    if (shouldSwallow(input)) event.preventDefault();
  });
  // Electron starts with pinch-zoom off; pinned here so no later default can turn it on.
  void contents.setVisualZoomLevelLimits(1, 1);
}
