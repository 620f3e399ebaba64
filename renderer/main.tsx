// The product's screen: the kiosk bridge of the Electron preload. Without it (the preload
// failed) the screen says it is out of service rather than showing buttons that reach nothing.
import type { KioskBridge } from '../electron/common/bridge.ts';
import { mountKiosk } from './app/mount.tsx';
import { UNCONNECTED_BRIDGE } from './app/unconnected-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload. */
    readonly kioskBridge?: KioskBridge;
  }
}

mountKiosk(window.kioskBridge ?? UNCONNECTED_BRIDGE);
