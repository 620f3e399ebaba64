// What the screen shows without a host behind it: the Electron preload's bridge missing, or
// the browser host's socket refused or dropped. It says so in the customer's language instead
// of leaving buttons up that reach nothing.
import type { KioskBridge } from '../../electron/common/bridge.ts';
import type { ViewModel } from '../../electron/common/view-model.ts';

/** What the screen shows without its host. */
export function disconnectedView(last?: ViewModel): ViewModel {
  return {
    screen: 'out-of-service',
    reason: 'disconnected',
    language: last?.language ?? 'ja',
    calendar: last?.calendar ?? 'japanese',
    canCancel: false,
  };
}

/** A bridge with no host at all (no token in the address): it only says so. */
export const UNCONNECTED_BRIDGE: KioskBridge = {
  subscribe(listener) {
    listener(disconnectedView());
    return () => undefined;
  },
  send: () => undefined,
};
