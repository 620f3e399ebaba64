// Recovery from a crashed session: the retrieval at the gateway follows the same deletion
// rules as every other way out of a session, and nothing of the dead session keeps running.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestKiosk, tuesdayAfternoon } from '../../test/support/kiosk-driver.ts';
import type { Kiosk } from './kiosk.ts';
import type { AuditEventName } from './storage/audit-events.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(now: () => Date): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start({ now, gatewayProcessingMs: 100 });
  kiosks.push(kiosk);
  return kiosk;
}

/**
 * Makes the session crash when it records `event`: the database fails and so does the
 * report of that failure, which is the one way out of the session's own fault handling.
 */
function crashOn(kiosk: Kiosk, event: AuditEventName): void {
  const record = kiosk.audit.record.bind(kiosk.audit);
  vi.spyOn(kiosk.audit, 'record').mockImplementation((entry, ...rest) => {
    if (entry.event === event) throw new Error('database is locked');
    record(entry, ...rest);
  });
  vi.spyOn(kiosk.log, 'warn').mockImplementation(() => {
    throw new Error('disk full');
  });
}

describe('crash recovery', () => {
  it('deletes the retrieval of a session that crashed before 確認', async () => {
    const { now } = tuesdayAfternoon();
    const t = await start(now);
    const { kiosk, gateway } = t;
    await t.toReview();
    expect(gateway.heldRetrievals).toBe(1);
    crashOn(kiosk, 'consent-declined');
    kiosk.send({ type: 'DECLINE' });
    await vi.waitFor(() => expect(kiosk.audit.recent().map((record) => record.event)).toContain('session-crashed'));
    // The customer's income data does not wait at the gateway for a session that is gone.
    await vi.waitFor(() => expect(gateway.heldRetrievals).toBe(0));
  });

  it('leaves nothing of a crashed session watching the reader: a day of crashes does not pile up listeners', async () => {
    const { now } = tuesdayAfternoon();
    const t = await start(now);
    const { kiosk } = t;
    const { port } = t.simulated;
    await t.screen('attract');
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
    const { now, advance } = tuesdayAfternoon();
    const t = await start(now);
    const { kiosk, gateway } = t;
    await t.toReview();
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    crashOn(kiosk, 'submission-queued');
    await t.confirm();
    await vi.waitFor(() => expect(kiosk.audit.recent().map((record) => record.event)).toContain('session-crashed'));
    expect(kiosk.outbox.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a discard to arrive, if one were sent
    vi.restoreAllMocks();
    await kiosk.stop();

    advance(60_000); // past the courier's backoff
    const { kiosk: restarted } = await t.restart();
    expect(restarted.outbox.size).toBe(0);
    expect(gateway.submissions).toHaveLength(1);
  });
});
