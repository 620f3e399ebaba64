// Whole sessions under plain Node: the emulated card in the simulated reader → the session
// machine → the reference gateway over loopback → the bank's receipt, with the audit trail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../../native/devkit/emulator/emulated-card.ts';
import type { SilentAt } from '../../native/devkit/emulator/my-number-card.ts';
import type { VirtualCard } from '../../native/devkit/emulator/virtual-card.ts';
import { describeCertificate } from '../../native/pki/describe-certificate.ts';
import { loadTestPki } from '../../native/devkit/test-pki/test-pki.ts';
import { TestKiosk, tuesdayAfternoon, type TestKioskOptions } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';
import { itemKey } from '../common/item-key.ts';
import { CERTIFICATE_STATUS_TIMEOUT_MS } from './gateway/gateway-client.ts';
import { fromTokyo } from './hours/tokyo-time.ts';
import { traceReceipt } from './storage/trace-receipt.ts';

const kiosks: TestKiosk[] = [];
afterEach(async () => {
  for (const kiosk of kiosks.splice(0).reverse()) await kiosk.stop();
});

async function start(options: TestKioskOptions = {}): Promise<TestKiosk> {
  const kiosk = await TestKiosk.start(options);
  kiosks.push(kiosk);
  return kiosk;
}

describe('a whole session under Node', () => {
  it('goes from the attract loop to the bank’s receipt, submitting exactly what the customer confirmed', async () => {
    const t = await start();
    const { kiosk, gateway, dataDir } = t;
    await t.toPin();
    expect(await t.screen('pin')).toMatchObject({ digits: 0, triesLeft: 3, lastAttemptWrong: false, canCancel: true });
    await t.typePin('1234');
    const review = await t.screen('review');
    if (review.screen !== 'review') throw new Error('unreachable');
    expect(review.items.find((item) => item.id === 'salaryIncome')?.value).toEqual({ kind: 'yen', amount: 6_000_000 });
    // The card is still held inside until 確認.
    expect(t.motorised().position).toBe('inside');

    const shown = review.items.filter((item) => item.id !== 'municipalIncomeTax').map(itemKey);
    await t.confirm(shown);
    await t.screen('finishing');
    expect(t.motorised().position).toBe('at-slot');
    t.motorised().take();
    const complete = await t.screen('complete');
    expect(complete).toMatchObject({
      submission: { status: 'delivered', receiptId: gateway.submissions[0]?.receipt.receiptId },
      canCancel: false,
    });
    expect(gateway.submissions).toHaveLength(1);
    expect(gateway.submissions[0]?.submission.items.map(itemKey)).toEqual(shown);
    expect(kiosk.outbox.size).toBe(0);

    const events = kiosk.audit.recent().map((record) => record.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'session-started',
        'service-selected',
        'agreed',
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
    await t.screen('attract');
  });

  it('takes 確認 only once the review screen reported its last item on screen, and records each refusal', async () => {
    const t = await start();
    const { kiosk, gateway } = t;
    const items = await t.toReview();
    const refusals = (): unknown[] =>
      kiosk.audit
        .recent()
        .filter((record) => record.event === 'consent-refused')
        .map((record) => record.detail?.reason);
    // A renderer that did not wait for the table to be seen to its end (a fault, or tampering).
    kiosk.send({ type: 'CONFIRM', itemKeys: items });
    expect(kiosk.view().screen).toBe('review');
    // Seen to another item than the last of the kiosk's list (a stale or shortened list): still not.
    kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: items[0] });
    kiosk.send({ type: 'CONFIRM', itemKeys: items });
    expect(kiosk.view().screen).toBe('review');
    expect(refusals()).toEqual(['not-seen', 'not-seen']);
    // Nothing was consented to: the card stays in and nothing reaches the bank.
    expect(t.motorised().position).toBe('inside');
    expect(kiosk.audit.recent().map((record) => record.event)).not.toContain('consent-given');

    kiosk.send({ type: 'REVIEW_SEEN', lastItemKey: items.at(-1) });
    // Seen, consent still covers only the items shown.
    kiosk.send({ type: 'CONFIRM', itemKeys: [...items, 'somethingElse'] });
    expect(refusals()).toEqual(['not-seen', 'not-seen', 'not-shown']);
    kiosk.send({ type: 'CONFIRM', itemKeys: items });
    await t.screen('finishing');
    t.motorised().take();
    await t.screen('complete');
    expect(gateway.submissions.map((submission) => submission.submission.items.map(itemKey))).toEqual([items]);
    // Up to consent, in order (the submission and the card's return then run side by side).
    const { events } = t.lastSession();
    expect(events.slice(0, events.indexOf('consent-given') + 1)).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'authenticated',
      'consent-refused',
      'consent-refused',
      'consent-refused',
      'consent-given',
    ]);
    expect(events).toEqual(expect.arrayContaining(['submitted', 'session-completed']));
  });

  it('paces its polling however soon a hurried gateway says to ask again', async () => {
    const t = await start();
    const { gateway } = t;
    gateway.faults.inject('status', { kind: 'answer', body: { status: 'pending', retryAfterMs: 0 } }, 1000);
    await t.toPin();
    await t.screen('pin');
    await t.typePin('1234');
    await until(() => gateway.requestCount('status') > 0);
    const before = gateway.requestCount('status');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // At most one poll per 250 ms: a gateway's hint cannot turn every kiosk into a load generator.
    const polls = gateway.requestCount('status') - before;
    expect(polls).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(5);
    gateway.faults.clear();
    await t.screen('review');
  });

  it('waits as long as a busy gateway asks before starting the retrieval, and the customer gets the data', async () => {
    const t = await start();
    const { gateway } = t;
    gateway.faults.inject('startRetrieval', { kind: 'rate-limit', retryAfterSeconds: 1 }, 1);
    await t.toPin();
    await t.typePin('1234');
    const started = Date.now();
    await until(() => gateway.requestCount('startRetrieval') === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await t.screen('review');
    expect(gateway.requestCount('startRetrieval')).toBe(2);
  });

  it('shows the tries left after a wrong PIN, then succeeds with the right one', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.toPin();
    await t.screen('pin');
    await t.typePin('9999');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 2, lastAttemptWrong: true, digits: 0 });
    await t.typePin('1234');
    await t.screen('review');
    expect(kiosk.audit.recent().filter((record) => record.event === 'pin-failed')).toHaveLength(1);
  });

  it('tells where to reset a blocked PIN and gives the card back', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.toPin('pin-blocked');
    // Its one button ends the session: no 取消 beside it.
    expect(await t.screen('pin-blocked')).toMatchObject({ canCancel: false });
    kiosk.send({ type: 'DISMISS' });
    await t.screen('returning-card');
    expect(t.motorised().position).toBe('at-slot');
    t.motorised().take();
    await t.screen('attract');
  });

  it('offers what the bank configured instead to a customer whose PIN is blocked, and nothing where it configured nothing', async () => {
    const alternative = {
      ja: '窓口で所得証明書（紙）をお取りいただくこともできます',
      en: 'You can also get a paper income certificate at the counter.',
    };
    const offered = await start({ pinBlockedAlternative: alternative });
    await offered.toPin('pin-blocked');
    expect(await offered.screen('pin-blocked')).toMatchObject({ alternative });
    const plain = await start();
    await plain.toPin('pin-blocked');
    expect(await plain.screen('pin-blocked')).not.toHaveProperty('alternative');
  });

  it.each([
    ['revoked', 'revoked'],
    ['expired', 'expired'],
    ['smartphone', 'smartphone'],
    ['not-jpki', 'not-my-number-card'],
  ] as const)('explains a %s card without asking for a PIN it cannot use', async (profile, problem) => {
    const t = await start();
    const screens: string[] = [];
    t.kiosk.subscribe((view) => screens.push(view.screen));
    await t.toPin(profile);
    // A card the customer can swap for their My Number card is given back, and another asked for.
    const swappable = problem === 'smartphone' || problem === 'not-my-number-card';
    expect(await t.screen(swappable ? 'wrong-card' : 'card-error')).toMatchObject({ problem, canCancel: swappable });
    // Revocation is the gateway's to know: asked as soon as the certificate is read.
    expect(screens).not.toContain('pin');
    expect(t.gateway.requestCount('startRetrieval')).toBe(0);
  });

  it.each([
    ['does not answer', { kind: 'status', status: 503 }],
    ['answers what is not the protocol', { kind: 'wrong-shape' }],
    ['hangs', { kind: 'hang' }],
  ] as const)('asks for the PIN when the gateway %s about revocation, and refuses the revoked card at authentication', async (_, fault) => {
    const t = await start();
    t.gateway.faults.inject('certificateStatus', fault);
    await t.toPin('revoked');
    // A hung gateway keeps the customer on "reading your card" for the check's own 3 s, not the client's 10 s.
    expect(await t.screen('pin', CERTIFICATE_STATUS_TIMEOUT_MS + 2000)).toMatchObject({ triesLeft: 3 });
    await t.typePin('1234');
    expect(await t.screen('card-error')).toMatchObject({ problem: 'revoked' });
    expect(t.gateway.requestCount('certificateStatus')).toBe(1);
  });

  it('calls a card that answers the signature with a status word no My Number card uses possibly damaged, not removed', async () => {
    const t = await start();
    await t.toInsertCard();
    const chip = await createEmulatedCard('default');
    const garbling: VirtualCard = {
      atr: chip.atr,
      powerOn: () => chip.powerOn(),
      powerOff: () => chip.powerOff(),
      reset: () => chip.reset(),
      transmit: (command) => (command[1] === 0x2a ? Promise.resolve(Uint8Array.of(0x6f, 0x00)) : chip.transmit(command)),
    };
    expect(t.motorised().insert(garbling)).toBe(true);
    await t.typePin('1234');
    expect(await t.screen('card-error')).toMatchObject({ problem: 'damaged' });
    expect(t.lastSession().events).not.toContain('card-removed');
  });

  describe('with a card that stops answering', () => {
    // Short deadlines for the test; production waits 10 s for a command (command-deadline.ts).
    const deadlines = { commandMs: 300, disconnectMs: 100 };

    it.each<[string, SilentAt]>([
      ['while it is read', 'read'],
      ['at VERIFY', 'verify'],
      ['at the signature', 'sign'],
    ])('says the card did not respond %s, gives it back, and records no removal', async (_, silentAt) => {
      const t = await start({ deadlines });
      const { kiosk } = t;
      await t.toInsertCard();
      expect(t.motorised().insert(await createEmulatedCard('default', { silentAt }))).toBe(true);
      if (silentAt !== 'read') await t.typePin('1234');
      expect(await t.screen('card-error')).toMatchObject({ problem: 'unresponsive', canCancel: false });
      // The reader hands the card out while the notice says why.
      await until(() => t.motorised().position === 'at-slot', 'condition', 2000);
      t.motorised().take();
      await t.screen('attract', 1000);
      const session = t.lastSession();
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'agreed',
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
    ['card-error', 'expired'],
    ['pin-blocked', 'pin-blocked'],
  ] as const)('ends the %s notice as soon as the customer takes the card it gives back', async (notice, profile) => {
    const t = await start();
    const { kiosk } = t;
    await t.toPin(profile);
    await t.screen(notice);
    await until(() => t.motorised().position === 'at-slot', 'condition', 2000);
    t.motorised().take();
    // Long before the notice would time out (20 s).
    await t.screen('attract', 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kiosk.view().screen).toBe('attract');
    const recorded = notice === 'card-error' ? 'card-rejected' : 'pin-blocked';
    expect(t.lastSession().events).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      recorded,
      'card-returned',
      'session-ended',
    ]);
  });

  it('declining on the review screen submits nothing and deletes the retrieval at the gateway', async () => {
    const t = await start();
    const { kiosk, gateway } = t;
    await t.toPin();
    await t.typePin('1234');
    await t.screen('review');
    expect(gateway.heldRetrievals).toBe(1);
    kiosk.send({ type: 'DECLINE' });
    // The customer is told that what was obtained is gone.
    expect(await t.screen('returning-card')).toMatchObject({ reason: 'declined' });
    // The screen says it is deleted once the gateway has confirmed it.
    await until(() => {
      const view = kiosk.view();
      return view.screen === 'returning-card' && view.deletion === 'confirmed';
    }, 'the deletion confirmed on the screen');
    expect(gateway.heldRetrievals).toBe(0);
    expect(gateway.submissions).toHaveLength(0);
  });

  it('says when the service will work again outside operating hours, before any card is asked for', async () => {
    const now = (): Date => fromTokyo(2026, 12, 31, 10, 0);
    const t = await start({ now });
    const { kiosk } = t;
    await t.screen('attract');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    expect(await t.screen('unavailable')).toMatchObject({ nextAvailableAt: fromTokyo(2027, 1, 4, 8, 0).toISOString() });
    // Back to the choice and the same answer again: still one customer, who then cancels.
    kiosk.send({ type: 'DISMISS' });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('unavailable');
    const shown: string[] = [];
    kiosk.subscribe((view) => shown.push(view.screen));
    kiosk.send({ type: 'CANCEL' });
    // The notice said why: no second screen says 「中止しました」.
    await t.screen('attract');
    expect(shown).toEqual(['attract']);
    const session = t.lastSession();
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
    const t = await start({ delays: { idle: 500 } });
    const { kiosk } = t;
    await t.screen('attract');
    kiosk.send({ type: 'TOUCH' });
    await t.screen('idle-warning', 3000);
    kiosk.send({ type: 'CONTINUE' });
    await t.screen('top');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('confirmation');
    kiosk.send({ type: 'AGREE' });
    await t.screen('insert-card');
    t.motorised().insert(await createEmulatedCard('default'));
    await t.screen('pin');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    t.motorised().take();
    await t.screen('attract');
    const session = t.lastSession();
    expect(session.events).toEqual(['session-started', 'service-selected', 'agreed', 'card-inserted', 'session-ended', 'card-returned']);
    expect(session.ids).toEqual([expect.any(String)]);
  });

  it('ends the session of a customer whose screen was lost as on 取消, recording that the screen was lost, in their session', async () => {
    const t = await start();
    await t.toPin();
    await t.screen('pin');
    t.kiosk.screenLost();
    expect(await t.screen('returning-card')).toMatchObject({ reason: 'cancelled' });
    t.motorised().take();
    await t.screen('attract');
    const session = t.lastSession();
    expect(session.events).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'screen-lost',
      'session-ended',
      'card-returned',
    ]);
    expect(session.ids).toEqual([expect.any(String)]);
    // Between customers and after consent it ends nothing, and is still recorded.
    t.kiosk.screenLost();
    expect(t.kiosk.view().screen).toBe('attract');
    expect(t.kiosk.audit.recent().at(-1)?.event).toBe('screen-lost');
  });

  it('queues the submission when the gateway fails at the last step, and delivers it after a restart', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now });
    const { kiosk, gateway, dataDir } = t;
    await t.toPin();
    await t.typePin('1234');
    await t.screen('review');
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    await t.confirm();
    await t.screen('finishing');
    t.motorised().take();
    expect(await t.screen('complete')).toMatchObject({ submission: { status: 'sending' } });
    expect(kiosk.outbox.size).toBe(1);
    expect(gateway.submissions).toHaveLength(0);
    // Waiting on disk, the consented data is encrypted: no amount is readable in the files.
    const files = ['kiosk.sqlite', 'kiosk.sqlite-wal'].map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
    expect(files).not.toContain('6000000');
    expect(files).not.toContain('salaryIncome');
    await kiosk.stop();

    advance(60_000); // past the courier's backoff
    const { kiosk: restarted } = await t.restart();
    expect(restarted.outbox.size).toBe(0);
    expect(gateway.submissions).toHaveLength(1);
    expect(restarted.audit.recent().map((record) => record.event)).toContain('submission-delivered');
  });

  it('re-sends a queued submission from its background timer once the gateway recovers, without a restart', async () => {
    // As in a branch: the kiosk starts with an empty outbox, the gateway fails at 確認, then recovers.
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now, courierIntervalMs: 50 });
    const { kiosk, gateway } = t;
    expect(kiosk.outbox.size).toBe(0);
    await t.toPin();
    await t.typePin('1234');
    await t.screen('review');
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    await t.confirm();
    await t.screen('finishing');
    t.motorised().take();
    expect(await t.screen('complete')).toMatchObject({ submission: { status: 'sending' } });
    expect(kiosk.outbox.size).toBe(1);

    advance(60_000); // past the courier's backoff; the gateway answers again
    await until(() => gateway.submissions.length === 1, 'condition', 5000);
    await until(() => kiosk.outbox.size === 0);
    expect(kiosk.audit.recent().map((record) => record.event)).toContain('submission-delivered');
  });

  it('never lets a PIN digit out of the core: not in the view, not in the session snapshot', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.toPin();
    await t.screen('pin');
    const views: string[] = [];
    const stop = kiosk.subscribe((view) => views.push(JSON.stringify(view)));
    for (const digit of [8, 6, 4, 2]) kiosk.send({ type: 'DIGIT', digit });
    expect(kiosk.view()).toMatchObject({ screen: 'pin', digits: 4 });
    const exposed = [...views, JSON.stringify(kiosk.view()), JSON.stringify(kiosk.state)].join('');
    expect(exposed).not.toMatch(/8\D*6\D*4\D*2/);
    stop();
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
  });

  it('never lets a cancelled session touch the next customer’s card', async () => {
    const t = await start();
    const { kiosk, gateway } = t;
    await t.toPin();
    // The gateway is slow to issue the challenge; the customer cancels while it is pending.
    gateway.faults.inject('startRetrieval', { kind: 'slow', delayMs: 400 }, 1);
    await t.typePin('9999');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('returning-card');
    t.motorised().take();
    await t.screen('attract');
    // The next customer's card, inserted while the old request is still in flight.
    const next = await createEmulatedCard('default');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('confirmation');
    kiosk.send({ type: 'AGREE' });
    await t.screen('insert-card');
    t.motorised().insert(next);
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 3 });
    await new Promise((resolve) => setTimeout(resolve, 600)); // the old request has answered by now
    expect(next.pinTriesLeft).toBe(3);
    expect(kiosk.view()).toMatchObject({ screen: 'pin', triesLeft: 3 });
    // and its retrieval was deleted at the gateway
    expect(gateway.heldRetrievals).toBe(0);
  });

  it('goes straight back to the attract loop on 取消 at the top screen, recording the session as cancelled', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.screen('attract');
    kiosk.send({ type: 'TOUCH' });
    await t.screen('top');
    const shown: string[] = [];
    kiosk.subscribe((view) => shown.push(view.screen));
    kiosk.send({ type: 'CANCEL' });
    await t.screen('attract');
    // No 「中止しました」 screen in between: nothing had begun.
    expect(shown).toEqual(['attract']);
    expect(t.lastSession()).toMatchObject({ events: ['session-started', 'session-ended'], endReason: 'cancelled' });
  });

  it('takes no card in while it is not asking for one', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.screen('attract');
    expect(t.motorised().insert(await createEmulatedCard('default'))).toBe(false);
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('confirmation');
    kiosk.send({ type: 'AGREE' });
    await t.screen('insert-card');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('ended');
    expect(t.motorised().insert(await createEmulatedCard('default'))).toBe(false);
  });

  it('retains a returned card nobody takes, says so, records it, and takes the next customer’s card', async () => {
    const t = await start({ delays: { cardTake: 200, noticeScreen: 400 } });
    const { kiosk } = t;
    await t.toPin();
    kiosk.send({ type: 'CANCEL' });
    // Nothing was obtained yet: nothing to say about deleting it.
    expect(await t.screen('returning-card')).toMatchObject({ reason: 'cancelled', deletion: 'none' });
    expect(await t.screen('card-retained', 3000)).toMatchObject({ canCancel: false });
    expect(t.motorised().retainedCount).toBe(1);
    expect(t.lastSession().events).toEqual([
      'session-started',
      'service-selected',
      'agreed',
      'card-inserted',
      'session-ended',
      'card-retained',
    ]);
    await t.screen('attract', 3000);
    // The captured card is in the bin, not in the slot: the next customer goes on.
    await t.toPin();
    expect(await t.screen('pin')).toMatchObject({ triesLeft: 3 });
    expect(t.motorised().position).toBe('inside');
  });

  it('goes back from the confirmation to the service choice, for another service', async () => {
    const t = await start();
    const { kiosk } = t;
    await t.screen('attract');
    kiosk.send({ type: 'START' });
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'housing-loan-income' });
    await t.screen('confirmation');
    expect(kiosk.send({ type: 'BACK' })).toEqual({ ok: true });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: 'card-loan-income' });
    expect(await t.screen('confirmation')).toMatchObject({ service: { id: 'card-loan-income' } });
  });

  it('keeps the receipt number up while the customer touches the screen', async () => {
    const t = await start({ delays: { completeScreen: 600 } });
    const { kiosk } = t;
    await t.toPin();
    await t.typePin('1234');
    await t.confirm();
    await t.screen('finishing');
    t.motorised().take();
    await t.screen('complete');
    // Touched every 300 ms for twice the screen's time: still up.
    for (let touch = 0; touch < 4; touch += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kiosk.view().screen).toBe('complete');
      kiosk.send({ type: 'ACTIVITY' });
    }
    await t.screen('attract', 3000);
  });

  describe('with a plain desk reader (the card stays in the customer’s reach)', () => {
    const desk = { mechanics: 'desk' } as const;

    it('ends the session when the card is pulled out on the review screen, submitting nothing', async () => {
      const t = await start(desk);
      const { kiosk, gateway } = t;
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('default'));
      await t.typePin('1234');
      await t.screen('review');
      t.reader.remove();
      await t.screen('card-removed');
      expect(gateway.submissions).toHaveLength(0);
      kiosk.send({ type: 'DISMISS' });
      await t.screen('ended');
      // What was obtained is deleted at the gateway, and the screen says so once it is.
      await until(() => {
        const view = kiosk.view();
        return view.screen === 'ended' && view.deletion === 'confirmed';
      }, 'the deletion confirmed on the screen');
      expect(gateway.heldRetrievals).toBe(0);
    });

    it('ends the session as card removed when the card is pulled out on the retrieval-error screen', async () => {
      const t = await start(desk);
      const { kiosk, gateway } = t;
      gateway.faults.inject('status', { kind: 'status', status: 503 }, 1000);
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('default'));
      await t.typePin('1234');
      expect(await t.screen('retrieval-error')).toMatchObject({ retryable: true });
      kiosk.send({ type: 'RETRY' });
      await until(() => kiosk.audit.counters()['retrieval-failed'] === 2);
      await t.screen('retrieval-error');
      t.reader.remove();
      // No retry is offered with a card that may have been swapped meanwhile.
      await t.screen('card-removed', 2000);
      kiosk.send({ type: 'CANCEL' });
      // Nothing was obtained, and the notice said the procedure stopped: one screen, then the attract loop.
      await t.screen('attract');
      const session = t.lastSession();
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'agreed',
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
      const t = await start(desk);
      const { kiosk } = t;
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('expired'));
      expect(await t.screen('card-error')).toMatchObject({ problem: 'expired' });
      t.reader.remove();
      await t.screen('attract', 1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kiosk.view().screen).toBe('attract');
      const session = t.lastSession();
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'agreed',
        'card-inserted',
        'card-rejected',
        'card-returned',
        'session-ended',
      ]);
      expect(session.ids).toEqual([expect.any(String)]);
    });

    it('says a card that stops answering at the signature did not respond, and ends once it is pulled out', async () => {
      const t = await start({ mechanics: 'desk', deadlines: { commandMs: 300, disconnectMs: 100 } });
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('unresponsive'));
      await t.typePin('1234');
      expect(await t.screen('card-error')).toMatchObject({ problem: 'unresponsive' });
      t.reader.remove();
      await t.screen('attract', 1000);
      const session = t.lastSession();
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'agreed',
        'card-inserted',
        'card-rejected',
        'card-returned',
        'session-ended',
      ]);
    });

    it('records one return for a card given back, and then waits at the attract loop', async () => {
      const t = await start(desk);
      const { kiosk } = t;
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('default'));
      await t.screen('pin');
      kiosk.send({ type: 'CANCEL' });
      await t.screen('returning-card');
      t.reader.remove();
      await t.screen('attract');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kiosk.view().screen).toBe('attract');
      const session = t.lastSession();
      expect(session.events).toEqual(['session-started', 'service-selected', 'agreed', 'card-inserted', 'session-ended', 'card-returned']);
      expect(session.ids).toEqual([expect.any(String)]);
    });

    it('asks staff to take a card left in the reader, and stays out of service once it is gone, for staff to confirm', async () => {
      const t = await start({ ...desk, delays: { cardTake: 200 } });
      const { kiosk } = t;
      await t.toInsertCard();
      t.reader.insert(await createEmulatedCard('default'));
      await t.screen('pin');
      kiosk.send({ type: 'CANCEL' });
      await t.screen('card-left-behind', 3000);
      expect(kiosk.audit.recent().map((record) => record.event)).toContain('card-left-behind');
      // Whoever takes it, the next customer does not start: staff confirm in the menu (kiosk-kept-cards.test.ts).
      t.reader.remove();
      expect(await t.screen('out-of-service')).toMatchObject({ reason: 'operator', notice: 'card-left-behind' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Staff took it, not its owner: it stays recorded as left behind, in the customer's session.
      const session = t.lastSession();
      expect(session.events).toEqual([
        'session-started',
        'service-selected',
        'agreed',
        'card-inserted',
        'session-ended',
        'card-left-behind',
      ]);
      expect(session.ids).toEqual([expect.any(String)]);
    });
  });

  it('shuffles the keypad when the branch chose so: a new layout per PIN screen, stable while typing', async () => {
    const t = await start({ display: { calendar: 'japanese', shuffleKeypad: true, physicalKeypad: false } });
    const { kiosk } = t;
    await t.toPin();
    const first = await t.screen('pin');
    if (first.screen !== 'pin') throw new Error('unreachable');
    expect([...first.keypad].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    kiosk.send({ type: 'DIGIT', digit: 1 });
    expect(kiosk.view()).toMatchObject({ digits: 1, keypad: first.keypad });
    // Typing a wrong PIN brings the PIN screen back: with a new layout (1 in 10! chance of the same).
    kiosk.send({ type: 'BACKSPACE' });
    await t.typePin('9999');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await t.screen('pin');
    expect(second).toMatchObject({ lastAttemptWrong: true });
    if (second.screen !== 'pin') throw new Error('unreachable');
    expect(second.keypad).not.toEqual(first.keypad);
  });

  it('tells the PIN screen whether the terminal has a number pad of its own, as configured', async () => {
    const plain = await start();
    await plain.toPin();
    expect(await plain.screen('pin')).toMatchObject({ screen: 'pin', physicalKeypad: false });
    const t = await start({ display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: true } });
    const { kiosk } = t;
    await t.toPin();
    expect(await t.screen('pin')).toMatchObject({ screen: 'pin', physicalKeypad: true, keypad: [1, 2, 3, 4, 5, 6, 7, 8, 9, 0] });
    // It is the PIN screen's alone: the screen after it does not carry it.
    kiosk.send({ type: 'CANCEL' });
    expect(kiosk.view().screen).not.toBe('pin');
    expect(kiosk.view()).not.toHaveProperty('physicalKeypad');
  });

  it('rejects screen events that are not the protocol', async () => {
    const t = await start();
    const { kiosk } = t;
    for (const event of [
      { type: 'DIGIT', digit: 12 },
      { type: 'CONFIRM', itemKeys: [] },
      { type: 'REVIEW_SEEN' },
      { type: 'REVIEW_SEEN', lastItemKey: '<img src=x>' },
      { type: 'xstate.done.actor.x' },
      'TOUCH',
      null,
    ]) {
      expect(kiosk.send(event)).toEqual({ ok: false, error: 'invalid-event' });
    }
  });
});

