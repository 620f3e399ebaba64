// The one interface between the touchscreen and the kiosk core. The Electron preload and the
// browser host's WebSocket client both implement it, so the same renderer runs on either.
import type { UiEvent } from './ui-events.ts';
import type { ViewModel } from './view-model.ts';

export interface KioskBridge {
  /** Calls back with the current screen now and with every change; returns the unsubscribe. */
  subscribe(listener: (view: ViewModel) => void): () => void;
  /** The customer's input. The core validates it and ignores what does not fit the screen. */
  send(event: UiEvent): void;
}
