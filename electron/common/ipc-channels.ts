// The IPC between the preload's bridge and the Electron main process, stated once for both
// sides: three channels and what each carries.
import type { UiEvent } from './ui-events.ts';
import type { ViewModel } from './view-model.ts';

export const IPC = {
  /** renderer → main: the screen is ready for views. */
  ready: 'kiosk:ready',
  /** renderer → main: a screen event (validated by the kiosk core). */
  event: 'kiosk:event',
  /** main → renderer: the current view. */
  view: 'kiosk:view',
} as const;

/** The arguments each channel carries after Electron's event. */
export interface IpcPayloads {
  readonly [IPC.ready]: readonly [];
  readonly [IPC.event]: readonly [UiEvent];
  readonly [IPC.view]: readonly [ViewModel];
}
