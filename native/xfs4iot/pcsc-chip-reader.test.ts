// A motorised reader whose motor is on XFS4IoT and whose chip contacts are a PC/SC reader:
// the kiosk's port and mechanics for it against the device simulator without a chip module
// (over a real WebSocket), its contacts wired to an in-process PC/SC-like reader. The card is
// reported in only once the motor has it, read over PC/SC, held, and reported taken only when
// the customer takes it from the exit — never when PC/SC loses the chip on its way out, nor
// when the PC/SC side goes away while the motor holds it.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/support/until.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReader } from '../devkit/emulator/simulated-reader.ts';
import { SimulatedReaderPort } from '../devkit/emulator/simulated-reader-port.ts';
import { SimulatedReaderContacts } from '../devkit/xfs4iot-sim/chip-contacts.ts';
import { SimulatedDevice } from '../devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../devkit/xfs4iot-sim/simulator-server.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import type { MechanicsEvent } from '../reader/card-mechanics.ts';
import type { ReaderEvent } from '../reader/reader-events.ts';
import { createPcscChipReader, createXfs4IotReader, type PcscChipReader } from './xfs4iot-reader.ts';

const FAST = { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 20, moveStorageMs: 5 };
const CHIP_READER = 'Contacts PC/SC 00';
const ATR = '3BE000FF8131FE4514';

/** What happened, in order: the PC/SC reader's own events, the kiosk port's, the mechanics'. */
type Seen = { readonly from: 'pcsc' | 'port' | 'mechanics'; readonly event: ReaderEvent | MechanicsEvent };

