// `npm run card -- status --xfs4iot URL --chip-reader NAME` on a motorised reader whose chip
// contacts are a PC/SC reader: the XFS4IoT simulator without a chip module puts the card on
// vpcd's "Virtual PCD 00 01" (real pcscd) while the card is in its transport. The motor and its
// retain unit are reported with the chip reader, a card put in for the reader test is read
// through PC/SC and given back at the exit, and a card the motor holds for the kiosk is left alone.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../../test/support/components.ts';
import { probePcscWithVpcd } from '../../../test/support/pcsc-probe.ts';
import { until } from '../../../test/support/until.ts';
import { PcscReaderPort } from '../../pcsc/pcsc-reader-port.ts';
import { openXfs4IotMotor } from '../../xfs4iot/xfs4iot-reader.ts';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { VpcdContacts } from '../xfs4iot-sim/chip-contacts.ts';
import { SimulatedDevice } from '../xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../xfs4iot-sim/simulator-server.ts';
import { pcscChipCardStatus } from './pcsc-chip-card-status.ts';

const CHIP_READER = 'Virtual PCD 00 01';
const FAST = { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 5, moveStorageMs: 5 };

describeWhenAvailable('card status of a motorised reader with its chip on PC/SC', await probePcscWithVpcd(), () => {
  let observer: PcscReaderPort;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(() => {
    observer = new PcscReaderPort();
    observer.start();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => observer.close());

  const chip = (): string | undefined => observer.snapshot().readers.find((reader) => reader.name === CHIP_READER)?.card;

  async function simulator(): Promise<SimulatorServer> {
    await until(() => chip() === 'empty', 'the chip reader is empty', 10_000);
    const server = await startSimulatorServer(new SimulatedDevice({ timings: FAST, retained: 2, contacts: new VpcdContacts(35964) }));
    cleanups.push(() => server.close());
    return server;
  }

  const options = { connectMs: 3000, commandTimeoutMs: 5000, chipReader: CHIP_READER };

  it('reports the motor, its retain unit and the empty chip reader', async () => {
    const server = await simulator();
    const report = await pcscChipCardStatus({ ...options, endpoint: server.endpoint });
    if (!report.ok) throw new Error(report.error);
    expect(report.value.serviceAvailable).toBe(true);
    expect(report.value.detail).toMatch(
      /device online, media notPresent, retain unit unitBIN1 2\/50 ok; chip on PC\/SC "Virtual PCD 00 01": /,
    );
    expect(report.value.readers).toEqual([expect.objectContaining({ reader: CHIP_READER, card: 'empty', verdict: 'no-card' })]);
  });

  it('reads a card put in while the intake is open through PC/SC, spends no PIN try, and gives it back at the exit', async () => {
    const server = await simulator();
    const hand = (async () => {
      await until(() => server.device.accepting, 'the intake opens');
      server.device.insert(await createEmulatedCard('one-try-left'));
    })();
    const report = await pcscChipCardStatus({ ...options, endpoint: server.endpoint, acceptMs: 5000 });
    await hand;
    if (!report.ok) throw new Error(report.error);
    expect(report.value.readers).toEqual([
      expect.objectContaining({ reader: CHIP_READER, card: 'present', verdict: 'ok', jpkiApplication: 'yes', pinTriesLeft: 1 }),
    ]);
    expect(server.device.media).toBe('entering');
    expect(server.device.apduCount).toBe(0);
    await until(() => chip() === 'empty', 'the card is off the contacts', 8000);
  });

  it('leaves alone a card the motor holds for another client, and says it is in use', async () => {
    const server = await simulator();
    const kiosk = openXfs4IotMotor({ endpoint: server.endpoint }, false);
    kiosk.link.start();
    cleanups.push(() => {
      kiosk.link.stop();
      return Promise.resolve();
    });
    await kiosk.link.ready(3000);
    kiosk.mechanics.accept();
    await until(() => server.device.accepting, 'the kiosk opens the intake');
    server.device.insert(await createEmulatedCard('default'));
    await until(() => chip() === 'present', 'the chip is on the contacts', 8000);
    const report = await pcscChipCardStatus({ ...options, endpoint: server.endpoint });
    if (!report.ok) throw new Error(report.error);
    expect(report.value.readers).toEqual([expect.objectContaining({ reader: CHIP_READER, card: 'present', verdict: 'in-use' })]);
    expect(server.device.media).toBe('present');
  });

  it('runs as the operator’s command, and refuses a chip reader without the motor’s service', async () => {
    const server = await simulator();
    const cli = fileURLToPath(new URL('./card-cli.ts', import.meta.url));
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [cli, 'status', '--xfs4iot', server.endpoint, '--chip-reader', CHIP_READER], {
      timeout: 20_000,
    });
    expect(stdout).toMatch(
      /^Card reader service: available \(XFS4IoT ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0\/CardReader1: device online, media notPresent, [^\n]*; chip on PC\/SC "Virtual PCD 00 01": /,
    );
    expect(stdout).toContain('Reader: Virtual PCD 00 01\n  verdict:         no-card: no card in the reader');
    await expect(run(process.execPath, [cli, 'status', '--chip-reader', CHIP_READER], { timeout: 20_000 })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--chip-reader NAME goes with --xfs4iot') as unknown,
    });
  });
});
