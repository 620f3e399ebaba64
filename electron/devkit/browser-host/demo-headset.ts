// The demo's headphone jack: a terminal's jack sensor is an input the shell would receive
// (none is wired yet, see README); here the developer panel plugs a headset in and out, and
// the kiosk core gets the same device event (Kiosk.headset).
import type { DemoMessage, DemoState } from '../common/host-protocol.ts';
import type { DemoDevice } from './demo-reader.ts';

export function withHeadsetJack(device: DemoDevice, kiosk: { headset(plugged: boolean): void }): DemoDevice {
  let plugged = false;
  return {
    handle(message: DemoMessage): Promise<boolean> {
      if (message.type !== 'headset') return device.handle(message);
      plugged = message.plugged;
      kiosk.headset(plugged);
      return Promise.resolve(true);
    },
    state(): Omit<DemoState, 'serviceKey'> {
      return { ...device.state(), headset: plugged };
    },
  };
}
