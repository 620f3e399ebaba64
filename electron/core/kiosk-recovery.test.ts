// Recovery from a crashed session: the retrieval at the gateway follows the same deletion
// rules as every other way out of a session, and nothing of the dead session keeps running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewModel } from '../common/view-model.ts';
import { createEmulatedCard } from '../../native/emulator/emulated-card.ts';
import { SimulatedMotorisedReader } from '../../native/emulator/motorised-reader.ts';
import type { ReferenceGateway } from '../reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../reference-gateway/test-gateway.ts';
import { fromTokyo } from './hours/tokyo-time.ts';
import { Kiosk } from './kiosk.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An ordinary Tuesday afternoon in Japan, running, which a test can move forward. */
function clock(): { now: () => Date; advance: (ms: number) => void } {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  let offset = 0;
  return { now: () => new Date(base + offset + (Date.now() - started)), advance: (ms) => (offset += ms) };
}

async function setUp(now: () => Date): Promise<{ kiosk: Kiosk; gateway: ReferenceGateway; start: () => Promise<Kiosk> }> {
  const gateway = await createTestGateway({ processingMs: 100, now });
  const gatewayUrl = await gateway.listen();
  cleanups.push(() => gateway.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const start = async (): Promise<Kiosk> => {
    const kiosk = await Kiosk.start({ dataDir, gatewayUrl, reader: { kind: 'simulated', mechanics: 'motorised' }, now });
    cleanups.push(() => kiosk.stop());
    return kiosk;
  };
  return { kiosk: await start(), gateway, start };
}

async function screen(kiosk: Kiosk, name: ViewModel['screen'], timeoutMs = 8000): Promise<ViewModel> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = kiosk.view();
    if (view.screen === name) return view;
    if (Date.now() > deadline) throw new Error(`expected screen ${name}, still on ${view.screen}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** From the attract loop to the review screen with the default card. */
async function toReview(kiosk: Kiosk): Promise<string[]> {
  await screen(kiosk, 'attract');
  kiosk.send({ type: 'TOUCH' });
  kiosk.send({ type: 'START' });
  await screen(kiosk, 'service-choice');
  kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
  await screen(kiosk, 'confirmation');
  kiosk.send({ type: 'AGREE' });
  await screen(kiosk, 'insert-card');
  const mechanics = kiosk.simulated?.mechanics;
  if (!(mechanics instanceof SimulatedMotorisedReader)) throw new Error('not the motorised demo reader');
  mechanics.insert(await createEmulatedCard('default'));
  await screen(kiosk, 'pin');
  for (const digit of '1234') kiosk.send({ type: 'DIGIT', digit: Number(digit) });
  kiosk.send({ type: 'SUBMIT_PIN' });
  const review = await screen(kiosk, 'review');
  if (review.screen !== 'review') throw new Error('unreachable');
  return review.items.map((item) => item.id);
}

/**
 * Makes the session crash when it records `event`: the database fails and so does the
 * report of that failure, which is the one way out of the session's own fault handling.
 */
function crashOn(kiosk: Kiosk, event: string): void {
  const record = kiosk.audit.record.bind(kiosk.audit);
  vi.spyOn(kiosk.audit, 'record').mockImplementation((name, ...rest) => {
    if (name === event) throw new Error('database is locked');
    record(name, ...rest);
  });
  vi.spyOn(kiosk.log, 'warn').mockImplementation(() => {
    throw new Error('disk full');
  });
}

describe('crash recovery', () => {
  it('deletes the retrieval of a session that crashed before 確認', async () => {
    const { now } = clock();
    const { kiosk, gateway } = await setUp(now);
    await toReview(kiosk);
    expect(gateway.heldRetrievals).toBe(1);
    crashOn(kiosk, 'consent-declined');
    kiosk.send({ type: 'DECLINE' });
    await vi.waitFor(() => expect(kiosk.audit.recent().map((record) => record.event)).toContain('session-crashed'));
    // The customer's income data does not wait at the gateway for a session that is gone.
    await vi.waitFor(() => expect(gateway.heldRetrievals).toBe(0));
  });

  it('leaves nothing of a crashed session watching the reader: a day of crashes does not pile up listeners', async () => {
    const { now } = clock();
    const { kiosk } = await setUp(now);
    const port = kiosk.simulated?.port;
    if (!port) throw new Error('not the simulated reader');
    await screen(kiosk, 'attract');
    const watching = port.listenerCount('event');
    crashOn(kiosk, 'session-started');
    for (let crash = 1; crash <= 3; crash += 1) {
      // Touched again until the new session, started after the card is given back, crashes too.
      await vi.waitFor(() => {
        kiosk.send({ type: 'TOUCH' });
        expect(kiosk.audit.recent().filter((record) => record.event === 'session-crashed')).toHaveLength(crash);
      });
    }
    // Only the running session's watcher: a dead one would also react to the next card.
    await vi.waitFor(() => expect(port.listenerCount('event')).toBe(watching));
  });

  it('keeps the retrieval of a session that crashed after 確認, so its queued submission still reaches the bank', async () => {
    const { now, advance } = clock();
    const { kiosk, gateway, start } = await setUp(now);
    const items = await toReview(kiosk);
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    crashOn(kiosk, 'submission-queued');
    kiosk.send({ type: 'CONFIRM', itemIds: items });
    await vi.waitFor(() => expect(kiosk.audit.recent().map((record) => record.event)).toContain('session-crashed'));
    expect(kiosk.outbox.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a discard to arrive, if one were sent
    vi.restoreAllMocks();
    await kiosk.stop();

    advance(60_000); // past the courier's backoff
    const restarted = await start();
    expect(restarted.outbox.size).toBe(0);
    expect(gateway.submissions).toHaveLength(1);
  });
});
