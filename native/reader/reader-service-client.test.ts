// Supervision of the card service process, with the service run in memory behind a fake
// process: crashes and hangs are detected, reported and recovered from.
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../devkit/emulator/simulated-reader-port.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import type { MechanicsEvent } from './card-mechanics.ts';
import { PresenceGuard } from './presence-guard.ts';
import type { ReaderEvent } from './reader-events.ts';
import { ReaderServiceClient } from './reader-service-client.ts';
import { FakeServiceProcess } from '../../test/support/fake-service-process.ts';
import { until } from '../../test/support/until.ts';

/** Card commands get this long, well inside the client's request timeout (as in production). */
const DEADLINES = { commandMs: 80, disconnectMs: 40 };

/** A card service process in memory, serving a simulated reader of its own. */
const serviceInMemory = (): FakeServiceProcess<SimulatedReaderPort> =>
  new FakeServiceProcess(new SimulatedReaderPort(undefined, { deadlines: DEADLINES }));

const clients: ReaderServiceClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function supervised(): {
  client: ReaderServiceClient;
  processes: FakeServiceProcess<SimulatedReaderPort>[];
  events: ReaderEvent[];
  logs: string[];
} {
  const processes: FakeServiceProcess<SimulatedReaderPort>[] = [];
  const events: ReaderEvent[] = [];
  const logs: string[] = [];
  const client = new ReaderServiceClient({
    spawn: () => {
      const fake = serviceInMemory();
      processes.push(fake);
      return fake;
    },
    heartbeat: { intervalMs: 20, timeoutMs: 60 },
    requestTimeoutMs: 200,
    backoff: { initialMs: 10, maxMs: 40 },
    log: (line) => logs.push(line),
  });
  client.on('event', (event) => events.push(event));
  clients.push(client);
  client.start();
  return { client, processes, events, logs };
}

