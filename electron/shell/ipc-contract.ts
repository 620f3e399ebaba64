// The IPC between the preload's bridge and the shell: three channels, and a check that a
// message really comes from the kiosk's own main frame.
export const IPC = {
  /** renderer → main: the screen is ready for views. */
  ready: 'kiosk:ready',
  /** renderer → main: a screen event (validated by the kiosk core). */
  event: 'kiosk:event',
  /** main → renderer: the current view. */
  view: 'kiosk:view',
} as const;

/** The parts of Electron's IpcMainEvent the check uses. */
export interface IpcSender {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Only the app's top frame may talk to the kiosk core; anything else is dropped. */
export function isTrustedSender(event: IpcSender, appUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && appUrl(frame.url);
}
