// `npm run card -- status --xfs4iot URL` against the XFS4IoT card reader simulator: the device
// and its retain unit, a card put in for the reader test read and given back, a card held for
// another client left alone, and a reader that is not there.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until.ts';
import { createXfs4IotReader } from '../../xfs4iot/xfs4iot-reader.ts';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { SimulatedDevice } from '../xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../xfs4iot-sim/simulator-server.ts';
import { xfs4iotCardStatus } from './xfs4iot-card-status.ts';

const FAST = { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 5, moveStorageMs: 5 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(): Promise<SimulatorServer> {
  const server = await startSimulatorServer(new SimulatedDevice({ timings: FAST, retained: 2 }));
  cleanups.push(() => server.close());
  return server;
}

describe('card status through XFS4IoT', () => {
  it('reports the device, its retain unit and an empty reader', async () => {
    const server = await simulator();
    const report = await xfs4iotCardStatus({ endpoint: server.endpoint, connectMs: 3000, commandTimeoutMs: 2000 });
    if (!report.ok) throw new Error(report.error);
    expect(report.value.serviceAvailable).toBe(true);
    expect(report.value.detail).toMatch(/device online, media notPresent, retain unit unitBIN1 2\/50 ok$/);
    expect(report.value.readers).toEqual([expect.objectContaining({ reader: 'XFS4IoT CardReader', card: 'empty', verdict: 'no-card' })]);
  });

  it('reads a card put in while the intake is open, spends no PIN try, and gives it back at the exit', async () => {
    const server = await simulator();
    const hand = (async () => {
      await until(() => server.device.accepting, 'the intake opens');
      server.device.insert(await createEmulatedCard('one-try-left'));
    })();
    const report = await xfs4iotCardStatus({ endpoint: server.endpoint, connectMs: 3000, acceptMs: 5000, commandTimeoutMs: 2000 });
    await hand;
    if (!report.ok) throw new Error(report.error);
    expect(report.value.readers[0]).toMatchObject({
      card: 'present',
      verdict: 'ok',
      jpkiApplication: 'yes',
      pinTriesLeft: 1,
      atr: '3BE000FF8131FE4514',
    });
    expect(report.value.readers[0]?.certificate?.subject).toBeDefined();
    expect(server.device.media).toBe('entering');
  });

  it('leaves alone a card the reader holds for another client, and says it is in use', async () => {
    const server = await simulator();
    const kiosk = createXfs4IotReader({ endpoint: server.endpoint });
    cleanups.push(() => kiosk.port.close());
    await kiosk.link.ready(3000);
    kiosk.mechanics.accept();
    await until(() => server.device.accepting, 'the kiosk opens the intake');
    server.device.insert(await createEmulatedCard('default'));
    await until(() => server.device.media === 'present', 'the kiosk holds the card');
    const apdus = server.device.apduCount;
    const report = await xfs4iotCardStatus({ endpoint: server.endpoint, connectMs: 3000, commandTimeoutMs: 2000 });
    if (!report.ok) throw new Error(report.error);
    expect(report.value.readers).toEqual([expect.objectContaining({ card: 'present', verdict: 'in-use' })]);
    expect(server.device.apduCount).toBe(apdus);
    expect(server.device.media).toBe('present');
  });

  it('says so when no reader service answers', async () => {
    const server = await simulator();
    server.setReachable(false);
    const report = await xfs4iotCardStatus({ endpoint: server.endpoint, connectMs: 500, commandTimeoutMs: 2000 });
    expect(report).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^no XFS4IoT card reader at ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0/) as string,
    });
  });

  it('runs as the operator’s command, with the reader service named', async () => {
    const server = await simulator();
    const cli = fileURLToPath(new URL('./card-cli.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'status', '--xfs4iot', server.endpoint], { timeout: 20_000 });
    expect(stdout).toMatch(/^Card reader service: available \(XFS4IoT ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0\/CardReader1: device online/);
    expect(stdout).toContain('verdict:         no-card: no card in the reader');
  });
});
