// The kiosk on a desk reader as the product composes one: the card service client, the card
// service process (in memory, serving the simulated reader instead of pcscd) and the presence
// guard. What a customer and the audit trail are told when the reader or its service goes away.
import { afterEach, describe, expect, it } from 'vitest';
import { TestKiosk } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: { gatewayTimeoutMs?: number } = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start({
    reader: 'card-service',
    gatewayProcessingMs: 0,
    healthIntervalMs: 100,
    pcsc: { settleMs: 50, cardService: { backoff: { initialMs: 20, maxMs: 100 } } },
    ...(options.gatewayTimeoutMs ? { gatewayClient: { timeoutMs: options.gatewayTimeoutMs } } : {}),
  });
  kiosks.push(kiosk);
  // The start-up self-test records its outcome once the reader first answers: wait for it, so
  // what a test records next is all the test's own.
  await until(() => kiosk.kiosk.audit.recent().some((record) => record.event === 'self-test'), 'the start-up self-test');
  return kiosk;
}

const events = (t: TestKiosk): string[] =>
  t.kiosk.audit
    .recent()
    .map((record) => [record.event, record.detail?.reason ?? record.detail?.cause].filter((part) => part !== undefined).join(':'));

// Timers of the card service's supervision and the presence guard run for real: room under load.
describe('a kiosk on a desk reader behind the card service', { timeout: 20_000 }, () => {
  it('records in the audit trail the reader going away and coming back: pcscd, the card service, the reader itself', async () => {
    const t = await start();
    await t.screen('attract');
    const from = events(t).length;
    const availableAtStart = events(t).filter((event) => event.startsWith('reader-available')).length;
    // Counted, not the last event: right after a crash the last event is still the previous return.
    let returns = 0;
    const back = (): Promise<void> => {
      returns += 1;
      const returned = (): number => events(t).filter((event) => event.startsWith('reader-available')).length - availableAtStart;
      return until(() => returned() === returns, 'the reader back');
    };

    t.cardService.current.port.loseService();
    t.cardService.current.port.restoreService();
    await back();
    t.cardService.current.crash();
    await back();
    t.reader.unplug();
    t.reader.plugIn();
    await back();
    // Meanwhile nobody could be served.
    expect(events(t).slice(from)).toEqual([
      'reader-unavailable',
      'out-of-service:no-reader',
      'reader-available:service',
      'reader-unavailable',
      'out-of-service:no-reader',
      'reader-available:service',
      'reader-unavailable',
      'out-of-service:no-reader',
      'reader-available:detached',
    ]);
  });

  it('records why it went out of service: a gateway that fails is told apart from a reader that went away', async () => {
    const t = await start();
    await t.screen('attract');
    const from = events(t).length;
    t.gateway.faults.inject('*', { kind: 'status', status: 500 }, Number.POSITIVE_INFINITY);
    expect(await t.screen('out-of-service')).toMatchObject({ reason: 'gateway-down' });
    t.gateway.faults.clear();
    await t.screen('attract');
    expect(events(t).slice(from)).toEqual(['out-of-service:gateway-down']);
  });

  it('goes out of service once for a gateway that stops answering, and back once it answers, however long a health check may take', async () => {
    // Health checked every 100 ms, each allowed 400 ms: the answers of checks sent while the
    // gateway hung must not come back after its recovery and take the kiosk out again.
    const t = await start({ gatewayTimeoutMs: 400 });
    await t.screen('attract');
    const from = events(t).length;
    t.gateway.faults.inject('*', { kind: 'hang' }, Number.POSITIVE_INFINITY);
    await t.screen('out-of-service');
    await new Promise((resolve) => setTimeout(resolve, 500));
    t.gateway.faults.clear();
    await t.screen('attract');
    const screens: string[] = [];
    const stop = t.kiosk.subscribe((view) => screens.push(view.screen));
    await new Promise((resolve) => setTimeout(resolve, 800));
    stop();
    expect(screens).toEqual(['attract']);
    expect(events(t).slice(from)).toEqual(['out-of-service:gateway-down']);
  });

  it.each([
    [
      'pcscd restarts',
      (t: TestKiosk) => t.cardService.current.port.loseService(),
      (t: TestKiosk) => t.cardService.current.port.restoreService(),
    ],
    ['the card service crashes', (t: TestKiosk) => t.cardService.current.crash(), () => undefined],
    ['the reader is unplugged', (t: TestKiosk) => t.reader.unplug(), (t: TestKiosk) => t.reader.plugIn()],
  ])(
    'tells a customer whose card it holds that the reader stopped responding when %s, not that the card was taken, and gives it back',
    async (_, away, back) => {
      const t = await start();
      await t.toPin();
      await t.screen('pin');
      const from = t.kiosk.audit.recent().length;
      away(t);
      expect(await t.screen('reader-lost')).toMatchObject({ canCancel: false });
      back(t);
      await until(() => t.cardService.current.port.snapshot().readers[0]?.card === 'present', 'the reader back with the card');
      await new Promise((resolve) => setTimeout(resolve, 150)); // the reader has settled: the card is still in
      expect(t.kiosk.view().screen).toBe('reader-lost');
      t.take();
      await t.screen('attract');
      const session = t.kiosk.audit
        .recent()
        .slice(from)
        .map((record) => record.event);
      expect(session).toEqual(expect.arrayContaining(['reader-unavailable', 'reader-lost', 'card-returned', 'session-ended']));
      expect(session).not.toContain('card-removed');
    },
  );
});
