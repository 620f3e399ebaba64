// A desk reader cannot hold the card: any sign that it left while held ends the session.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakePcscContext } from '../../test/support/fake-pcsclite.ts';
import { until } from '../../test/support/until.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../devkit/emulator/simulated-reader-port.ts';
import { PcscReaderPort } from '../pcsc/pcsc-reader-port.ts';
import type { MechanicsEvent } from './card-mechanics.ts';
import type { ReaderEvent, ReaderSnapshot } from './reader-events.ts';
import { PresenceGuard } from './presence-guard.ts';
import { ReaderServiceClient } from './reader-service-client.ts';
import { serveReaderPort } from './reader-service-host.ts';

async function guarded(): Promise<{ port: SimulatedReaderPort; guard: PresenceGuard; events: MechanicsEvent[] }> {
  const port = new SimulatedReaderPort();
  port.reader.insert(await createEmulatedCard('default'));
  const guard = new PresenceGuard(port, port.reader.name);
  const events: MechanicsEvent[] = [];
  guard.on('event', (event) => events.push(event));
  return { port, guard, events };
}

describe('the presence guard of a desk reader', () => {
  it('reports a card pulled out while held', async () => {
    const { port, guard, events } = await guarded();
    guard.hold();
    port.reader.remove();
    expect(events).toEqual([{ type: 'held-card-removed' }]);
  });

  it('treats the card service going down while held as the card lost, though not seen leaving', async () => {
    const { port, guard, events } = await guarded();
    guard.hold();
    port.emit('event', { type: 'service', available: false, detail: 'card service not answering' });
    expect(events).toEqual([{ type: 'held-card-removed', outage: true }]);
  });

  it('tells a held card pulled out from one lost with its reader or pcscd', async () => {
    for (const [away, outage] of [
      [(port: SimulatedReaderPort) => port.reader.remove(), false],
      [(port: SimulatedReaderPort) => port.reader.unplug(), true],
      [(port: SimulatedReaderPort) => port.loseService(), true],
    ] as const) {
      const { port, guard, events } = await guarded();
      guard.hold();
      away(port);
      expect(events).toEqual([outage ? { type: 'held-card-removed', outage } : { type: 'held-card-removed' }]);
    }
  });

  it('reports the card taken after it was returned, and nothing before holding', async () => {
    const { port, guard, events } = await guarded();
    await guard.eject();
    expect(events).toEqual([]);
    port.reader.remove();
    expect(events).toEqual([{ type: 'card-taken' }]);
  });

  it('ignores other readers and cannot retain a card', async () => {
    const { port, guard, events } = await guarded();
    guard.hold();
    port.emit('event', { type: 'card-removed', reader: 'Another reader' });
    expect(events).toEqual([]);
    expect(await guard.retain()).toBe(false);
  });

  it('reports a card pulled out before the hold began', async () => {
    const { port, guard, events } = await guarded();
    port.reader.remove();
    guard.hold();
    expect(events).toEqual([{ type: 'held-card-removed' }]);
  });

  it('gives back a card while its reader is away without taking that for the card being taken: the reader tells once it is back', async () => {
    const { port, guard, events } = await guarded();
    guard.hold();
    port.loseService(); // pcscd restarts: the session ends, the card is to be given back
    const lost = { type: 'held-card-removed', outage: true };
    expect(events).toEqual([lost]);
    await guard.eject();
    expect(events).toEqual([lost]); // nobody knows where the card is yet
    port.restoreService();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([lost]); // still in: reported with the reader
    port.reader.remove();
    expect(events).toEqual([lost, { type: 'card-taken' }]);
  });

  it('once the reader is back without the card, reports the card given back during the outage as taken', async () => {
    const port = new SimulatedReaderPort();
    port.reader.insert(await createEmulatedCard('default'));
    const guard = new PresenceGuard(port, port.reader.name, { settleMs: 10 });
    const events: MechanicsEvent[] = [];
    guard.on('event', (event) => events.push(event));
    port.reader.unplug();
    await guard.eject();
    port.reader.remove(); // taken out of the unplugged reader: nobody sees it go
    expect(events).toEqual([]);
    port.reader.plugIn();
    await until(() => events.length > 0);
    expect(events).toEqual([{ type: 'card-taken' }]);
  });

  it('does not take an outage while returning for the card being taken, but notices an empty reader once it is back', async () => {
    // A port whose snapshot the test sets, so the card can vanish while nobody reports it.
    let card: 'present' | 'empty' = 'present';
    const port = Object.assign(new EventEmitter<{ event: [ReaderEvent] }>(), {
      snapshot: (): ReaderSnapshot => ({ serviceAvailable: true, detail: '', readers: [{ name: 'R', card }] }),
      connect: () => Promise.resolve({ ok: false as const, error: 'no-card' as const }),
      close: () => Promise.resolve(),
    });
    const guard = new PresenceGuard(port, 'R', { settleMs: 10 });
    const events: MechanicsEvent[] = [];
    guard.on('event', (event) => events.push(event));
    await guard.eject();
    port.emit('event', { type: 'service', available: false, detail: 'pcscd stopped' });
    port.emit('event', { type: 'reader-detached', reader: 'R' });
    port.emit('event', { type: 'reader-attached', reader: 'R' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual([]); // back, and the card is still in
    port.emit('event', { type: 'service', available: false, detail: 'pcscd stopped' });
    card = 'empty'; // taken while pcscd was down: no removal was ever reported
    port.emit('event', { type: 'reader-attached', reader: 'R' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual([{ type: 'card-taken' }]);
  });
});

describe('the presence guard behind the card service', () => {
  const ATR = '3BE000FF8131FE4514';

  it('does not take a pcscd restart while the card is being returned for the customer taking it', async () => {
    // The production chain: the PC/SC port in the card service, the protocol, the client, the guard.
    const contexts: FakePcscContext[] = [];
    const pcsc = new PcscReaderPort({
      createContext: () => {
        const context = new FakePcscContext();
        contexts.push(context);
        return context;
      },
      backoff: { initialMs: 20, maxMs: 20 },
    });
    let toService: ((message: unknown) => void) | undefined;
    let toClient: ((message: unknown) => void) | undefined;
    serveReaderPort(pcsc, {
      send: (message) => queueMicrotask(() => toClient?.(structuredClone(message))),
      onMessage: (listener) => (toService = listener),
    });
    const client = new ReaderServiceClient({
      spawn: () => ({
        send: (message) => queueMicrotask(() => toService?.(structuredClone(message))),
        onMessage: (listener) => (toClient = listener),
        onExit: () => undefined,
        kill: () => undefined,
      }),
      heartbeat: { intervalMs: 50, timeoutMs: 1000 },
    });
    client.start();
    pcsc.start();
    try {
      contexts[0]?.attach('R').status(0x20, 1, ATR);
      await until(() => client.snapshot().readers[0]?.card === 'present');
      const guard = new PresenceGuard(client, 'R', { settleMs: 50 });
      const events: MechanicsEvent[] = [];
      guard.on('event', (event) => events.push(event));
      await guard.eject(); // 「カードをお取りください」

      // pcscd restarts; the card stays where it is and is reported again once pcscd is back.
      contexts[0]?.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
      await until(() => contexts.length === 2);
      const reader = contexts[1]?.attach('R');
      reader?.status(0x20, 1, ATR);
      await until(() => client.snapshot().readers[0]?.card === 'present');
      await new Promise((resolve) => setTimeout(resolve, 120));
      // The audit must not say card-returned while the card is still in the reader.
      expect(events).toEqual([]);

      reader?.status(0x10, 2);
      await until(() => events.length > 0);
      expect(events).toEqual([{ type: 'card-taken' }]);
      guard.dispose();
    } finally {
      await client.close();
      await pcsc.close();
    }
  });
});
