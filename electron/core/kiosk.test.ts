// Whole sessions under plain Node: the emulated card in the simulated reader → the session
// machine → the reference gateway over loopback → the bank's receipt, with the audit trail.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewModel } from '../common/view-model.ts';
import { createEmulatedCard } from '../../native/emulator/emulated-card.ts';
import type { CardProfileName } from '../../native/emulator/card-profiles.ts';
import { SimulatedMotorisedReader } from '../../native/emulator/motorised-reader.ts';
import type { SilentAt } from '../../native/emulator/my-number-card.ts';
import type { VirtualCard } from '../../native/emulator/virtual-card.ts';
import { describeCertificate } from '../../native/pki/describe-certificate.ts';
import { loadTestPki } from '../../native/pki/test-pki.ts';
import type { ReferenceGateway } from '../reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../reference-gateway/test-gateway.ts';
import { fromTokyo } from './hours/tokyo-time.ts';
import { Kiosk, type KioskOptions } from './kiosk.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A clock that starts on an ordinary Tuesday afternoon in Japan and runs: no test depends on today. */
export function tuesdayAfternoon(): () => Date {
  const started = Date.now();
  const base = fromTokyo(2026, 11, 24, 14, 0).getTime();
  return () => new Date(base + (Date.now() - started));
}

