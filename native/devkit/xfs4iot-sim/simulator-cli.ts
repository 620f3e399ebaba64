// `npm run xfs4iot-sim -- [--port N] [--card PROFILE] [--take-after-ms N] [--vpcd PORT]`: the
// XFS4IoT card reader simulator as a process of its own, for a kiosk configured with
// reader.kind "xfs4iot" or for `npm run card -- status --xfs4iot URL`. With --card, a hand puts
// a card of that profile in whenever the reader opens its intake, and takes it from the exit
// after a while. With --vpcd, the device has no chip module: its contacts are vpcd's reader.
import { parseArgs } from 'node:util';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { VpcdContacts } from './chip-contacts.ts';
import { CARD_PROFILE_NAMES, isCardProfileName } from '../emulator/card-profiles.ts';
import { SimulatedDevice } from './simulated-device.ts';
import { startSimulatorServer } from './simulator-server.ts';

const USAGE = `usage: npm run xfs4iot-sim -- [--port N] [--card PROFILE] [--take-after-ms N] [--vpcd PORT]

  --port N           the port on 127.0.0.1 (default 5846, the first XFS4IoT port)
  --card PROFILE     put a card of this profile in whenever the reader asks for one
                     (${CARD_PROFILE_NAMES.join(', ')})
  --take-after-ms N  take a card presented at the exit after N ms (default 3000, with --card)
  --vpcd PORT        no chip module: the card's chip is put on vpcd's reader on PORT while the
                     card is in the transport (35963: "Virtual PCD 00 00", 35964: "… 00 01"),
                     for a kiosk whose reader.chip is { "kind": "pcsc", "name": that reader }
`;

let values;
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '5846' },
      card: { type: 'string' },
      'take-after-ms': { type: 'string', default: '3000' },
      vpcd: { type: 'string' },
    },
  }).values;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const port = Number(values.port);
const takeAfterMs = Number(values['take-after-ms']);
const profile = values.card;
const vpcdPort = values.vpcd === undefined ? undefined : Number(values.vpcd);
const badVpcd = vpcdPort !== undefined && (!Number.isInteger(vpcdPort) || vpcdPort < 1 || vpcdPort > 65535);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(takeAfterMs) || takeAfterMs < 0 || badVpcd) {
  process.stderr.write(USAGE);
  process.exit(2);
}
if (profile !== undefined && !isCardProfileName(profile)) {
  process.stderr.write(`--card: no profile "${profile}"\n\n${USAGE}`);
  process.exit(2);
}

const server = await startSimulatorServer(
  new SimulatedDevice(vpcdPort === undefined ? {} : { contacts: new VpcdContacts(vpcdPort) }),
  port,
);
const { device } = server;
process.stdout.write(`XFS4IoT card reader simulator: service publisher at ${server.endpoint}\n`);
if (vpcdPort !== undefined) process.stdout.write(`No chip module: the chip's contacts are vpcd's reader on port ${String(vpcdPort)}\n`);

if (profile !== undefined) {
  let busy = false;
  setInterval(() => {
    if (busy) return;
    if (device.accepting) {
      busy = true;
      void createEmulatedCard(profile).then((card) => {
        if (device.insert(card)) process.stdout.write(`card "${profile}" put in\n`);
        busy = false;
      });
    } else if (device.media === 'entering') {
      busy = true;
      setTimeout(() => {
        if (device.take()) process.stdout.write('card taken from the exit\n');
        busy = false;
      }, takeAfterMs);
    }
  }, 200);
}

const stop = (): void => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
