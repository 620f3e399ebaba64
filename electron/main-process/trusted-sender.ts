// A message on the kiosk's IPC channels (electron/common/ipc-channels.ts) is taken only when it
// really comes from the kiosk's own top frame.

/** The parts of Electron's IpcMainEvent the check uses. */
export interface IpcSender {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Only the app's top frame may talk to the kiosk core; anything else is dropped. */
export function isTrustedSender(event: IpcSender, appUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && appUrl(frame.url);
}
