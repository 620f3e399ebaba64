// Whole sessions on an XFS4IoT motorised card reader: the kiosk core composed with the
// product's XFS4IoT reader, talking over WebSocket to the device simulator, with the reference
// gateway. The card is drawn in, read and signed with through chip I/O, held until 確認 (the
// customer cannot take it), then returned — or retained when not taken — and every fault of the
// reader ends where the customer is told the truth and staff find the reason in the audit trail.
import { afterEach, describe, expect, it } from 'vitest';
import { TestKiosk, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start({ reader: 'xfs4iot', ...options });
  kiosks.push(kiosk);
  return kiosk;
}

/** From the attract loop to 確認 with the default card. */
async function consent(t: TestKiosk): Promise<void> {
  await t.toReview();
  await t.confirm();
  await t.screen('finishing');
}

const faults = (t: TestKiosk): unknown[] =>
  t.kiosk.audit
    .recent()
    .filter((record) => record.event === 'reader-fault')
    .map((record) => record.detail?.fault);

// Each test walks a whole session over WebSocket (the first also makes the test PKI's cards).
describe('a whole session on the XFS4IoT reader', { timeout: 15_000 }, () => {
  it('accepts the card, reads it and signs through chip I/O, holds it until 確認, and returns it', async () => {
    const t = await start();
    const { gateway } = t;
    const { device } = t.xfs4iot;
    await t.toInsertCard();
    await until(() => device.accepting, 'the intake opens when the kiosk asks for the card');
    await t.insert('default');
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 3 });
    expect(device.media).toBe('present');
    await t.typePin('1234');
    await t.screen('review');
    // Held in the transport: the customer cannot take the card back before 確認.
    expect(device.take()).toBe(false);
    expect(device.media).toBe('present');
    const apdus = device.apduCount;
    expect(apdus).toBeGreaterThan(10);

    await t.confirm();
    await t.screen('finishing');
    // ※5: the card was read again (its certificate) before consent counted, through the chip.
    expect(device.apduCount).toBeGreaterThan(apdus);
    await until(() => device.media === 'entering', 'the card at the exit');
    expect(device.take()).toBe(true);
    expect(await t.screen('complete')).toMatchObject({
      submission: { status: 'delivered', receiptId: gateway.submissions[0]?.receipt.receiptId },
    });
    expect(gateway.submissions).toHaveLength(1);
    expect(t.lastSession().events).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'authenticated',
      'consent-given',
      'submitted',
      'card-returned',
      'session-completed',
    ]);
    expect(faults(t)).toEqual([]);
  });

  it('retains the card when it is not taken from the exit, and the bin counts it', async () => {
    const t = await start({ delays: { cardTake: 300 } });
    await consent(t);
    await t.screen('complete', 5000);
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('card-retained');
    expect(t.xfs4iot.device.retainedCount).toBe(1);
    expect(t.xfs4iot.device.media).toBe('notPresent');
    expect(t.lastSession().events).toContain('card-retained');
    // 取込カード管理簿: the card in the register at the place the retain unit counted it.
    expect(t.kiosk.maintenance.register.all()).toEqual([
      expect.objectContaining({ reason: 'not-taken', binPosition: 1, status: 'open', session: t.lastSession().ids[0] }),
    ]);
  });

  it('gives the card back when the customer cancels at the PIN, and draws the next card in', async () => {
    const t = await start();
    await t.toPin();
    await t.screen('pin');
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    await until(() => t.xfs4iot.device.media === 'entering', 'the card at the exit');
    t.take();
    await t.screen('attract');
    await t.toPin('one-try-left');
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 1 });
  });
});

describe('faults of the XFS4IoT reader in a session', { timeout: 15_000 }, () => {
  it('a card jammed on its way out: the customer is told at once that the reader keeps it, staff find the jam, and the kiosk waits out of service until it is freed', async () => {
    // The take timeout is long: the customer must not be asked to take a card that is stuck.
    const t = await start({ delays: { cardTake: 30_000, completeScreen: 300 } });
    t.xfs4iot.device.jamNextMove();
    await consent(t);
    await t.screen('card-retained', 5000);
    expect(t.xfs4iot.device.media).toBe('jammed');
    expect(faults(t)).toEqual(['jam']);
    expect(t.lastSession().events).toEqual(expect.arrayContaining(['consent-given', 'card-retained', 'session-completed']));
    // The submission went through all the same.
    expect(t.gateway.submissions).toHaveLength(1);
    t.kiosk.send({ type: 'DISMISS' });
    expect(await t.screen('out-of-service')).toMatchObject({ reason: 'no-reader' });
    t.xfs4iot.device.clearJam();
    // Freed, the card goes into the retain unit, not to whoever stands at the slot.
    await until(() => t.xfs4iot.device.retainedCount === 1, 'the kept card is retained');
    await t.screen('attract');
  });

  it('a full retain unit: a card not taken is left at the exit for staff, and the reason is recorded', async () => {
    const t = await start({ delays: { cardTake: 300, completeScreen: 300 } });
    t.xfs4iot.device.fillRetainUnit();
    await consent(t);
    await t.screen('card-left-behind', 5000);
    expect(t.xfs4iot.device.media).toBe('entering');
    expect(faults(t)).toContain('retain-bin-full');
    // Staff see how full the unit is.
    expect(t.kiosk.audit.recent().find((record) => record.event === 'reader-fault')?.detail).toEqual({
      fault: 'retain-bin-full',
      binCount: 50,
    });
    expect(t.lastSession().events).toContain('card-left-behind');
    // Taken from the exit by whoever: the kiosk waits for staff to record what became of it (kiosk-kept-cards.test.ts).
    t.take();
    expect(await t.screen('out-of-service')).toMatchObject({ notice: 'card-left-behind' });
    t.kiosk.maintenance.control.unlockCard();
    await t.screen('attract');
  });

  it('the reader gone in the middle of a session: nothing is signed, the card is kept for staff, the kiosk is out of service until the reader is back, and then the card goes into the retain unit', async () => {
    const t = await start({ delays: { noticeScreen: 300 } });
    await t.toPin();
    await t.screen('pin');
    t.xfs4iot.setReachable(false);
    await t.typePin('1234');
    await t.screen('card-retained', 8000);
    expect(t.gateway.submissions).toHaveLength(0);
    expect(faults(t)).toContain('offline');
    t.kiosk.send({ type: 'DISMISS' });
    expect(await t.screen('out-of-service')).toMatchObject({ reason: 'no-reader' });
    t.xfs4iot.setReachable(true);
    await until(() => t.xfs4iot.device.retainedCount === 1, 'the kept card is retained once the reader is back', 5000);
    await t.screen('attract');
  });

  it('a card that stops answering mid-command: told so, the card comes back at the exit', async () => {
    const t = await start({ deadlines: { commandMs: 400, disconnectMs: 200 } });
    await t.toPin('unresponsive');
    await t.typePin('1234');
    expect(await t.screen('card-error', 5000)).toMatchObject({ problem: 'unresponsive' });
    await until(() => t.xfs4iot.device.media === 'entering', 'the card at the exit');
    t.take();
    await t.screen('attract');
    expect(t.lastSession().events).toContain('card-rejected');
  });
});
