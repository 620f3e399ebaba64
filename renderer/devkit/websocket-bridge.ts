// The kiosk bridge over the browser host's WebSocket. Reconnects if the socket drops. While it
// is not connected (refused, dropped, or never given a token) the screen says so, in the
// customer's language, instead of leaving buttons up that reach nothing.
import type { KioskBridge } from '../../electron/common/bridge.ts';
import { disconnectedView } from '../app/unconnected-bridge.ts';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { parseJson, ViewMessageSchema, type ScreenMessage } from '../../electron/devkit/common/host-protocol.ts';

export function tokenFromLocation(location: { readonly hash: string }): string | undefined {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
}

export function websocketUrl(location: { readonly host: string }, path: string, token: string): string {
  return `ws://${location.host}${path}?token=${encodeURIComponent(token)}`;
}

export function createWebSocketBridge(url: string): KioskBridge {
  const listeners = new Set<(view: ViewModel) => void>();
  let socket: WebSocket | undefined;
  let last: ViewModel | undefined;
  const show = (view: ViewModel): void => {
    last = view;
    for (const listener of listeners) listener(view);
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', (message: { readonly data: unknown }) => {
      const parsed = ViewMessageSchema.safeParse(parseJson(String(message.data)));
      if (parsed.success) show(parsed.data.view);
    });
    ws.addEventListener('close', () => {
      if (!(last?.screen === 'out-of-service' && last.reason === 'disconnected')) show(disconnectedView(last));
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (last) listener(last);
      return () => listeners.delete(listener);
    },
    send(event: UiEvent) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'event', event } satisfies ScreenMessage));
    },
  };
}