async function setUp(
  options: Partial<KioskOptions> = {},
): Promise<{ kiosk: Kiosk; gateway: ReferenceGateway; dataDir: string; gatewayUrl: string }> {
  const now = options.now ?? tuesdayAfternoon();
  const gateway = await createTestGateway({ processingMs: 300, now });
  const gatewayUrl = await gateway.listen();
  cleanups.push(() => gateway.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const kiosk = await Kiosk.start({ dataDir, gatewayUrl, reader: { kind: 'simulated', mechanics: 'motorised' }, now, ...options });
  cleanups.push(() => kiosk.stop());
  return { kiosk, gateway, dataDir, gatewayUrl };
}

async function screen(kiosk: Kiosk, name: ViewModel['screen'], timeoutMs = 8000): Promise<ViewModel> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = kiosk.view();
    if (view.screen === name) return view;
    if (Date.now() > deadline) throw new Error(`expected screen ${name}, still on ${view.screen} (${JSON.stringify(kiosk.state)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function mechanicsOf(kiosk: Kiosk): SimulatedMotorisedReader {
  const mechanics = kiosk.simulated?.mechanics;
  if (!(mechanics instanceof SimulatedMotorisedReader)) throw new Error('not the motorised demo reader');
  return mechanics;
}

/** From the attract loop to the card slot for the housing-loan service. */
async function toInsertCard(kiosk: Kiosk): Promise<void> {
  await screen(kiosk, 'attract');
  kiosk.send({ type: 'TOUCH' });
  kiosk.send({ type: 'START' });
  expect((await screen(kiosk, 'service-choice')).screen).toBe('service-choice');
  kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
  await screen(kiosk, 'confirmation');
  kiosk.send({ type: 'AGREE' });
  await screen(kiosk, 'insert-card');
}

/** From the attract loop to the PIN screen with a card of the profile in the motorised reader. */
async function toPin(kiosk: Kiosk, profile: CardProfileName = 'default'): Promise<void> {
  await toInsertCard(kiosk);
  expect(mechanicsOf(kiosk).insert(await createEmulatedCard(profile))).toBe(true);
}

/** Types on the PIN screen (input on any other screen is ignored by the session). */
async function typePin(kiosk: Kiosk, digits: string): Promise<void> {
  await screen(kiosk, 'pin');
  for (const digit of digits) kiosk.send({ type: 'DIGIT', digit: Number(digit) });
  kiosk.send({ type: 'SUBMIT_PIN' });
}

/**
 * The audit trail of the customer session recorded last: its events in order, and every
 * distinct session id they carry (one, never null, when the records are linked).
 */
function lastSession(kiosk: Kiosk): { events: string[]; ids: (string | null)[]; endReason: unknown } {
  const records = kiosk.audit.recent();
  const from = records.map((record) => record.event).lastIndexOf('session-started');
  const session = records.slice(from);
  return {
    events: session.map((record) => record.event),
    ids: [...new Set(session.map((record) => record.session))],
    endReason: session.find((record) => record.event === 'session-ended')?.detail?.reason,
  };
}

async function until(condition: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a whole session under Node', () => {
  it('goes from the attract loop to the bank’s receipt, submitting exactly what the customer confirmed', async () => {
    const { kiosk, gateway, dataDir } = await setUp();
    await toPin(kiosk);
    expect(await screen(kiosk, 'pin')).toMatchObject({ digits: 0, triesLeft: 3, lastAttemptWrong: false, canCancel: true });
    await typePin(kiosk, '1234');
    const review = await screen(kiosk, 'review');
    if (review.screen !== 'review') throw new Error('unreachable');
    expect(review.items.find((item) => item.id === 'salaryIncome')?.value).toEqual({ kind: 'yen', amount: 6_000_000 });
    // The card is still held inside until 確認.
    expect(mechanicsOf(kiosk).position).toBe('inside');

    const shown = review.items.filter((item) => item.id !== 'municipalIncomeTax').map((item) => item.id);
    kiosk.send({ type: 'CONFIRM', itemIds: shown });
    await screen(kiosk, 'finishing');
    expect(mechanicsOf(kiosk).position).toBe('at-slot');
    mechanicsOf(kiosk).take();
    const complete = await screen(kiosk, 'complete');
    expect(complete).toMatchObject({
      receiptId: gateway.submissions[0]?.receipt.receiptId,
      queued: false,
      failed: false,
      canCancel: false,
    });
    expect(gateway.submissions).toHaveLength(1);
    expect(gateway.submissions[0]?.submission.items.map((item) => item.id)).toEqual(shown);
    expect(kiosk.outbox.size).toBe(0);

    const events = kiosk.audit.recent().map((record) => record.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'session-started',
        'service-selected',
        'card-inserted',
        'authenticated',
        'consent-given',
        'submitted',
        'card-returned',
        'session-completed',
      ]),
    );
    expect(kiosk.audit.counters()).toMatchObject({ 'session-started': 1, submitted: 1 });

    // Nothing personal in the audit trail, the operational log or anywhere in the database file.
    const pki = await loadTestPki();
    const facts = describeCertificate(pki.auth.default.certificate);
    const subjectCn = facts.ok ? (facts.value.subject.split('CN=')[1] ?? '') : '';
    const trail = JSON.stringify(kiosk.audit.recent());
    const operationalLog = readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(operationalLog).toContain('"event":"kiosk-started"');
    const database =
      readFileSync(join(dataDir, 'kiosk.sqlite')).toString('latin1') + readFileSync(join(dataDir, 'kiosk.sqlite-wal')).toString('latin1');
    for (const secret of [
      '6000000',
      '4360000',
      subjectCn,
      '1234',
      facts.ok ? facts.value.sha256Fingerprint.replaceAll(':', '').toLowerCase() : 'x',
    ]) {
      expect(trail).not.toContain(secret);
      expect(database).not.toContain(secret);
      expect(operationalLog).not.toContain(secret);
    }
    kiosk.send({ type: 'DISMISS' });
    await screen(kiosk, 'attract');
  });

  it('paces its polling however soon a hurried gateway says to ask again', async () => {
    const { kiosk, gateway } = await setUp();
    gateway.faults.inject('status', { kind: 'answer', body: { status: 'pending', retryAfterMs: 0 } }, 1000);
    await toPin(kiosk);
    await screen(kiosk, 'pin');
    await typePin(kiosk, '1234');
    await until(() => gateway.requestCount('status') > 0);
    const before = gateway.requestCount('status');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // At most one poll per 250 ms: a gateway's hint cannot turn every kiosk into a load generator.
    const polls = gateway.requestCount('status') - before;
    expect(polls).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(5);
    gateway.faults.clear();
    await screen(kiosk, 'review');
  });

  it('waits as long as a busy gateway asks before starting the retrieval, and the customer gets the data', async () => {
    const { kiosk, gateway } = await setUp();
    gateway.faults.inject('startRetrieval', { kind: 'rate-limit', retryAfterSeconds: 1 }, 1);
    await toPin(kiosk);
    await typePin(kiosk, '1234');
    const started = Date.now();
    await until(() => gateway.requestCount('startRetrieval') === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await screen(kiosk, 'review');
    expect(gateway.requestCount('startRetrieval')).toBe(2);
  });

  it('shows the tries left after a wrong PIN, then succeeds with the right one', async () => {
    const { kiosk } = await setUp();
    await toPin(kiosk);
    await screen(kiosk, 'pin');
    await typePin(kiosk, '9999');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await screen(kiosk, 'pin')).toMatchObject({ triesLeft: 2, lastAttemptWrong: true, digits: 0 });
    await typePin(kiosk, '1234');
    await screen(kiosk, 'review');
    expect(kiosk.audit.recent().filter((record) => record.event === 'pin-failed')).toHaveLength(1);
  });

  it('tells where to reset a blocked PIN and gives the card back', async () => {
    const { kiosk } = await setUp();
    await toPin(kiosk, 'pin-blocked');
    // Its one button ends the session: no 取消 beside it.
    expect(await screen(kiosk, 'pin-blocked')).toMatchObject({ canCancel: false });
    kiosk.send({ type: 'DISMISS' });
    await screen(kiosk, 'returning-card');
    expect(mechanicsOf(kiosk).position).toBe('at-slot');
    mechanicsOf(kiosk).take();
    await screen(kiosk, 'attract');
  });

  it.each([
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['smartphone', 'smartphone'],
    ['not-jpki', 'not-my-number-card'],
  ] as const)('explains a %s card without asking for a PIN it cannot use', async (profile, problem) => {
    const { kiosk } = await setUp();
    await toPin(kiosk, profile);
    if (profile === 'revoked') {
      // Revocation is only known to the gateway: the PIN is asked first.
      await screen(kiosk, 'pin');
      await typePin(kiosk, '1234');
    }
    expect(await screen(kiosk, 'card-error')).toMatchObject({ problem, canCancel: false });
  });

  it('calls a card that answers the signature with a status word no My Number card uses possibly damaged, not removed', async () => {
    const { kiosk } = await setUp();
    await toInsertCard(kiosk);
    const chip = await createEmulatedCard('default');
    const garbling: VirtualCard = {
      atr: chip.atr,
      powerOn: () => chip.powerOn(),
      powerOff: () => chip.powerOff(),
      reset: () => chip.reset(),
      transmit: (command) => (command[1] === 0x2a ? Promise.resolve(Uint8Array.of(0x6f, 0x00)) : chip.transmit(command)),
    };
    expect(mechanicsOf(kiosk).insert(garbling)).toBe(true);
    await typePin(kiosk, '1234');
    expect(await screen(kiosk, 'card-error')).toMatchObject({ problem: 'damaged' });
    expect(lastSession(kiosk).events).not.toContain('card-removed');
  });

  describe('with a card that stops answering', () => {
    // Short deadlines for the test; production waits 10 s for a command (command-deadline.ts).
    const deadlines = { commandMs: 300, disconnectMs: 100 };

    it.each<[string, SilentAt]>([
      ['while it is read', 'read'],
      ['at VERIFY', 'verify'],
      ['at the signature', 'sign'],
    ])('says the card did not respond %s, gives it back, and records no removal', async (_, silentAt) => {
      const { kiosk } = await setUp({ reader: { kind: 'simulated', mechanics: 'motorised', deadlines } });
      await toInsertCard(kiosk);
      expect(mechanicsOf(kiosk).insert(await createEmulatedCard('default', { silentAt }))).toBe(true);
      if (silentAt !== 'read') await typePin(kiosk, '1234');
      expect(await screen(kiosk, 'card-error')).toMatchObject({ problem: 'unresponsive', canCancel: false });
      // The reader hands the card out while the notice says why.
      await until(() => mechanicsOf(kiosk).position === 'at-slot', 2000);
      mechanicsOf(kiosk).take();
      await screen(kiosk, 'attract', 1000);
      const session = lastSession(kiosk);
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'card-inserted',
        'card-rejected',
        'card-returned',
        'session-ended',
      ]);
      expect(
        kiosk.audit
          .recent()
          .filter((record) => record.event === 'card-rejected')
          .at(-1)?.detail,
      ).toMatchObject({
        reason: 'unresponsive',
      });
    });
  });

  it.each([
    ['card-error', 'not-jpki'],
    ['pin-blocked', 'pin-blocked'],
  ] as const)('ends the %s notice as soon as the customer takes the card it gives back', async (notice, profile) => {
    const { kiosk } = await setUp();
    await toPin(kiosk, profile);
    await screen(kiosk, notice);
    await until(() => mechanicsOf(kiosk).position === 'at-slot', 2000);
    mechanicsOf(kiosk).take();
    // Long before the notice would time out (20 s).
    await screen(kiosk, 'attract', 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kiosk.view().screen).toBe('attract');
    const recorded = notice === 'card-error' ? 'card-rejected' : 'pin-blocked';
    expect(lastSession(kiosk).events).toEqual([
      'session-started',
      'service-selected',
      'card-inserted',
      recorded,
      'card-returned',
      'session-ended',
    ]);
  });

  it('declining on the review screen submits nothing and deletes the retrieval at the gateway', async () => {
    const { kiosk, gateway } = await setUp();
    await toPin(kiosk);
    await typePin(kiosk, '1234');
    await screen(kiosk, 'review');
    expect(gateway.heldRetrievals).toBe(1);
    kiosk.send({ type: 'DECLINE' });
    // The customer is told that what was obtained is gone.
    expect(await screen(kiosk, 'returning-card')).toMatchObject({ reason: 'declined', dataDeleted: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.heldRetrievals).toBe(0);
    expect(gateway.submissions).toHaveLength(0);
  });

  it('says when the service will work again outside operating hours, before any card is asked for', async () => {
    const now = (): Date => fromTokyo(2026, 12, 31, 10, 0);
    const { kiosk } = await setUp({ now });
    await screen(kiosk, 'attract');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    expect(await screen(kiosk, 'unavailable')).toMatchObject({ nextAvailableAt: fromTokyo(2027, 1, 4, 8, 0).toISOString() });
    // Back to the choice and the same answer again: still one customer, who then cancels.
    kiosk.send({ type: 'DISMISS' });
    await screen(kiosk, 'service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await screen(kiosk, 'unavailable');
    kiosk.send({ type: 'CANCEL' });
    expect(await screen(kiosk, 'ended')).toMatchObject({ reason: 'cancelled' });
    const session = lastSession(kiosk);
    expect(session.events).toEqual([
      'session-started',
      'service-selected',
      'service-unavailable',
      'service-selected',
      'service-unavailable',
      'session-ended',
    ]);
    expect(session.ids).toEqual([expect.any(String)]);
    expect(session.endReason).toBe('cancelled');
  });

  it('links every audit record of one customer to one session, through the idle warning until the card is taken', async () => {
    const { kiosk } = await setUp({ delays: { idle: 500 } });
    await screen(kiosk, 'attract');
    kiosk.send({ type: 'TOUCH' });
    await screen(kiosk, 'idle-warning', 3000);
    kiosk.send({ type: 'CONTINUE' });
    await screen(kiosk, 'top');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await screen(kiosk, 'confirmation');
    kiosk.send({ type: 'AGREE' });
    await screen(kiosk, 'insert-card');
    mechanicsOf(kiosk).insert(await createEmulatedCard('default'));
    await screen(kiosk, 'pin');
    kiosk.send({ type: 'CANCEL' });
    await screen(kiosk, 'returning-card');
    mechanicsOf(kiosk).take();
    await screen(kiosk, 'attract');
    const session = lastSession(kiosk);
    expect(session.events).toEqual(['session-started', 'service-selected', 'card-inserted', 'session-ended', 'card-returned']);
    expect(session.ids).toEqual([expect.any(String)]);
  });

  it('queues the submission when the gateway fails at the last step, and delivers it after a restart', async () => {
    let offset = 0;
    const clock = tuesdayAfternoon();
    const now = (): Date => new Date(clock().getTime() + offset);
    const { kiosk, gateway, dataDir, gatewayUrl } = await setUp({ now });
    await toPin(kiosk);
    await typePin(kiosk, '1234');
    const review = await screen(kiosk, 'review');
    if (review.screen !== 'review') throw new Error('unreachable');
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    kiosk.send({ type: 'CONFIRM', itemIds: review.items.map((item) => item.id) });
    await screen(kiosk, 'finishing');
    mechanicsOf(kiosk).take();
    expect(await screen(kiosk, 'complete')).toMatchObject({ queued: true, receiptId: undefined });
    expect(kiosk.outbox.size).toBe(1);
    expect(gateway.submissions).toHaveLength(0);
    // Waiting on disk, the consented data is encrypted: no amount is readable in the files.
    const files = ['kiosk.sqlite', 'kiosk.sqlite-wal'].map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
    expect(files).not.toContain('6000000');
    expect(files).not.toContain('salaryIncome');
    await kiosk.stop();

    offset += 60_000; // past the courier's backoff
    const restarted = await Kiosk.start({ dataDir, gatewayUrl, reader: { kind: 'simulated', mechanics: 'motorised' }, now });
    cleanups.push(() => restarted.stop());
    expect(restarted.outbox.size).toBe(0);
    expect(gateway.submissions).toHaveLength(1);
    expect(restarted.audit.recent().map((record) => record.event)).toContain('submission-delivered');
  });

  it('re-sends a queued submission from its background timer once the gateway recovers, without a restart', async () => {
    // As in a branch: the kiosk starts with an empty outbox, the gateway fails at 確認, then recovers.
    let offset = 0;
    const clock = tuesdayAfternoon();
    const now = (): Date => new Date(clock().getTime() + offset);
    const { kiosk, gateway } = await setUp({ now, courierIntervalMs: 50 });
    expect(kiosk.outbox.size).toBe(0);
    await toPin(kiosk);
    await typePin(kiosk, '1234');
    const review = await screen(kiosk, 'review');
    if (review.screen !== 'review') throw new Error('unreachable');
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    kiosk.send({ type: 'CONFIRM', itemIds: review.items.map((item) => item.id) });
    await screen(kiosk, 'finishing');
    mechanicsOf(kiosk).take();
    expect(await screen(kiosk, 'complete')).toMatchObject({ queued: true });
    expect(kiosk.outbox.size).toBe(1);

    offset += 60_000; // past the courier's backoff; the gateway answers again
    await until(() => gateway.submissions.length === 1, 5000);
    await until(() => kiosk.outbox.size === 0);
    expect(kiosk.audit.recent().map((record) => record.event)).toContain('submission-delivered');
  });

  it('never lets a PIN digit out of the core: not in the view, not in the session snapshot', async () => {
    const { kiosk } = await setUp();
    await toPin(kiosk);
    await screen(kiosk, 'pin');
    const views: string[] = [];
    const stop = kiosk.subscribe((view) => views.push(JSON.stringify(view)));
    for (const digit of [8, 6, 4, 2]) kiosk.send({ type: 'DIGIT', digit });
    expect(kiosk.view()).toMatchObject({ screen: 'pin', digits: 4 });
    const exposed = [...views, JSON.stringify(kiosk.view()), JSON.stringify(kiosk.state)].join('');
    expect(exposed).not.toMatch(/8\D*6\D*4\D*2/);
    stop();
    kiosk.send({ type: 'CANCEL' });
    await screen(kiosk, 'returning-card');
  });

  it('never lets a cancelled session touch the next customer’s card', async () => {
    const { kiosk, gateway } = await setUp();
    await toPin(kiosk);
    // The gateway is slow to issue the challenge; the customer cancels while it is pending.
    gateway.faults.inject('startRetrieval', { kind: 'slow', delayMs: 400 }, 1);
    await typePin(kiosk, '9999');
    kiosk.send({ type: 'CANCEL' });
    await screen(kiosk, 'returning-card');
    mechanicsOf(kiosk).take();
    await screen(kiosk, 'attract');
    // The next customer's card, inserted while the old request is still in flight.
    const next = await createEmulatedCard('default');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await screen(kiosk, 'confirmation');
    kiosk.send({ type: 'AGREE' });
    await screen(kiosk, 'insert-card');
    mechanicsOf(kiosk).insert(next);
    expect(await screen(kiosk, 'pin')).toMatchObject({ triesLeft: 3 });
    await new Promise((resolve) => setTimeout(resolve, 600)); // the old request has answered by now
    expect(next.pinTriesLeft).toBe(3);
    expect(kiosk.view()).toMatchObject({ screen: 'pin', triesLeft: 3 });
    // and its retrieval was deleted at the gateway
    expect(gateway.heldRetrievals).toBe(0);
  });

  it('takes no card in while it is not asking for one', async () => {
    const { kiosk } = await setUp();
    await screen(kiosk, 'attract');
    expect(mechanicsOf(kiosk).insert(await createEmulatedCard('default'))).toBe(false);
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await screen(kiosk, 'confirmation');
    kiosk.send({ type: 'AGREE' });
    await screen(kiosk, 'insert-card');
    kiosk.send({ type: 'CANCEL' });
    await screen(kiosk, 'ended');
    expect(mechanicsOf(kiosk).insert(await createEmulatedCard('default'))).toBe(false);
  });

  it('retains a returned card nobody takes, says so, records it, and takes the next customer’s card', async () => {
    const { kiosk } = await setUp({ delays: { cardTake: 200, noticeScreen: 400 } });
    await toPin(kiosk);
    kiosk.send({ type: 'CANCEL' });
    // Nothing was obtained yet: nothing to say about deleting it.
    expect(await screen(kiosk, 'returning-card')).toMatchObject({ reason: 'cancelled', dataDeleted: false });
    expect(await screen(kiosk, 'card-retained', 3000)).toMatchObject({ canCancel: false });
    expect(mechanicsOf(kiosk).retainedCount).toBe(1);
    expect(lastSession(kiosk).events).toEqual(['session-started', 'service-selected', 'card-inserted', 'session-ended', 'card-retained']);
    await screen(kiosk, 'attract', 3000);
    // The captured card is in the bin, not in the slot: the next customer goes on.
    await toPin(kiosk);
    expect(await screen(kiosk, 'pin')).toMatchObject({ triesLeft: 3 });
    expect(mechanicsOf(kiosk).position).toBe('inside');
  });

  it('goes back from the confirmation to the service choice, for another service', async () => {
    const { kiosk } = await setUp();
    await screen(kiosk, 'attract');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await screen(kiosk, 'confirmation');
    expect(kiosk.send({ type: 'BACK' })).toEqual({ ok: true });
    await screen(kiosk, 'service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'card-loan-income' });
    expect(await screen(kiosk, 'confirmation')).toMatchObject({ service: { id: 'card-loan-income' } });
  });

  it('keeps the receipt number up while the customer touches the screen', async () => {
    const { kiosk } = await setUp({ delays: { completeScreen: 600 } });
    await toPin(kiosk);
    await typePin(kiosk, '1234');
    const review = await screen(kiosk, 'review');
    if (review.screen !== 'review') throw new Error('unreachable');
    kiosk.send({ type: 'CONFIRM', itemIds: review.items.map((item) => item.id) });
    await screen(kiosk, 'finishing');
    mechanicsOf(kiosk).take();
    await screen(kiosk, 'complete');
    // Touched every 300 ms for twice the screen's time: still up.
    for (let touch = 0; touch < 4; touch += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kiosk.view().screen).toBe('complete');
      kiosk.send({ type: 'ACTIVITY' });
    }
    await screen(kiosk, 'attract', 3000);
  });

  describe('with a plain desk reader (the card stays in the customer’s reach)', () => {
    const desk = { reader: { kind: 'simulated', mechanics: 'desk' } } as const;
    const port = (kiosk: Kiosk) => {
      const simulated = kiosk.simulated;
      if (!simulated) throw new Error('no demo reader');
      return simulated.port.reader;
    };

    it('ends the session when the card is pulled out on the review screen, submitting nothing', async () => {
      const { kiosk, gateway } = await setUp(desk);
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('default'));
      await typePin(kiosk, '1234');
      await screen(kiosk, 'review');
      port(kiosk).remove();
      await screen(kiosk, 'card-removed');
      expect(gateway.submissions).toHaveLength(0);
      kiosk.send({ type: 'DISMISS' });
      expect(await screen(kiosk, 'ended')).toMatchObject({ dataDeleted: true });
    });

    it('ends the session as card removed when the card is pulled out on the retrieval-error screen', async () => {
      const { kiosk, gateway } = await setUp(desk);
      gateway.faults.inject('status', { kind: 'status', status: 503 }, 1000);
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('default'));
      await typePin(kiosk, '1234');
      expect(await screen(kiosk, 'retrieval-error')).toMatchObject({ retryable: true });
      kiosk.send({ type: 'RETRY' });
      await until(() => kiosk.audit.counters()['retrieval-failed'] === 2);
      await screen(kiosk, 'retrieval-error');
      port(kiosk).remove();
      // No retry is offered with a card that may have been swapped meanwhile.
      await screen(kiosk, 'card-removed', 2000);
      kiosk.send({ type: 'CANCEL' });
      expect(await screen(kiosk, 'ended')).toMatchObject({ reason: 'cancelled' });
      const session = lastSession(kiosk);
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'card-inserted',
        'authenticated',
        'retrieval-failed',
        'authenticated',
        'retrieval-failed',
        'card-removed',
        'session-ended',
      ]);
      expect(session.ids).toEqual([expect.any(String)]);
      expect(session.endReason).toBe('cancelled');
    }, 15_000); // the gateway client's own retries of the failing polls take a while

    it('ends a card notice as soon as the card is pulled out, recording it returned once', async () => {
      const { kiosk } = await setUp(desk);
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('not-jpki'));
      expect(await screen(kiosk, 'card-error')).toMatchObject({ problem: 'not-my-number-card' });
      port(kiosk).remove();
      await screen(kiosk, 'attract', 1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kiosk.view().screen).toBe('attract');
      const session = lastSession(kiosk);
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'card-inserted',
        'card-rejected',
        'card-returned',
        'session-ended',
      ]);
      expect(session.ids).toEqual([expect.any(String)]);
    });

    it('says a card that stops answering at the signature did not respond, and ends once it is pulled out', async () => {
      const { kiosk } = await setUp({ reader: { kind: 'simulated', mechanics: 'desk', deadlines: { commandMs: 300, disconnectMs: 100 } } });
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('unresponsive'));
      await typePin(kiosk, '1234');
      expect(await screen(kiosk, 'card-error')).toMatchObject({ problem: 'unresponsive' });
      port(kiosk).remove();
      await screen(kiosk, 'attract', 1000);
      const session = lastSession(kiosk);
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'card-inserted',
        'card-rejected',
        'card-returned',
        'session-ended',
      ]);
    });

    it('records one return for a card given back, and then waits at the attract loop', async () => {
      const { kiosk } = await setUp(desk);
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('default'));
      await screen(kiosk, 'pin');
      kiosk.send({ type: 'CANCEL' });
      await screen(kiosk, 'returning-card');
      port(kiosk).remove();
      await screen(kiosk, 'attract');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kiosk.view().screen).toBe('attract');
      const session = lastSession(kiosk);
      expect(session.events).toEqual(['session-started', 'service-selected', 'card-inserted', 'session-ended', 'card-returned']);
      expect(session.ids).toEqual([expect.any(String)]);
    });

    it('asks staff to take a card left in the reader, and resumes once it is gone', async () => {
      const { kiosk } = await setUp({ ...desk, delays: { cardTake: 200 } });
      await toInsertCard(kiosk);
      port(kiosk).insert(await createEmulatedCard('default'));
      await screen(kiosk, 'pin');
      kiosk.send({ type: 'CANCEL' });
      await screen(kiosk, 'card-left-behind', 3000);
      expect(kiosk.audit.recent().map((record) => record.event)).toContain('card-left-behind');
      port(kiosk).remove();
      await screen(kiosk, 'attract');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Staff took it, not its owner: it stays recorded as left behind, in the customer's session.
      const session = lastSession(kiosk);
      expect(session.events).toEqual(['session-started', 'service-selected', 'card-inserted', 'session-ended', 'card-left-behind']);
      expect(session.ids).toEqual([expect.any(String)]);
    });
  });

  it('shuffles the keypad when the branch chose so: a new layout per PIN screen, stable while typing', async () => {
    const { kiosk } = await setUp({ display: { calendar: 'japanese', shuffleKeypad: true, physicalKeypad: false } });
    await toPin(kiosk);
    const first = await screen(kiosk, 'pin');
    if (first.screen !== 'pin') throw new Error('unreachable');
    expect([...first.keypad].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    kiosk.send({ type: 'DIGIT', digit: 1 });
    expect(kiosk.view()).toMatchObject({ digits: 1, keypad: first.keypad });
    // Typing a wrong PIN brings the PIN screen back: with a new layout (1 in 10! chance of the same).
    kiosk.send({ type: 'BACKSPACE' });
    await typePin(kiosk, '9999');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await screen(kiosk, 'pin');
    expect(second).toMatchObject({ lastAttemptWrong: true });
    if (second.screen !== 'pin') throw new Error('unreachable');
    expect(second.keypad).not.toEqual(first.keypad);
  });

  it('tells the PIN screen whether the terminal has a number pad of its own, as configured', async () => {
    const plain = await setUp();
    await toPin(plain.kiosk);
    expect(await screen(plain.kiosk, 'pin')).toMatchObject({ screen: 'pin', physicalKeypad: false });
    const { kiosk } = await setUp({ display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: true } });
    await toPin(kiosk);
    expect(await screen(kiosk, 'pin')).toMatchObject({ screen: 'pin', physicalKeypad: true, keypad: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0] });
    // It is the PIN screen's alone: the screen after it does not carry it.
    kiosk.send({ type: 'CANCEL' });
    expect(kiosk.view().screen).not.toBe('pin');
    expect(kiosk.view()).not.toHaveProperty('physicalKeypad');
  });

  it('rejects screen events that are not the protocol', async () => {
    const { kiosk } = await setUp();
    for (const event of [{ type: 'DIGIT', digit: 12 }, { type: 'CONFIRM', itemIds: [] }, { type: 'xstate.done.actor.x' }, 'TOUCH', null]) {
      expect(kiosk.send(event)).toEqual({ ok: false, error: 'invalid-event' });
    }
  });
});
