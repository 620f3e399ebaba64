// Deleting what was obtained for a session that ended unprovided, as a running kiosk does it:
// queued in the kiosk's database, asked of the gateway until it confirms (also after a
// restart), and told to the customer as deleted only once the gateway has confirmed it.
import { afterEach, describe, expect, it } from 'vitest';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

/** Past any backoff of the deleter. */
const LATER = 10 * 60_000;

describe('durable deletion of a retrieval', () => {
  it('says deletion was requested while the gateway fails to confirm, and deleted once it does, while the screen is up', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now, deletionIntervalMs: 50 });
    const { kiosk, gateway } = t;
    gateway.faults.inject('discard', { kind: 'status', status: 503 }, 1000);
    await t.toReview();
    kiosk.send({ type: 'DECLINE' });
    expect(await t.screen('returning-card')).toMatchObject({ reason: 'declined', deletion: 'requested' });
    await until(() => gateway.requestCount('discard') > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kiosk.view()).toMatchObject({ screen: 'returning-card', deletion: 'requested' });
    expect(kiosk.deleter.pending).toBe(1);
    expect(gateway.heldRetrievals).toBe(1);

    // The gateway answers again: the next round deletes it, and the screen still up says so.
    gateway.faults.clear();
    advance(LATER);
    await until(() => {
      const view = kiosk.view();
      return view.screen === 'returning-card' && view.deletion === 'confirmed';
    }, 'the confirmation on the screen still up');
    expect(gateway.heldRetrievals).toBe(0);
    expect(kiosk.deleter.pending).toBe(0);
    t.take();
    await t.screen('attract');
  });

  it('survives a restart: the next kiosk asks again until the gateway confirms, and the queue is empty', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now, deletionIntervalMs: 50 });
    const { kiosk, gateway } = t;
    gateway.faults.inject('discard', { kind: 'status', status: 503 }, 10_000);
    await t.toReview();
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    const retrieval = kiosk.audit.recent().findLast((record) => record.event === 'authenticated')?.detail?.retrieval;
    t.take();
    await t.screen('attract');
    await until(() => gateway.requestCount('discard') > 0);
    await kiosk.stop();
    expect(gateway.heldRetrievals).toBe(1);

    // A new kiosk process on the same data, while the gateway still fails.
    advance(LATER);
    const { kiosk: restarted } = await t.restart();
    expect(restarted.deleter.pending).toBe(1);
    expect(restarted.audit.recent().findLast((record) => record.event === 'kiosk-started')?.detail).toMatchObject({ deletions: 1 });
    const asked = gateway.requestCount('discard');
    await until(() => gateway.requestCount('discard') > asked);
    expect(restarted.deleter.pending).toBe(1);

    // The gateway recovers: confirmed, recorded, and nothing left to ask.
    gateway.faults.clear();
    advance(LATER);
    await until(() => restarted.deleter.pending === 0);
    expect(gateway.heldRetrievals).toBe(0);
    expect(restarted.audit.recent().filter((record) => record.event === 'retrieval-deleted')).toMatchObject([{ detail: { retrieval } }]);
  });
});
