// The preload with Electron mocked: what the sandboxed renderer gets is one object with the
// bridge's two functions, talking on the kiosk's channels only, and nothing of ipcRenderer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiEvent } from '../common/ui-events.ts';
import type { ViewModel } from '../common/view-model.ts';
import { IPC } from '../common/ipc-channels.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  const sent: unknown[][] = [];
  const exposed: [string, unknown][] = [];
  // Like Electron's, on and off return the ipcRenderer itself: a bridge that passed their
  // result on would hand it to the renderer.
  const ipcRenderer = {
    on(channel: string, listener: Listener) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    send(...args: unknown[]) {
      sent.push(args);
    },
    invoke: () => Promise.resolve(),
    sendSync: () => undefined,
    removeAllListeners: () => ipcRenderer,
  };
  /** What main sends on `channel`, with the event Electron adds in front (it carries the ipcRenderer). */
  const emit = (channel: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer, senderId: 0, ports: [] }, ...args);
  };
  return {
    listeners,
    sent,
    exposed,
    emit,
    ipcRenderer,
    module: { ipcRenderer, contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) } },
  };
});

vi.mock('electron', () => electron.module);
await import('./preload.ts');

interface Exposed {
  subscribe(listener: (view: ViewModel) => void): unknown;
  send(event: UiEvent): unknown;
}
const exposed = electron.exposed[0]?.[1] as Exposed;
const view: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };

beforeEach(() => {
  electron.sent.splice(0);
  electron.listeners.clear();
});

describe('the preload', () => {
  it('exposes one object, kioskBridge, with only subscribe and send', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['kioskBridge']);
    expect(Object.getOwnPropertyNames(exposed).sort()).toEqual(['send', 'subscribe']);
    expect(typeof exposed.subscribe).toBe('function');
    expect(typeof exposed.send).toBe('function');
    const ipcParts = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    expect(Object.values(exposed).filter((value) => ipcParts.has(value))).toEqual([]);
  });

  it('sends a screen event on the event channel only, returning nothing', () => {
    const event: UiEvent = { type: 'CANCEL' };
    expect(exposed.send(event)).toBeUndefined();
    expect(electron.sent).toEqual([[IPC.event, event]]);
  });

  it('subscribes on the view channel only, asks for the current view, and hands the renderer the view alone', () => {
    const listener = vi.fn();
    exposed.subscribe(listener);
    expect([...electron.listeners.keys()]).toEqual([IPC.view]);
    expect(electron.sent).toEqual([[IPC.ready]]);

    electron.emit(IPC.view, view);
    electron.emit(IPC.event, { screen: 'pin' });
    electron.emit('kiosk:other', { screen: 'pin' });
    expect(listener.mock.calls).toEqual([[view]]);
  });

  it('returns an unsubscribe that ends the listening and gives back nothing of ipcRenderer', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.subscribe(listener);
    expect(typeof unsubscribe).toBe('function');
    expect((unsubscribe as () => unknown)()).toBeUndefined();
    electron.emit(IPC.view, view);
    expect(listener).not.toHaveBeenCalled();
    expect(electron.listeners.get(IPC.view)?.size).toBe(0);
  });
});
