// The simulated motorised reader keeps the card out of reach while held, returns it to the
// slot, and captures a card left there.
import { describe, expect, it } from 'vitest';
import type { MechanicsEvent } from '../../reader/card-mechanics.ts';
import { createEmulatedCard } from './emulated-card.ts';
import { SimulatedMotorisedReader } from './motorised-reader.ts';
import { SimulatedReader } from './simulated-reader.ts';

async function motorised(): Promise<{ reader: SimulatedReader; mechanics: SimulatedMotorisedReader; events: MechanicsEvent[] }> {
  const reader = new SimulatedReader();
  const mechanics = new SimulatedMotorisedReader(reader);
  const events: MechanicsEvent[] = [];
  mechanics.on('event', (event) => events.push(event));
  mechanics.accept();
  expect(mechanics.insert(await createEmulatedCard('default'))).toBe(true);
  return { reader, mechanics, events };
}

describe('the simulated motorised reader', () => {
  it('draws the card onto the contacts and refuses to let it be taken while inside', async () => {
    const { reader, mechanics } = await motorised();
    mechanics.hold();
    expect(reader.card).toBeDefined();
    expect(mechanics.holding).toBe(true);
    expect(mechanics.take()).toBe(false);
    expect(reader.card).toBeDefined();
  });

  it('presents the card at the slot on eject, where the customer takes it', async () => {
    const { reader, mechanics, events } = await motorised();
    mechanics.hold();
    await mechanics.eject();
    expect(reader.card).toBeUndefined();
    expect(mechanics.position).toBe('at-slot');
    expect(mechanics.take()).toBe(true);
    expect(events).toEqual([{ type: 'card-taken' }]);
  });

  it('captures a card left at the slot into its bin, and staff can collect it', async () => {
    const { mechanics, events } = await motorised();
    await mechanics.eject();
    expect(await mechanics.retain()).toBe(true);
    expect(events).toEqual([{ type: 'card-retained', binCount: 1 }]);
    expect(mechanics.take()).toBe(false);
    expect(mechanics.position).toBe('none');
    expect(mechanics.retainedCount).toBe(1);
    expect(mechanics.collectRetained()).toHaveLength(1);
    expect(mechanics.retainedCount).toBe(0);
  });

  it('takes a card in only while the kiosk asks for one, and no card while one is inside', async () => {
    const reader = new SimulatedReader();
    const mechanics = new SimulatedMotorisedReader(reader);
    expect(mechanics.insert(await createEmulatedCard('default'))).toBe(false);
    mechanics.accept();
    expect(mechanics.insert(await createEmulatedCard('default'))).toBe(true);
    mechanics.accept();
    expect(mechanics.insert(await createEmulatedCard('slow'))).toBe(false);
    await mechanics.retain();
    // A retained card is in the bin, not in the way: the next customer's card goes in.
    mechanics.accept();
    expect(mechanics.insert(await createEmulatedCard('slow'))).toBe(true);
    expect(mechanics.retainedCount).toBe(1);
  });
});
