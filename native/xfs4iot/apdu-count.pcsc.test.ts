// The JPKI client's APDU count through the XFS4IoT reader's chip I/O equals its count through
// PC/SC (pcscd + vpcd), step by step and instruction by instruction, for the same card.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { countAuthenticationFlow } from '../../test/support/jpki-flow.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { until } from '../../test/support/until.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { VpcdLink } from '../devkit/emulator/vpcd-link.ts';
import { SimulatedDevice } from '../devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../devkit/xfs4iot-sim/simulator-server.ts';
import { PcscReaderPort } from '../pcsc/pcsc-reader-port.ts';
import { createXfs4IotReader, XFS4IOT_READER_NAME, type Xfs4IotReader } from './xfs4iot-reader.ts';

const VPCD_PORT = 35964;
const PCSC_READER = 'Virtual PCD 00 01';

describeWhenAvailable('APDUs through XFS4IoT chip I/O and through PC/SC', await probePcscWithVpcd(), () => {
  let link: VpcdLink;
  let pcsc: PcscReaderPort;
  let server: SimulatorServer;
  let xfs4iot: Xfs4IotReader;

  beforeAll(async () => {
    link = new VpcdLink({ card: await createEmulatedCard('default'), port: VPCD_PORT });
    pcsc = new PcscReaderPort();
    pcsc.start();
    void link.start();
    await until(
      () => pcsc.snapshot().readers.some((reader) => reader.name === PCSC_READER && reader.card === 'present'),
      'the card in vpcd',
    );
    server = await startSimulatorServer(new SimulatedDevice({ timings: { drawInMs: 0, chipPowerMs: 0, chipIoMs: 0 } }));
    xfs4iot = createXfs4IotReader({ endpoint: server.endpoint });
    await xfs4iot.link.ready(3000);
    xfs4iot.mechanics.accept();
    await until(() => server.device.accepting, 'the intake opens');
    server.device.insert(await createEmulatedCard('default'));
    await until(() => xfs4iot.port.snapshot().readers[0]?.card === 'present', 'the card in the XFS4IoT reader');
  });

  afterAll(async () => {
    await xfs4iot.port.close();
    await server.close();
    await pcsc.close();
    await link.stop();
  });

  it('is the same for the whole 利用者証明, step by step, instruction by instruction', async () => {
    const overPcsc = await pcsc.connect(PCSC_READER, { exclusive: true });
    if (!overPcsc.ok) throw new Error(overPcsc.error);
    const throughPcsc = await countAuthenticationFlow(overPcsc.value);
    await overPcsc.value.disconnect('reset');

    const overChipIo = await xfs4iot.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!overChipIo.ok) throw new Error(overChipIo.error);
    const throughChipIo = await countAuthenticationFlow(overChipIo.value);
    await overChipIo.value.disconnect('reset');

    expect(throughChipIo).toEqual(throughPcsc);
    // The device was sent exactly those: one ChipIO per APDU.
    expect(server.device.apduCount).toBe(throughChipIo.instructions.length);
  });
});
