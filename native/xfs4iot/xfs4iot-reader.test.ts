// The kiosk's XFS4IoT reader (reader port + card mechanics) against the device simulator over
// a real WebSocket: discovery, a card accepted and read through chip I/O, held, returned and
// taken, retained; and each fault ending where it must (jam, full retain unit, the device
// gone, a command that never completes).
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../apdu/hex.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedDevice, type SimulatedDeviceOptions } from '../devkit/xfs4iot-sim/simulated-device.ts';
import { startSimulatorServer, type SimulatorServer } from '../devkit/xfs4iot-sim/simulator-server.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import type { MechanicsEvent } from '../reader/card-mechanics.ts';
import type { ReaderEvent } from '../reader/reader-events.ts';
import { until } from '../../test/support/until.ts';
import { createXfs4IotReader, XFS4IOT_READER_NAME, type Xfs4IotReader } from './xfs4iot-reader.ts';

const FAST = { drawInMs: 5, chipPowerMs: 5, chipIoMs: 0, moveExitMs: 5, moveStorageMs: 5 };

interface Rig {
  readonly server: SimulatorServer;
  readonly reader: Xfs4IotReader;
  readonly events: ReaderEvent[];
  readonly mechanics: MechanicsEvent[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(device: SimulatedDeviceOptions = {}, commandMs = 2000): Promise<Rig> {
  const server = await startSimulatorServer(new SimulatedDevice({ timings: FAST, ...device }));
  cleanups.push(() => server.close());
  const reader = createXfs4IotReader({
    endpoint: server.endpoint,
    deadlines: { commandMs, disconnectMs: 500 },
    link: { statusMs: 1000, reconnectMs: [20, 100], graceMs: 300 },
    mechanics: { insertMs: 2000, moveMs: 1000 },
  });
  cleanups.push(() => reader.port.close());
  const events: ReaderEvent[] = [];
  const mechanics: MechanicsEvent[] = [];
  reader.port.on('event', (event) => events.push(event));
  reader.mechanics.on('event', (event) => mechanics.push(event));
  await until(() => reader.port.snapshot().serviceAvailable, 'the reader service is available', 3000);
  return { server, reader, events, mechanics };
}

/** The customer pushes a card in once the kiosk has opened the intake. */
async function insert(
  r: Rig,
  profile: Parameters<typeof createEmulatedCard>[0] = 'default',
  options: Parameters<typeof createEmulatedCard>[1] = {},
): Promise<void> {
  r.reader.mechanics.accept();
  await until(() => r.server.device.accepting, 'the intake is open');
  expect(r.server.device.insert(await createEmulatedCard(profile, options))).toBe(true);
  await until(() => r.reader.port.snapshot().readers[0]?.card === 'present', 'the card is in');
}

describe('the XFS4IoT reader', () => {
  it('finds the motorised reader through the service publisher and reports it available, without a card', async () => {
    const { reader, events } = await rig();
    expect(reader.port.snapshot()).toMatchObject({ serviceAvailable: true, readers: [{ name: XFS4IOT_READER_NAME, card: 'empty' }] });
    expect(events).toEqual([{ type: 'service', available: true, detail: expect.stringContaining('/xfs4iot/v1.0/CardReader1') as string }]);
  });

  it('accepts a card only when asked: the intake opens, the card is drawn in and reported with its ATR', async () => {
    const r = await rig();
    // Not asked yet: the simulated slot refuses it.
    expect(r.server.device.insert(await createEmulatedCard('default'))).toBe(false);
    await insert(r);
    expect(r.events.at(-1)).toEqual({ type: 'card-inserted', reader: XFS4IOT_READER_NAME, atr: '3BE000FF8131FE4514' });
  });

  it('runs the JPKI client over chip I/O, ends the session with a warm reset, and refuses a second exclusive hold', async () => {
    const r = await rig();
    await insert(r);
    const connected = await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    expect(toHex(connected.value.atr, '')).toBe('3BE000FF8131FE4514');
    const jpki = new JpkiSession(connected.value);
    expect((await jpki.selectApplication()).ok).toBe(true);
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: false })).toEqual({ ok: false, error: 'in-use' });
    const pin = new TextEncoder().encode('1234');
    expect((await jpki.verifyPin(pin)).ok).toBe(true);
    await connected.value.disconnect('reset');
    // The reset cleared the verified PIN: a signature needs it again.
    const again = await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!again.ok) throw new Error(again.error);
    const after = new JpkiSession(again.value);
    const signed = await after.signWithAuthKey(new Uint8Array(32));
    expect(signed.ok ? 'signed' : signed.error.kind).toBe('security-status-not-satisfied');
  });

  it('holds the card in the transport: the customer cannot take it until it is ejected, then taking it is reported', async () => {
    const r = await rig();
    await insert(r);
    r.reader.mechanics.hold();
    expect(r.reader.mechanics.holding).toBe(true);
    expect(r.server.device.take()).toBe(false);
    await r.reader.mechanics.eject();
    expect(r.server.device.media).toBe('entering');
    expect(r.events.at(-1)).toEqual({ type: 'card-removed', reader: XFS4IOT_READER_NAME });
    expect(r.server.device.take()).toBe(true);
    await until(() => r.mechanics.some((event) => event.type === 'card-taken'), 'card-taken');
    expect(r.reader.port.snapshot().readers[0]?.card).toBe('empty');
  });

  it('reports a card taken the moment it shows at the exit, before the move has reported back', async () => {
    const r = await rig();
    await insert(r);
    // The hand is at the slot: it takes the card as soon as the device says it is there.
    r.server.device.on('unsolicited', (name, payload) => {
      if (name === 'Common.StatusChangedEvent' && JSON.stringify(payload).includes('"entering"')) r.server.device.take();
    });
    await r.reader.mechanics.eject();
    await until(() => r.mechanics.some((event) => event.type === 'card-taken'), 'card-taken');
    expect(r.reader.port.snapshot().readers[0]?.card).toBe('empty');
  });

  it('retains a card left at the exit into the retain unit, which counts it', async () => {
    const r = await rig({ retained: 3 });
    await insert(r);
    await r.reader.mechanics.eject();
    expect(await r.reader.mechanics.retain()).toBe(true);
    expect(r.mechanics).toEqual([{ type: 'card-retained', binCount: 4 }]);
    expect(r.server.device.retainedCount).toBe(4);
    expect(r.reader.link.retainUnit).toMatchObject({ key: 'unitBIN1', count: 4, capacity: 50 });
    // The slot is free for the next customer.
    await insert(r);
  });

  it('reports a card found inside when it connects (to be given back), and never reads it as a newly inserted card', async () => {
    const r = await rig();
    await insert(r);
    // The kiosk restarts: a new reader on the same device, which still holds the card.
    await r.reader.port.close();
    const restarted = createXfs4IotReader({ endpoint: r.server.endpoint, link: { statusMs: 1000, reconnectMs: [20, 100], graceMs: 300 } });
    cleanups.push(() => restarted.port.close());
    const events: ReaderEvent[] = [];
    restarted.port.on('event', (event) => events.push(event));
    // Nobody asked for a card (the kiosk starts at its attract loop), yet it is reported.
    await until(() => events.some((event) => event.type === 'card-inserted'), 'the card inside is reported');
    expect(restarted.port.snapshot().readers[0]).toEqual({ name: XFS4IOT_READER_NAME, card: 'present', atr: '3BE000FF8131FE4514' });
    // Asked for a card now, the reader does not take that one for a new customer's.
    restarted.mechanics.accept();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.filter((event) => event.type === 'card-inserted')).toHaveLength(1);
    await restarted.mechanics.eject();
    expect(r.server.device.take()).toBe(true);
  });

  it('follows a card the device retains by itself from the exit (CardActionEvent): retain then reports it kept', async () => {
    const r = await rig();
    await insert(r);
    await r.reader.mechanics.eject();
    // The device's own power-off or exit timeout takes it in.
    r.server.device.emit('unsolicited', 'CardReader.CardActionEvent', { to: 'unitBIN1', from: 'exit' });
    await until(() => r.mechanics.some((event) => event.type === 'card-retained'), 'card-retained');
    expect(await r.reader.mechanics.retain()).toBe(true);
    expect(r.mechanics.filter((event) => event.type === 'card-taken')).toEqual([]);
  });

  it('stops waiting for a card when told, and the intake is closed again', async () => {
    const r = await rig();
    r.reader.mechanics.accept();
    await until(() => r.server.device.accepting, 'the intake is open');
    r.reader.mechanics.refuse();
    await until(() => !r.server.device.accepting, 'the intake is closed');
    expect(r.server.device.insert(await createEmulatedCard('default'))).toBe(false);
  });
});

