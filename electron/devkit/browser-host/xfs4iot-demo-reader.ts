// The developer panel's hand at the XFS4IoT card reader simulator: a card pushed into the
// slot (drawn in only while the kiosk's read waits for one), taken from the exit (refused
// while the reader holds it), and the faults a branch meets — a jam, a full retain unit —
// with the staff actions that clear them.
import { createEmulatedCard } from '../../../native/devkit/emulator/emulated-card.ts';
import { CARD_PROFILE_NAMES, CARD_PROFILES, isCardProfileName } from '../../../native/devkit/emulator/card-profiles.ts';
import type { SimulatedDevice } from '../../../native/devkit/xfs4iot-sim/simulated-device.ts';
import type { DemoMessage, DemoState } from '../common/host-protocol.ts';
import type { DemoDevice } from './demo-reader.ts';

const POSITIONS = { notPresent: 'none', present: 'inside', entering: 'at-slot', jammed: 'jammed' } as const;

export class Xfs4IotDemoReader implements DemoDevice {
  readonly #device: SimulatedDevice;

  constructor(device: SimulatedDevice) {
    this.#device = device;
  }

  async handle(message: DemoMessage): Promise<boolean> {
    const device = this.#device;
    switch (message.type) {
      case 'insert':
        return isCardProfileName(message.profile) && device.insert(await createEmulatedCard(message.profile));
      case 'take':
        return device.take();
      case 'jam':
        device.jamNextMove();
        return true;
      case 'bin-full':
        device.fillRetainUnit();
        return true;
      case 'clear-jam':
        device.clearJam();
        return true;
      case 'empty-bin':
        device.emptyRetainUnit();
        return true;
      case 'headset':
      case 'service-key':
        // Not the card reader's: the demo's jack (demo-headset.ts) and the browser host's service key take them.
        return false;
    }
  }

  state(): Omit<DemoState, 'serviceKey'> {
    return {
      type: 'demo-state',
      mechanics: 'xfs4iot',
      card: POSITIONS[this.#device.media],
      accepting: this.#device.accepting,
      retained: this.#device.retainedCount,
      capacity: this.#device.capacity,
      profiles: CARD_PROFILE_NAMES.map((name) => ({ name, description: CARD_PROFILES[name].description })),
    };
  }
}
