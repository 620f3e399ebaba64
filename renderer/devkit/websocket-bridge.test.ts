// The browser host's screen never leaves buttons up that reach nothing: without its host it
// says so, in the customer's language, and comes back by itself.
import { afterEach, expect, it, vi } from 'vitest';
import type { ViewModel } from '../../electron/common/view-model.ts';
import { UNCONNECTED_BRIDGE } from '../app/unconnected-bridge.ts';
import { createWebSocketBridge } from './websocket-bridge.ts';

class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static readonly opened: FakeSocket[] = [];
  readyState = FakeSocket.OPEN;
  readonly sent: string[] = [];
  constructor() {
    super();
    FakeSocket.opened.push(this);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  receive(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
  drop(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  FakeSocket.opened.length = 0;
});

const PIN_EN: ViewModel = {
  screen: 'top',
  language: 'en',
  calendar: 'gregorian',
  canCancel: true,
};

it('replaces a screen whose connection dropped with a notice in its language, then reconnects and shows the kiosk again', () => {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  const bridge = createWebSocketBridge('ws://127.0.0.1:1/ws/screen?token=t');
  const views: ViewModel[] = [];
  bridge.subscribe((view) => views.push(view));
  FakeSocket.opened[0]?.receive({ type: 'view', view: PIN_EN });
  FakeSocket.opened[0]?.drop();
  expect(views.at(-1)).toEqual({
    screen: 'out-of-service',
    reason: 'disconnected',
    language: 'en',
    calendar: 'gregorian',
    canCancel: false,
  });
  // Touches meanwhile go nowhere rather than queue up for a later screen.
  bridge.send({ type: 'TOUCH' });
  expect(FakeSocket.opened[0]?.sent).toEqual([]);
  // A refused reconnection does not repeat the notice.
  vi.advanceTimersByTime(1000);
  FakeSocket.opened[1]?.drop();
  expect(views.filter((view) => view.screen === 'out-of-service')).toHaveLength(1);
  vi.advanceTimersByTime(1000);
  FakeSocket.opened[2]?.receive({ type: 'view', view: PIN_EN });
  expect(views.at(-1)).toEqual(PIN_EN);
  bridge.send({ type: 'TOUCH' });
  expect(FakeSocket.opened[2]?.sent).toEqual([JSON.stringify({ type: 'event', event: { type: 'TOUCH' } })]);
});

it('says the screen is not connected when it was opened without its host', () => {
  const views: ViewModel[] = [];
  UNCONNECTED_BRIDGE.subscribe((view) => views.push(view));
  expect(views).toEqual([{ screen: 'out-of-service', reason: 'disconnected', language: 'ja', calendar: 'japanese', canCancel: false }]);
});