describe('faults of the XFS4IoT reader', () => {
  it('a jam on the way out: eject fails, the card is kept inside (retain says so), staff are told, and once freed it goes into the retain unit', async () => {
    const r = await rig();
    await insert(r);
    r.reader.mechanics.hold();
    r.server.device.jamNextMove();
    await expect(r.reader.mechanics.eject()).rejects.toThrow(/exit/);
    expect(r.mechanics).toContainEqual({ type: 'fault', fault: 'jam' });
    // The session must not wait for the card: it is out of reach, and the port no longer has it.
    expect(r.events.at(-1)).toMatchObject({ type: 'card-removed', outage: true });
    expect(await r.reader.mechanics.retain()).toBe(true);
    expect(r.server.device.take()).toBe(false);
    // A jammed device is out of service.
    await until(() => !r.reader.port.snapshot().serviceAvailable, 'the reader is unavailable');
    r.server.device.clearJam();
    await until(() => r.server.device.retainedCount === 1, 'the kept card is retained');
    expect(r.server.device.media).toBe('notPresent');
    // The device counts the card before its completion reaches the client.
    await until(() => r.mechanics.at(-1)?.type === 'card-retained', 'the client told of the retained card');
    expect(r.mechanics.at(-1)).toEqual({ type: 'card-retained', binCount: 1 });
    expect(r.reader.port.snapshot().serviceAvailable).toBe(true);
  });

  it('a full retain unit: retain fails, the card stays at the exit for staff, and the fault is reported', async () => {
    const r = await rig({ capacity: 5, retained: 5 });
    await insert(r);
    await r.reader.mechanics.eject();
    expect(await r.reader.mechanics.retain()).toBe(false);
    expect(r.mechanics).toEqual([{ type: 'fault', fault: 'retain-bin-full', binCount: 5 }]);
    expect(r.server.device.media).toBe('entering');
    // Staff take it from the slot: reported taken.
    r.server.device.take();
    await until(() => r.mechanics.some((event) => event.type === 'card-taken'), 'card-taken');
  });

  it('reports the retain unit nearing capacity and full as the device says so', async () => {
    const r = await rig({ capacity: 3, threshold: 2, retained: 1 });
    await insert(r);
    await r.reader.mechanics.eject();
    await r.reader.mechanics.retain();
    await until(() => r.mechanics.some((event) => event.type === 'fault'), 'the threshold is reported');
    expect(r.mechanics).toContainEqual({ type: 'fault', fault: 'retain-bin-high', binCount: 2 });
    r.server.device.fillRetainUnit();
    await until(() => r.mechanics.some((event) => event.type === 'fault' && event.fault === 'retain-bin-full'), 'full is reported');
  });

  it('the device gone with the card inside: the port is unavailable, chip commands fail as reader-unavailable, eject fails, the card is kept and retained once the device is back', async () => {
    const r = await rig();
    await insert(r);
    const connected = await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    r.server.setReachable(false);
    await until(() => r.events.some((event) => event.type === 'service' && !event.available), 'service unavailable');
    expect(await connected.value.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toEqual({ ok: false, error: 'reader-unavailable' });
    await expect(r.reader.mechanics.eject()).rejects.toThrow();
    expect(r.mechanics).toContainEqual({ type: 'fault', fault: 'offline' });
    expect(await r.reader.mechanics.retain()).toBe(true);
    r.server.setReachable(true);
    await until(() => r.server.device.retainedCount === 1, 'the kept card is retained when the device is back', 3000);
    expect(r.reader.port.snapshot().serviceAvailable).toBe(true);
  });

  it('a card that stops answering: the device’s timeout comes back as an unresponsive card, and the card can still be returned', async () => {
    const r = await rig({}, 200);
    await insert(r, 'default', { silentAt: 'any' });
    const connected = await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    expect(
      await connected.value.transmit(
        Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01),
      ),
    ).toEqual({
      ok: false,
      error: 'card-unresponsive',
    });
    await connected.value.disconnect('reset');
    await r.reader.mechanics.eject();
    expect(r.server.device.take()).toBe(true);
  });

  it('a device that stops completing commands: the chip command is given up as unresponsive, eject fails and the card is kept', async () => {
    const r = await rig({}, 200);
    await insert(r);
    const connected = await r.reader.port.connect(XFS4IOT_READER_NAME, { exclusive: true });
    if (!connected.ok) throw new Error(connected.error);
    r.server.device.hang(true);
    expect(await connected.value.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toEqual({ ok: false, error: 'card-unresponsive' });
    await expect(r.reader.mechanics.eject()).rejects.toThrow();
    expect(r.mechanics).toContainEqual({ type: 'fault', fault: 'timeout' });
    expect(await r.reader.mechanics.retain()).toBe(true);
  });
});