describe('the card service client', () => {
  it('passes reader events and card commands through the process boundary', async () => {
    const { client, processes, events } = supervised();
    const service = processes[0];
    if (!service) throw new Error('not spawned');
    service.port.reader.insert(await createEmulatedCard('default'));
    await until(() => events.some((event) => event.type === 'card-inserted'));
    expect(client.snapshot().readers).toEqual([{ name: 'Simulated reader 0', card: 'present', atr: '3BE000FF8131FE4514' }]);
    const connection = await client.connect('Simulated reader 0', { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);
    expect(await new JpkiSession(connection.value).pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await client.connect('Simulated reader 0', { exclusive: true })).toEqual({ ok: false, error: 'in-use' });
  });

  it('reports a crash as the service down with the card gone, restarts it, and keeps old connections dead', async () => {
    const { client, processes, events } = supervised();
    processes[0]?.port.reader.insert(await createEmulatedCard('default'));
    await until(() => events.some((event) => event.type === 'card-inserted'));
    const connection = await client.connect('Simulated reader 0', { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);

    processes[0]?.crash();
    expect(events.slice(-2)).toEqual([
      { type: 'reader-detached', reader: 'Simulated reader 0' },
      { type: 'service', available: false, detail: 'card service killed by SIGSEGV' },
    ]);
    // Not seen leaving: the card may still be in the reader.
    expect(events).toContainEqual({ type: 'card-removed', reader: 'Simulated reader 0', outage: true });
    expect(client.snapshot()).toMatchObject({ serviceAvailable: false, readers: [] });
    expect(await connection.value.transmit(Uint8Array.of(0, 0xa4, 4, 0x0c))).toEqual({ ok: false, error: 'reader-unavailable' });

    await until(() => processes.length === 2);
    processes[1]?.port.reader.insert(await createEmulatedCard('default'));
    await until(() => client.snapshot().readers.length === 1);
    expect(client.restarts).toBe(1);
  });

  it('does not take a crash of the card service while the card is being returned for the customer taking it', async () => {
    const { client, processes } = supervised();
    const card = await createEmulatedCard('default');
    processes[0]?.port.reader.insert(card);
    await until(() => client.snapshot().readers[0]?.card === 'present');
    const guard = new PresenceGuard(client, 'Simulated reader 0', { settleMs: 50 });
    const mechanics: MechanicsEvent[] = [];
    guard.on('event', (event) => mechanics.push(event));
    await guard.eject(); // 「カードをお取りください」: the card is still in the reader

    processes[0]?.crash();
    await until(() => processes.length === 2);
    processes[1]?.port.reader.insert(card); // the restarted service finds the card where it was
    await until(() => client.snapshot().readers[0]?.card === 'present');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The audit must not say card-returned while the card is still in the reader.
    expect(mechanics).toEqual([]);

    processes[1]?.port.reader.remove();
    await until(() => mechanics.length > 0);
    expect(mechanics).toEqual([{ type: 'card-taken' }]);
    guard.dispose();
  });

  it('kills and restarts a service that stops answering its heartbeat', async () => {
    const { processes, events, logs } = supervised();
    await until(() => processes.length === 1);
    const first = processes[0];
    if (!first) throw new Error('not spawned');
    first.hung = true;
    await until(() => processes.length === 2);
    expect(first.killed).toBe(true);
    expect(events).toContainEqual({ type: 'service', available: false, detail: 'card service not answering' });
    expect(logs).toContain('card service not answering; restarting it');
  });

  it('reports a card that stops answering as unresponsive, not as removed, and keeps the service running', async () => {
    const { client, processes, events, logs } = supervised();
    const service = processes[0];
    if (!service) throw new Error('not spawned');
    service.port.reader.insert(await createEmulatedCard('default', { silentAt: 'read' }));
    await until(() => client.snapshot().readers[0]?.card === 'present');
    const guard = new PresenceGuard(client, 'Simulated reader 0', { settleMs: 50 });
    const mechanics: MechanicsEvent[] = [];
    guard.on('event', (event) => mechanics.push(event));
    const connection = await client.connect('Simulated reader 0', { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);
    guard.hold();
    const from = events.length;

    // The card hangs inside a command while the service's main thread goes on answering pings.
    expect(await new JpkiSession(connection.value).readAuthCertificate()).toEqual({ ok: false, error: { kind: 'card-unresponsive' } });
    await connection.value.disconnect('reset');
    await new Promise((resolve) => setTimeout(resolve, 300)); // several heartbeats and request timeouts
    expect(processes).toHaveLength(1);
    expect(client.restarts).toBe(0);
    expect(events.slice(from)).toEqual([]);
    expect(mechanics).toEqual([]);
    expect(logs).toEqual([]);

    // Given back and taken out: that is a removal, seen as one.
    await guard.eject();
    service.port.reader.remove();
    await until(() => mechanics.length > 0);
    expect(events.slice(from)).toEqual([{ type: 'card-removed', reader: 'Simulated reader 0' }]);
    expect(mechanics).toEqual([{ type: 'card-taken' }]);
    guard.dispose();
  });

  it('treats a service that stops answering in the middle of a command as a hang', async () => {
    const { client, processes, events } = supervised();
    const service = processes[0];
    if (!service) throw new Error('not spawned');
    service.port.reader.insert(await createEmulatedCard('default'));
    await until(() => client.snapshot().readers[0]?.card === 'present');
    const connection = await client.connect('Simulated reader 0', { exclusive: true });
    if (!connection.ok) throw new Error(connection.error);
    const transmitted = connection.value.transmit(Uint8Array.of(0, 0xa4, 4, 0x0c, 1, 0xd3));
    service.hung = true; // neither the command nor a ping comes back
    expect(await transmitted).toEqual({ ok: false, error: 'reader-unavailable' });
    await until(() => processes.length === 2);
    expect(events).toContainEqual({ type: 'card-removed', reader: 'Simulated reader 0', outage: true });
  });

  it('ignores malformed messages from the service', async () => {
    const { client, processes, logs } = supervised();
    await until(() => processes.length === 1);
    processes[0]?.say({ kind: 'event', event: { type: 'card-inserted', reader: 'x', atr: 'not hex' } });
    processes[0]?.say('garbage');
    processes[0]?.say({ kind: 'response', id: 'x', ok: true });
    expect(client.snapshot().readers).toEqual([]);
    expect(logs.filter((line) => line.includes('invalid message'))).toHaveLength(3);
  });

  it('backs off a service that crashes right after starting, instead of restarting it in a tight loop', async () => {
    const starts: number[] = [];
    const client = new ReaderServiceClient({
      spawn: () => {
        starts.push(Date.now());
        const fake = serviceInMemory();
        setTimeout(() => fake.crash(), 5); // answers a ping, then dies
        return fake;
      },
      heartbeat: { intervalMs: 1, timeoutMs: 200 },
      backoff: { initialMs: 20, maxMs: 160, stableMs: 10_000 },
    });
    clients.push(client);
    client.start();
    await until(() => starts.length >= 5, 'five starts', 5000);
    const gaps = starts.slice(1).map((at, i) => at - (starts[i] ?? 0));
    // Each gap is the crash delay plus a doubling backoff: 20, 40, 80, 160 ms.
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(gaps[3]).toBeGreaterThanOrEqual(160);
  });
});
