// The demo card reader page on the XFS4IoT simulator, through the browser host's demo socket
// as the page drives it: a card goes in only while the kiosk's reader waits for one, is not
// taken while held, jams and fills the bin on demand, and staff clear both; every state the
// page is sent fits the host protocol.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SimulatedDevice } from '../../../native/devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer } from '../../../native/devkit/xfs4iot-sim/simulator-server.ts';
import { createXfs4IotReader } from '../../../native/xfs4iot/xfs4iot-reader.ts';
import { until } from '../../../test/support/until.ts';
import type { ViewModel } from '../../common/view-model.ts';
import { DemoStateSchema, type DemoMessage, type DemoState } from '../common/host-protocol.ts';
import { BrowserHost } from './browser-host.ts';
import { Xfs4IotDemoReader } from './xfs4iot-demo-reader.ts';

const VIEW: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('drives the XFS4IoT simulator from the demo page: insert, take, jam, full bin, and the staff’s fixes', async () => {
  const server = await startSimulatorServer(
    new SimulatedDevice({ timings: { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 5, moveStorageMs: 5 } }),
  );
  cleanups.push(() => server.close());
  const kiosk = createXfs4IotReader({ endpoint: server.endpoint });
  cleanups.push(() => kiosk.port.close());
  await kiosk.link.ready(3000);

  const staticDir = mkdtempSync(join(tmpdir(), 'host-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(staticDir, 'dev.html'), '<!doctype html><title>demo panel</title>');
  cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
  const host = new BrowserHost({
    screen: { view: () => VIEW, subscribe: () => () => undefined, send: () => ({ ok: true, value: undefined }) },
    staticDir,
    demo: new Xfs4IotDemoReader(server.device),
    log: () => undefined,
  });
  const { url } = await host.start();
  cleanups.push(() => host.stop());
  const page = new URL(url);
  const socket = new WebSocket(`ws://${page.host}/ws/demo?token=${page.hash.replace('#token=', '')}`, { origin: page.origin });
  cleanups.push(() => socket.terminate());
  let latest: DemoState | undefined;
  socket.on('message', (data: Buffer) => {
    latest = DemoStateSchema.parse(JSON.parse(data.toString('utf8')));
  });
  const send = (message: DemoMessage): void => socket.send(JSON.stringify(message));
  const shows = (what: string, test: (state: DemoState) => boolean): Promise<void> =>
    until(() => latest !== undefined && test(latest), what);

  await shows('the XFS4IoT reader, empty', (state) => state.mechanics === 'xfs4iot' && state.card === 'none' && state.capacity === 50);
  // The kiosk is not waiting for a card: the slot refuses it.
  send({ type: 'insert', profile: 'default' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.device.media).toBe('notPresent');

  kiosk.mechanics.accept();
  await until(() => server.device.accepting, 'the intake opens');
  send({ type: 'insert', profile: 'default' });
  await shows('the card inside', (state) => state.card === 'inside');
  send({ type: 'take' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(server.device.media).toBe('present');

  send({ type: 'jam' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await expect(kiosk.mechanics.eject()).rejects.toThrow();
  await shows('the card jammed', (state) => state.card === 'jammed');
  send({ type: 'clear-jam' });
  await shows('the freed card in the bin', (state) => state.card === 'none' && state.retained === 1);

  send({ type: 'bin-full' });
  await shows('a full bin', (state) => state.retained === 50);
  send({ type: 'empty-bin' });
  await shows('an empty bin', (state) => state.retained === 0);
});
