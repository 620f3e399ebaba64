// The kiosk bridge over the browser host's WebSocket. Reconnects if the socket drops; until
// the first view arrives the app shows nothing it could get wrong.
import type { KioskBridge } from '../../electron/common/bridge.ts';
import type { UiEvent } from '../../electron/common/ui-events.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';

export function tokenFromLocation(location: Location): string | undefined {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
}

export function websocketUrl(location: Location, path: string, token: string): string {
  return `ws://${location.host}${path}?token=${encodeURIComponent(token)}`;
}

export function createWebSocketBridge(url: string): KioskBridge {
  const listeners = new Set<(view: ViewModel) => void>();
  let socket: WebSocket | undefined;
  let last: ViewModel | undefined;

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', (message: MessageEvent<string>) => {
      const data = JSON.parse(message.data) as { type: string; view?: ViewModel };
      if (data.type !== 'view' || !data.view) return;
      last = data.view;
      for (const listener of listeners) listener(data.view);
    });
    ws.addEventListener('close', () => setTimeout(connect, 1000));
  };
  connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (last) listener(last);
      return () => listeners.delete(listener);
    },
    send(event: UiEvent) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'event', event }));
    },
  };
}