interface Rig {
  readonly server: SimulatorServer;
  readonly pcsc: SimulatedReaderPort;
  readonly reader: PcscChipReader;
  readonly seen: Seen[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function open(server: SimulatorServer, pcsc: SimulatedReaderPort): Rig {
  const seen: Seen[] = [];
  pcsc.on('event', (event) => seen.push({ from: 'pcsc', event }));
  const reader = createPcscChipReader({
    endpoint: server.endpoint,
    pcsc,
    chipReader: CHIP_READER,
    chipSettleMs: 300,
    link: { statusMs: 1000, reconnectMs: [20, 100], graceMs: 300 },
    mechanics: { insertMs: 2000, moveMs: 1000 },
  });
  cleanups.push(() => reader.port.close());
  reader.port.on('event', (event) => seen.push({ from: 'port', event }));
  reader.mechanics.on('event', (event) => seen.push({ from: 'mechanics', event }));
  return { server, pcsc, reader, seen };
}

async function rig(): Promise<Rig> {
  const contacts = new SimulatedReader(CHIP_READER);
  const server = await startSimulatorServer(new SimulatedDevice({ timings: FAST, contacts: new SimulatedReaderContacts(contacts) }));
  cleanups.push(() => server.close());
  const r = open(server, new SimulatedReaderPort(contacts));
  await until(() => r.reader.port.snapshot().serviceAvailable, 'the motor and the chip reader are available', 3000);
  return r;
}

const seenFrom = (r: Rig, from: Seen['from']): Seen['event'][] => r.seen.filter((entry) => entry.from === from).map((entry) => entry.event);

/** The customer pushes a card in once the kiosk has opened the intake; resolves once the port reports it. */
async function insert(r: Rig, options: { readonly reversed?: boolean } = {}): Promise<void> {
  r.reader.mechanics.accept();
  await until(() => r.server.device.accepting, 'the intake is open');
  expect(r.server.device.insert(await createEmulatedCard('default'), options)).toBe(true);
  await until(() => seenFrom(r, 'port').some((event) => event.type === 'card-inserted'), 'the card is reported in');
}

describe('a motorised reader with its chip on PC/SC', () => {
  it('is found although the service has no chip module (the chip I/O reader does not take it), and lists the chip reader', async () => {
    const r = await rig();
    expect(r.reader.port.snapshot()).toMatchObject({ serviceAvailable: true, readers: [{ name: CHIP_READER, card: 'empty' }] });
    expect(r.reader.port.snapshot().detail).toMatch(
      /^XFS4IoT ws:\/\/127\.0\.0\.1:\d+\/xfs4iot\/v1\.0\/CardReader1; chip on PC\/SC simulated reader$/,
    );
    const chipIo = createXfs4IotReader({ endpoint: r.server.endpoint, link: { statusMs: 1000, reconnectMs: [20, 100], graceMs: 300 } });
    cleanups.push(() => chipIo.port.close());
    expect(await chipIo.link.ready(1000)).toMatchObject({ connected: false, detail: 'no motorised card reader among 1 services' });
  });

  it('draws the card in without asking for its chip, reports it once PC/SC sees the chip, and runs the JPKI client over PC/SC', async () => {
    const r = await rig();
    await insert(r);
    expect(seenFrom(r, 'port')).toContainEqual({ type: 'card-inserted', reader: CHIP_READER, atr: ATR });
    expect(r.reader.port.snapshot().readers).toEqual([{ name: CHIP_READER, card: 'present', atr: ATR }]);
    const connected = await r.reader.port.connect(CHIP_READER, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    expect(await new JpkiSession(connected.value).pinTriesLeft()).toEqual({ ok: true, value: 3 });
    await connected.value.disconnect('reset');
    // Nothing went through the service's chip I/O.
    expect(r.server.device.apduCount).toBe(0);
  });

  it('holds the card; on its way out PC/SC loses the chip first, but the card is reported taken only when the customer takes it', async () => {
    const r = await rig();
    await insert(r);
    r.reader.mechanics.hold();
    expect(r.server.device.take()).toBe(false);
    const from = r.seen.length;
    const mediaWhenRemoved: string[] = [];
    r.reader.port.on('event', (event) => {
      if (event.type === 'card-removed') mediaWhenRemoved.push(r.server.device.media);
    });
    await r.reader.mechanics.eject();
    expect(r.server.device.media).toBe('entering');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // PC/SC saw the card go as it left the contacts; the port, when the motor had moved it; nobody took it.
    expect(r.seen.slice(from)).toEqual([
      { from: 'pcsc', event: { type: 'card-removed', reader: CHIP_READER } },
      { from: 'port', event: { type: 'card-removed', reader: CHIP_READER } },
    ]);
    // Reported off the transport once the motor had brought it to the exit, not when PC/SC lost it.
    expect(mediaWhenRemoved).toEqual(['entering']);
    expect(r.server.device.take()).toBe(true);
    await until(() => seenFrom(r, 'mechanics').some((event) => event.type === 'card-taken'), 'card-taken');
  });

  it('a card the wrong way round: PC/SC never sees a chip, so after the settle time it is reported as a card that does not answer, and given back', async () => {
    const r = await rig();
    await insert(r, { reversed: true });
    expect(seenFrom(r, 'pcsc')).toEqual([]);
    expect(seenFrom(r, 'port')).toContainEqual({ type: 'card-inserted', reader: CHIP_READER, atr: '' });
    expect(r.reader.port.snapshot().readers).toEqual([{ name: CHIP_READER, card: 'mute' }]);
    expect(await r.reader.port.connect(CHIP_READER, { exclusive: true })).toEqual({ ok: false, error: 'card-unresponsive' });
    await r.reader.mechanics.eject();
    expect(r.server.device.media).toBe('entering');
  });

  it('the chip lost while the motor holds the card: not a removal, the card does not answer, staff are told, and the card comes back at the exit', async () => {
    const r = await rig();
    await insert(r);
    const connected = await r.reader.port.connect(CHIP_READER, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    r.reader.mechanics.hold();
    const from = r.seen.length;
    await r.server.device.loseChip();
    expect(r.seen.slice(from)).toEqual([
      { from: 'pcsc', event: { type: 'card-removed', reader: CHIP_READER } },
      { from: 'mechanics', event: { type: 'fault', fault: 'chip-reader' } },
    ]);
    expect(r.reader.port.snapshot().readers).toEqual([{ name: CHIP_READER, card: 'mute' }]);
    expect(await connected.value.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toEqual({ ok: false, error: 'card-unresponsive' });
    expect(await r.reader.port.connect(CHIP_READER, { exclusive: true })).toEqual({ ok: false, error: 'card-unresponsive' });
    await connected.value.disconnect('reset');
    await r.reader.mechanics.eject();
    expect(r.server.device.media).toBe('entering');
    expect(seenFrom(r, 'port').at(-1)).toEqual({ type: 'card-removed', reader: CHIP_READER });
    r.server.device.take();
    await until(() => seenFrom(r, 'mechanics').some((event) => event.type === 'card-taken'), 'card-taken');
    // One fault for the one loss.
    expect(seenFrom(r, 'mechanics').filter((event) => event.type === 'fault')).toHaveLength(1);
  });

  it('the motor gone while it holds the card: chip commands fail as through chip I/O, eject fails, the card is kept and retained once the motor is back', async () => {
    const r = await rig();
    await insert(r);
    const connected = await r.reader.port.connect(CHIP_READER, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    r.reader.mechanics.hold();
    r.server.setReachable(false);
    await until(() => !r.reader.port.snapshot().serviceAvailable, 'the port is unavailable');
    expect(r.reader.port.snapshot().readers).toEqual([]);
    // PC/SC would still answer, but a card the kiosk cannot give back is not worked with.
    expect(await connected.value.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toEqual({ ok: false, error: 'reader-unavailable' });
    await expect(r.reader.mechanics.eject()).rejects.toThrow();
    expect(await r.reader.mechanics.retain()).toBe(true);
    expect(seenFrom(r, 'mechanics')).toContainEqual({ type: 'fault', fault: 'offline' });
    expect(seenFrom(r, 'port')).toContainEqual({ type: 'card-removed', reader: CHIP_READER, outage: true });
    r.server.setReachable(true);
    await until(() => r.server.device.retainedCount === 1, 'the kept card is retained once the motor is back', 3000);
    expect(r.pcsc.reader.card).toBeUndefined();
  });

  it('a card found in the motor at a restart is reported once the motor has it, so that giving it back moves it to the exit', async () => {
    const first = await rig();
    await insert(first);
    first.reader.mechanics.hold();
    await first.reader.port.close();
    // The kiosk starts again: PC/SC still sees the chip, the motor still holds the card.
    const contacts = first.pcsc.reader;
    const again = open(first.server, new SimulatedReaderPort(contacts));
    const ejected = new Promise<void>((resolve, reject) => {
      const listener = (event: ReaderEvent): void => {
        if (event.type !== 'card-inserted') return;
        again.reader.port.off('event', listener);
        // What the session does with a card found in the reader: give it back.
        void again.reader.mechanics.eject().then(resolve, reject);
      };
      again.reader.port.on('event', listener);
    });
    await until(() => again.seen.some((entry) => entry.from === 'port' && entry.event.type === 'card-inserted'), 'the card is reported');
    await ejected;
    expect(first.server.device.media).toBe('entering');
    expect(seenFrom(again, 'mechanics')).toEqual([]);
  });
});
