// The JPKI client costs the same APDUs over the XFS4IoT reader's chip I/O as over any other
// transport: one ChipIO per APDU, no retries, nothing added. Compared here with the in-process
// simulated reader; apdu-count.pcsc.test.ts compares with PC/SC through pcscd.
import { afterEach, expect, it } from 'vitest';
import { countAuthenticationFlow } from '../../test/support/jpki-flow.ts';
import { until } from '../../test/support/until.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../devkit/emulator/simulated-reader-port.ts';
import { SimulatedDevice } from '../devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer } from '../devkit/xfs4iot-sim/simulator-server.ts';
import { createXfs4IotReader, XFS4IOT_READER_NAME } from './xfs4iot-reader.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('the whole 利用者証明 costs the same APDUs, in the same order, through ChipIO as through the in-process reader', async () => {
  const server = await startSimulatorServer(new SimulatedDevice({ timings: { drawInMs: 0, chipPowerMs: 0, chipIoMs: 0 } }));
  cleanups.push(() => server.close());
  const reader = createXfs4IotReader({ endpoint: server.endpoint });
  cleanups.push(() => reader.port.close());
  await reader.link.ready(3000);
  reader.mechanics.accept();
  await until(() => server.device.accepting, 'the intake opens');
  server.device.insert(await createEmulatedCard('default'));
  await until(() => reader.port.snapshot().readers[0]?.card === 'present', 'the card is in');
  const chipIo = await reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
  if (!chipIo.ok) throw new Error(chipIo.error);
  const throughXfs4iot = await countAuthenticationFlow(chipIo.value);

  const local = new SimulatedReaderPort();
  local.reader.insert(await createEmulatedCard('default'));
  const direct = await local.connect(local.reader.name, { exclusive: true });
  if (!direct.ok) throw new Error(direct.error);
  const inProcess = await countAuthenticationFlow(direct.value);

  expect(throughXfs4iot).toEqual(inProcess);
  // The device saw exactly those commands: one ChipIO each.
  expect(server.device.apduCount).toBe(throughXfs4iot.instructions.length);
});
