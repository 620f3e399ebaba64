// Whole sessions on a motorised reader whose motor is driven through XFS4IoT while its chip
// contacts are a PC/SC reader: the kiosk core composed with the product's reader for it (the
// supervised card service on the real pcscd, the motor over WebSocket), the device simulator
// without a chip module putting the emulated card on vpcd's "Virtual PCD 00 01" while the card
// is in the transport, and the reference gateway. The card is held until 確認 (a take is
// refused), PC/SC loses the chip as the card leaves the contacts but only the customer's
// taking it from the exit counts as taken, a card not taken is retained, and the chip reader
// going away (or losing the chip) while the motor holds the card ends with the truth on screen,
// the card given back and the reason in the audit trail for staff.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { TestKiosk, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { until } from '../../test/support/until.ts';
import { PcscReaderPort } from '../../native/pcsc/pcsc-reader-port.ts';
import { forkReaderService, type ServiceProcess } from '../../native/reader/reader-service-client.ts';

const CHIP_READER = 'Virtual PCD 00 01';
const VPCD_PORT = 35964;

describeWhenAvailable('a whole session on a motorised reader with its chip on PC/SC', await probePcscWithVpcd(), () => {
  /** pcscd's own view of the chip reader, as any PC/SC application sees it. */
  let observer: PcscReaderPort;
  const kiosks: TestKiosk[] = [];

  beforeAll(() => {
    observer = new PcscReaderPort();
    observer.start();
  });
  // Each kiosk stops with its test: its simulator takes the card off vpcd for the next one.
  afterEach(async () => {
    for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
  });
  afterAll(() => observer.close());

  async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
    // The last test's card has left vpcd: this one starts with the chip reader empty.
    await until(() => chip() === 'empty', 'the chip reader is empty', 10_000);
    const kiosk = await TestKiosk.start({ reader: 'xfs4iot', chip: { name: CHIP_READER, vpcdPort: VPCD_PORT }, ...options });
    kiosks.push(kiosk);
    await kiosk.screen('attract', 15_000);
    return kiosk;
  }

  const chip = (): string | undefined => observer.snapshot().readers.find((reader) => reader.name === CHIP_READER)?.card;

  const faults = (t: TestKiosk): unknown[] =>
    t.kiosk.audit
      .recent()
      .filter((record) => record.event === 'reader-fault')
      .map((record) => record.detail?.fault);

  it('reads and signs over PC/SC, holds the card until 確認 (a take is refused), and counts it taken only when the customer takes it from the exit', async () => {
    const t = await start();
    const { device } = t.xfs4iot;
    await t.toInsertCard();
    await t.insert('default');
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 3 });
    expect(chip()).toBe('present');
    await t.typePin('1234');
    await t.screen('review');
    // Held in the transport: the customer cannot take the card back before 確認.
    expect(device.take()).toBe(false);
    expect(device.media).toBe('present');

    await t.confirm();
    await t.screen('finishing');
    // The card left the contacts: pcscd reports the chip reader empty while the card waits at the exit.
    await until(() => device.media === 'entering' && chip() === 'empty', 'the card at the exit, its chip gone from PC/SC', 8000);
    await sleep(1000);
    expect(t.kiosk.view().screen).toBe('finishing');
    expect(t.lastSession().events).not.toContain('card-returned');

    expect(device.take()).toBe(true);
    expect(await t.screen('complete')).toMatchObject({
      submission: { status: 'delivered', receiptId: t.gateway.submissions[0]?.receipt.receiptId },
    });
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
    // Every APDU went through PC/SC: the service was never asked for chip I/O.
    expect(device.apduCount).toBe(0);
    expect(faults(t)).toEqual([]);
  });

  it('gives the card back when the customer cancels, waits for it to be taken although PC/SC lost it, and retains the next card when it is not taken', async () => {
    const t = await start({ delays: { cardTake: 1500 } });
    const { device } = t.xfs4iot;
    await t.toPin();
    await t.screen('pin');
    t.kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    await until(() => device.media === 'entering' && chip() === 'empty', 'the card at the exit, its chip gone from PC/SC', 8000);
    await sleep(500);
    expect(t.kiosk.view().screen).toBe('returning-card');
    t.take();
    await t.screen('attract');
    expect(t.lastSession().events).toContain('card-returned');

    // The next customer confirms and walks away without the card.
    await t.toReview();
    await t.confirm();
    await t.screen('complete', 10_000);
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('card-retained', 5000);
    expect(device.retainedCount).toBe(1);
    expect(device.media).toBe('notPresent');
    expect(chip()).toBe('empty');
    expect(t.lastSession().events).toContain('card-retained');
  });

  it('the PC/SC chip reader gone while the motor holds the card (its card service killed): nothing is signed, the customer is told the card could not be read, the card comes back at the exit, and staff find why', async () => {
    const services: ServiceProcess[] = [];
    const t = await start({
      spawnCardService: () => {
        const child = forkReaderService();
        services.push(child);
        return child;
      },
    });
    await t.toPin();
    await t.screen('pin');
    services.at(-1)?.kill();
    await t.typePin('1234');
    expect(await t.screen('card-error', 10_000)).toMatchObject({ problem: 'unresponsive' });
    await until(() => t.xfs4iot.device.media === 'entering', 'the card at the exit', 8000);
    t.take();
    await t.screen('attract', 10_000);
    expect(t.gateway.submissions).toHaveLength(0);
    expect(faults(t)).toEqual(['chip-reader']);
    expect(t.lastSession().events).toEqual(expect.arrayContaining(['card-rejected', 'card-returned']));
    expect(t.lastSession().events).not.toContain('card-removed');
    expect(t.lastSession().events).not.toContain('authenticated');
    // The card service is back: the next customer's card is read.
    await t.toPin();
    expect(await t.screen('pin', 15_000)).toMatchObject({ triesLeft: 3 });
  });

  it('the chip lost from the contacts after retrieval: the swap check cannot read the card, so nothing is provided, and the card is given back (never "removed" or "swapped")', async () => {
    const t = await start();
    await t.toReview();
    await t.xfs4iot.device.loseChip();
    await until(() => chip() === 'empty', 'PC/SC reports the chip gone', 8000);
    await t.confirm();
    expect(await t.screen('card-error', 10_000)).toMatchObject({ problem: 'unresponsive' });
    expect(t.gateway.submissions).toHaveLength(0);
    await until(() => t.xfs4iot.device.media === 'entering', 'the card at the exit', 8000);
    t.take();
    await t.screen('attract');
    const { events } = t.lastSession();
    expect(events).not.toContain('consent-given');
    expect(events).not.toContain('card-removed');
    expect(events).not.toContain('card-swapped');
    expect(faults(t)).toEqual(['chip-reader']);
  });

  it('faults of the motor end as on the XFS4IoT reader: a jam keeps the card for staff; the motor gone mid-session stops the session and keeps the card until it is back', async () => {
    const t = await start({ delays: { cardTake: 30_000, completeScreen: 300, noticeScreen: 300 } });
    const { device } = t.xfs4iot;
    device.jamNextMove();
    await t.toReview();
    await t.confirm();
    await t.screen('card-retained', 8000);
    expect(device.media).toBe('jammed');
    expect(chip()).toBe('empty');
    expect(t.gateway.submissions).toHaveLength(1);
    device.clearJam();
    await until(() => device.retainedCount === 1, 'the kept card is retained once freed', 8000);
    await t.screen('attract', 8000);

    await t.toPin();
    await t.screen('pin');
    t.xfs4iot.setReachable(false);
    await t.typePin('1234');
    await t.screen('card-retained', 8000);
    expect(t.gateway.submissions).toHaveLength(1);
    expect(faults(t)).toEqual(['jam', 'offline']);
    t.kiosk.send({ type: 'DISMISS' });
    expect(await t.screen('out-of-service')).toMatchObject({ reason: 'no-reader' });
    t.xfs4iot.setReachable(true);
    await until(() => device.retainedCount === 2, 'the kept card is retained once the motor is back', 8000);
    await t.screen('attract', 8000);
  });
});