describe('answers of マイナポータル as the customer and the bank need them', () => {
  it('shows every record of a range answer, record by record, and submits each as shown', async () => {
    const t = await start();
    const { gateway } = t;
    await t.toInsertCard('pension-income');
    await t.insert('default');
    await t.typePin('1234');
    const review = await t.at('review');
    // 範囲指定 over the last two years: both yearly records, each with its items.
    expect(review.items.map(itemKey)).toEqual([
      'pensionYear@2024',
      'pensionAnnualAmount@2024',
      'pensionYear@2025',
      'pensionAnnualAmount@2025',
    ]);
    expect(review.items.map((item) => item.value)).toEqual([
      { kind: 'year', year: 2024 },
      { kind: 'yen', amount: 1_920_000 },
      { kind: 'year', year: 2025 },
      { kind: 'yen', amount: 1_980_000 },
    ]);
    await t.confirm();
    await t.screen('finishing');
    t.take();
    await t.screen('complete');
    expect(gateway.submissions[0]?.submission.items).toEqual(review.items);
  });

  it('traces a receipt back to its session, the gateway’s retrieval and マイナポータル’s process, from the audit trail alone', async () => {
    const t = await start();
    const { kiosk, gateway } = t;
    // Two customers, the first retrying once: the trace names the retrieval consented to.
    gateway.faults.inject('status', { kind: 'status', status: 503 }, 3);
    await t.toPin();
    await t.typePin('1234');
    await t.screen('retrieval-error');
    kiosk.send({ type: 'RETRY' });
    await t.at('review');
    await t.confirm();
    await t.screen('finishing');
    t.take();
    const first = await t.at('complete');
    kiosk.send({ type: 'DISMISS' });
    await t.toReview();
    await t.confirm();
    await t.screen('finishing');
    t.take();
    await t.screen('complete');

    const trail = kiosk.audit.recent(1000);
    const sessions = trail.filter((record) => record.event === 'session-started').map((record) => record.session);
    expect(gateway.submissions).toHaveLength(2);
    for (const [index, { receipt, submission, processId }] of gateway.submissions.entries()) {
      expect(traceReceipt(trail, receipt.receiptId)).toEqual({
        session: sessions[index],
        retrieval: submission.retrievalId,
        process: processId,
        receipt: receipt.receiptId,
        reference: undefined,
      });
    }
    expect(first).toMatchObject({ submission: { status: 'delivered', receiptId: gateway.submissions[0]?.receipt.receiptId } });
    expect(traceReceipt(trail, 'XXXX-XXXX')).toBeUndefined();
  });

  it('traces the kiosk reference of a submission delivered later, and the bank’s receipt it then got', async () => {
    const { now, advance } = tuesdayAfternoon();
    const t = await start({ now, courierIntervalMs: 50 });
    const { kiosk, gateway } = t;
    await t.toReview();
    gateway.faults.inject('submit', { kind: 'status', status: 503 }, 3);
    await t.confirm();
    await t.screen('finishing');
    t.take();
    const complete = await t.at('complete');
    if (complete.submission.status !== 'sending') throw new Error('not sending');
    advance(60_000);
    await until(() => gateway.submissions.length === 1 && kiosk.outbox.size === 0);
    const [delivered] = gateway.submissions;
    const expected = {
      session: t.lastSession().ids[0],
      retrieval: delivered?.submission.retrievalId,
      process: delivered?.processId,
      receipt: delivered?.receipt.receiptId,
      reference: complete.submission.reference,
    };
    const trail = kiosk.audit.recent(1000);
    expect(traceReceipt(trail, complete.submission.reference)).toEqual(expected);
    expect(traceReceipt(trail, delivered?.receipt.receiptId ?? '')).toEqual(expected);
  });

  it.each([
    ['not-registered', { unregistered: ['default' as const] }],
    ['refused', { refusedServices: ['DEMO-BANK-HOUSING-LOAN'] }],
  ] as const)('tells a customer マイナポータル answers %s what to do, without a retry that cannot help', async (reason, gateway) => {
    const t = await start({ gateway });
    await t.toPin();
    await t.typePin('1234');
    expect(await t.screen('retrieval-error')).toMatchObject({ reason, retryable: false, canCancel: false });
    t.kiosk.send({ type: 'RETRY' });
    expect(t.kiosk.view()).toMatchObject({ screen: 'retrieval-error', reason });
    t.kiosk.send({ type: 'DISMISS' });
    await t.screen('returning-card');
    expect(t.gateway.submissions).toHaveLength(0);
    expect(t.kiosk.audit.recent().filter((record) => record.event === 'retrieval-failed')).toMatchObject([{ detail: { reason } }]);
  });
});

describe('the screens’ words, as the terminal is', () => {
  it('names the service on the PIN screen', async () => {
    const t = await start();
    await t.toInsertCard('card-loan-income');
    await t.insert('default');
    expect(await t.screen('pin')).toMatchObject({ serviceName: { ja: 'カードローンへの所得情報の提出' } });
  });

  it.each([
    ['motorised', true],
    ['desk', false],
  ] as const)('promises to keep the card inside only where the reader can (%s reader)', async (mechanics, readerHoldsCard) => {
    const t = await start({ mechanics });
    await t.toInsertCard();
    expect(await t.screen('insert-card')).toMatchObject({ readerHoldsCard });
  });
});
