// A desk reader cannot hold the card: any sign that it left while held ends the session.
import { describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../emulator/simulated-reader-port.ts';
import type { MechanicsEvent } from './card-mechanics.ts';
import { PresenceGuard } from './presence-guard.ts';

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

  it('treats the card service going down while held as the card leaving', async () => {
    const { port, guard, events } = await guarded();
    guard.hold();
    port.emit('event', { type: 'service', available: false, detail: 'card service not answering' });
    expect(events).toEqual([{ type: 'held-card-removed' }]);
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
});
