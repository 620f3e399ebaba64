// The day's counters (日計) and the day-close report from a real kiosk's audit trail: customer
// sessions of every outcome walked through the kiosk as customers do (completed, declined,
// 取消 on three screens, a wrong PIN, a blocked PIN, a refused card, a gateway failure, a timeout,
// a service outside its hours, a card nobody took, submissions queued and then delivered,
// expired or rejected), one of them across Japan midnight; the report as JSON and as a PDF read
// back with pdftotext; the 14-day outcome series; and a receipt found anywhere in the trail.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CARD_RECORDS } from '../devkit/reference-gateway/test-card-records.ts';
import { TestKiosk, tuesdayAfternoon } from '../../test/support/kiosk-driver.ts';
import { until } from '../../test/support/until.ts';
import { fromTokyo } from './hours/tokyo-time.ts';
import { emptyCounters, tokyoDateOf, type DayCounters } from './storage/day-counters.ts';
import { traceReceipt } from './storage/trace-receipt.ts';

const HOUSING = 'housing-loan-income';
const CARD_LOAN = 'card-loan-income';
const PENSION = 'pension-income';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every counter at zero but those given. */
const counters = (given: Partial<DayCounters>): DayCounters => ({ ...emptyCounters(), ...given });

/** The customer's income amounts the test card's records carry: none may leave in a report. */
const CANARIES = Object.values(TEST_CARD_RECORDS.default ?? {})
  .flat()
  .flatMap((record) => Object.values(record))
  .filter((value) => /^\d{6,}$/.test(value));

const SUBMIT_DOWN = { kind: 'status', status: 503 } as const;

describe('the day’s counters and the day-close report, from a kiosk’s audit trail', () => {
  it('counts sessions of every outcome by Japan day and by service, a session across midnight on the day it started', async () => {
    const clock = tuesdayAfternoon();
    const t = await TestKiosk.start({
      now: clock.now,
      courierIntervalMs: 50,
      delays: { idle: 3000, idleCountdown: 300, noticeScreen: 1500, cardTake: 1500 },
    });
    cleanups.push(() => t.stop());
    const { kiosk, gateway } = t;
    const jumpTo = (at: Date): void => clock.advance(at.getTime() - clock.now().getTime());

    /** To 確認 and the card taken: the completion screen, which is then dismissed. */
    const confirmAndTake = async (): Promise<Awaited<ReturnType<typeof t.at<'complete'>>>> => {
      await t.confirm();
      await t.screen('finishing');
      t.take();
      const complete = await t.at('complete');
      kiosk.send({ type: 'DISMISS' });
      await t.screen('attract');
      return complete;
    };
    /** A card given back on a notice or at the end: taken, the kiosk is back at the attract loop. */
    const takeBack = async (): Promise<void> => {
      await until(() => ['returning-card', 'card-error', 'pin-blocked'].includes(kiosk.view().screen), 'the card given back');
      t.take();
      await t.screen('attract');
    };

    // Tuesday 24 November, afternoon.
    // 1. Housing loan, completed, the bank's receipt at once.
    await t.toReview();
    await confirmAndTake();
    // 2. Card loan, one wrong PIN, then completed.
    await t.toInsertCard(CARD_LOAN);
    await t.insert();
    await t.typePin('9999');
    await until(() => {
      const view = kiosk.view();
      return view.screen === 'pin' && view.lastAttemptWrong;
    }, 'the wrong PIN told');
    await t.typePin('1234');
    await t.at('review');
    await confirmAndTake();
    // 3. Housing loan, declined on the review screen.
    await t.toReview();
    kiosk.send({ type: 'DECLINE' });
    await takeBack();
    // 4. Housing loan, 取消 on the PIN screen, and the card not taken: retained.
    await t.toPin();
    await t.screen('pin');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('card-retained', 5000);
    await t.screen('attract');
    // 5. 取消 on the service choice, no service chosen.
    await t.screen('attract');
    kiosk.send({ type: 'TOUCH' });
    kiosk.send({ type: 'START' });
    await t.screen('service-choice');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('attract', 5000);
    // 6. Card loan, 取消 on the confirmation screen.
    kiosk.send({ type: 'TOUCH' });
    kiosk.send({ type: 'START' });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: CARD_LOAN });
    await t.screen('confirmation');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('attract', 5000);
    // 7. Housing loan, the gateway failing the retrieval.
    gateway.faults.inject('status', { kind: 'status', status: 503 }, 3);
    await t.toPin();
    await t.typePin('1234');
    const { reason: retrievalProblem } = await t.at('retrieval-error');
    kiosk.send({ type: 'DISMISS' });
    await takeBack();
    // 8. Housing loan, an expired card.
    await t.toPin('expired');
    await t.screen('card-error');
    await takeBack();
    // 9. Housing loan, a blocked PIN.
    await t.toPin('pin-blocked');
    await t.screen('pin-blocked');
    await takeBack();
    // 10. Housing loan, nobody there any more on the confirmation screen.
    await t.screen('attract');
    kiosk.send({ type: 'TOUCH' });
    kiosk.send({ type: 'START' });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: HOUSING });
    await t.screen('idle-warning', 8000);
    await t.screen('attract', 5000);
    // 11. Card loan, queued while the bank is down, and deleted as expired once the gateway no longer holds it.
    gateway.faults.inject('submit', SUBMIT_DOWN, Infinity);
    await t.toInsertCard(CARD_LOAN);
    await t.insert();
    await t.typePin('1234');
    await t.at('review');
    expect(await confirmAndTake()).toMatchObject({ submission: { status: 'sending' } });
    clock.advance(31 * 60_000);
    await until(() => kiosk.outbox.size === 0, 'the queued submission expired');
    // 12. Housing loan, queued, then refused by the bank for good.
    await t.toReview();
    expect(await confirmAndTake()).toMatchObject({ submission: { status: 'sending' } });
    gateway.faults.clear();
    gateway.faults.inject('submit', { kind: 'answer', status: 400, body: { code: 'invalid-request' } }, Infinity);
    clock.advance(60_000);
    await until(() => kiosk.outbox.size === 0, 'the queued submission rejected');
    gateway.faults.clear();

    // 13. Late in the evening: the pension service's servers are closed; the notice ends the session.
    jumpTo(fromTokyo(2026, 11, 24, 23, 50));
    kiosk.send({ type: 'TOUCH' });
    kiosk.send({ type: 'START' });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: PENSION });
    await t.screen('unavailable');
    await t.screen('attract', 5000);
    // 14. Housing loan, started a few seconds before midnight, completed after it, the
    // submission queued and delivered later that night.
    jumpTo(new Date(fromTokyo(2026, 11, 25).getTime() - 20_000));
    await t.toReview();
    jumpTo(new Date(fromTokyo(2026, 11, 25).getTime() + 5_000));
    gateway.faults.inject('submit', SUBMIT_DOWN, Infinity);
    const midnight = await confirmAndTake();
    if (midnight.submission.status !== 'sending') throw new Error('not queued');
    const { reference } = midnight.submission;
    gateway.faults.clear();
    clock.advance(60_000);
    await until(() => kiosk.outbox.size === 0, 'the queued submission delivered');

    // Wednesday 25 November. 15. 取消 on the top screen.
    kiosk.send({ type: 'TOUCH' });
    await t.screen('top');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('attract', 5000);

    // The midnight session is what the test says: started on the 24th, completed on the 25th.
    const trail = kiosk.audit.recent(1000);
    const midnightSession = trail.find(
      (record) => record.event === 'submission-queued' && record.detail?.['reference'] === reference,
    )?.session;
    const ofMidnight = trail.filter((record) => record.session === midnightSession);
    expect(tokyoDateOf(ofMidnight.find((record) => record.event === 'session-started')?.at ?? '')).toBe('2026-11-24');
    expect(tokyoDateOf(ofMidnight.find((record) => record.event === 'session-completed')?.at ?? '')).toBe('2026-11-25');

    const tuesday = kiosk.dayClose('2026-11-24');
    if (!tuesday.ok) throw new Error(tuesday.error);
    expect(tuesday.value.total).toEqual(
      counters({
        sessionsStarted: 14,
        completed: 5,
        declined: 1,
        cancelled: { pin: 1, 'service-choice': 1, confirmation: 1 },
        timedOut: 1,
        unavailable: 1,
        retrievalFailures: { [retrievalProblem]: 1 },
        pinFailed: 1,
        pinBlocked: 1,
        cardErrors: { expired: 1 },
        submissionsDelivered: 2,
        submissionsQueued: 3,
        submissionsExpired: 1,
        submissionsRejected: 1,
        cardsRetained: 1,
      }),
    );
    expect(tuesday.value.services).toEqual({
      '(none)': counters({ sessionsStarted: 1, cancelled: { 'service-choice': 1 } }),
      [CARD_LOAN]: counters({
        sessionsStarted: 3,
        completed: 2,
        cancelled: { confirmation: 1 },
        pinFailed: 1,
        submissionsDelivered: 1,
        submissionsQueued: 1,
        submissionsExpired: 1,
      }),
      [HOUSING]: counters({
        sessionsStarted: 9,
        completed: 3,
        declined: 1,
        cancelled: { pin: 1 },
        timedOut: 1,
        retrievalFailures: { [retrievalProblem]: 1 },
        pinBlocked: 1,
        cardErrors: { expired: 1 },
        submissionsDelivered: 1,
        submissionsQueued: 2,
        submissionsRejected: 1,
        cardsRetained: 1,
      }),
      [PENSION]: counters({ sessionsStarted: 1, unavailable: 1 }),
    });
    // The business year from 1 April: the five completed sessions, the midnight one included.
    expect(tuesday.value.yearlyUsers).toEqual({
      basis: 'fiscal-year',
      from: '2026-04-01',
      to: '2026-11-24',
      completedSessions: 5,
      partial: false,
    });
    expect(tuesday.value.trail).toMatchObject({ ok: true });
    // 取込カード管理簿 at the close: the retained card held, the retain unit's count agreeing with the records.
    expect(tuesday.value.keptCards).toEqual({ open: 1, flagged: 0, reconciliation: { binCount: 1, recorded: 1, matches: true } });

    // The next day: its one session, and the midnight session's submission delivered that night.
    const wednesday = kiosk.dayClose('2026-11-25');
    if (!wednesday.ok) throw new Error(wednesday.error);
    expect(wednesday.value.total).toEqual(counters({ sessionsStarted: 1, cancelled: { top: 1 }, submissionsDelivered: 1 }));
    expect(wednesday.value.services).toEqual({
      '(none)': counters({ sessionsStarted: 1, cancelled: { top: 1 } }),
      [HOUSING]: counters({ submissionsDelivered: 1 }),
    });
    expect(kiosk.dayClose('2026-11-23')).toMatchObject({ ok: true, value: { total: counters({}) } });

    // The chart's data: the 14 days ending today, each day's sessions by outcome.
    const series = kiosk.sessionSeries();
    if (!series.ok) throw new Error(series.error);
    expect(series.value.map((day) => day.date)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-11-${String(12 + i).padStart(2, '0')}`));
    const zero = { completed: 0, declined: 0, cancelled: 0, 'timed-out': 0, unavailable: 0, failed: 0, unfinished: 0 };
    expect(series.value.at(-2)).toEqual({
      ...zero,
      date: '2026-11-24',
      completed: 5,
      declined: 1,
      cancelled: 3,
      'timed-out': 1,
      unavailable: 1,
      failed: 3,
    });
    expect(series.value.at(-1)).toEqual({ ...zero, date: '2026-11-25', cancelled: 1 });
    expect(series.value.slice(0, -2)).toEqual(series.value.slice(0, -2).map(({ date }) => ({ ...zero, date })));

    // The PDF, read back: the day, the totals, the services; nothing of the customers' income.
    const pdf = await kiosk.dayClosePdf('2026-11-24');
    if (!pdf.ok) throw new Error(pdf.error);
    const text = pdfText(pdf.value);
    expect(text).toContain('日計表');
    expect(text).toContain('2026-11-24');
    expect(text).toMatch(/Sessions started\s+14\s+1\s+3\s+9\s+1\b/);
    expect(text).toMatch(/Completed\s+5\s+0\s+2\s+3\s+0\b/);
    expect(text).toMatch(/Cancelled on: confirmation\s+1\s+0\s+1\s+0\s+0\b/);
    expect(text).toMatch(/Users this business year \(2026-04-01 – 2026-11-24\): 5/);
    expect(text).toMatch(/Retained cards: held 1, lost-property 0; retain bin 1 \/ recorded 1 \(agree\)/);
    expect(CANARIES.length).toBeGreaterThan(4);
    for (const report of [text, JSON.stringify(tuesday.value), JSON.stringify(wednesday.value)])
      expect(CANARIES.filter((amount) => report.includes(amount))).toEqual([]);

    // Receipt lookup: more customers come and go until the first customer's receipt is behind
    // the last 100 records.
    const first = gateway.submissions[0]?.receipt.receiptId ?? '';
    for (let more = 0; traceReceipt(kiosk.audit.recent(100), first) && more < 100; more += 1) {
      kiosk.send({ type: 'TOUCH' });
      kiosk.send({ type: 'START' });
      await t.screen('service-choice');
      kiosk.send({ type: 'CANCEL' });
      await t.screen('ended');
      kiosk.send({ type: 'DISMISS' });
      await t.screen('attract');
    }
    expect(traceReceipt(kiosk.audit.recent(100), first)).toBeUndefined();
    const found = kiosk.lookupReceipt(first);
    expect(found).toMatchObject({ trace: { receipt: first, reference: undefined }, service: HOUSING });
    expect(found?.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['session-started', 'service-selected', 'authenticated', 'consent-given', 'submitted', 'session-completed']),
    );
    expect(found?.timeline.map((entry) => entry.event).filter((event) => event === 'session-started')).toHaveLength(1);
    expect(JSON.stringify(found)).not.toMatch(/"card"/);
    // The midnight customer's reference leads to the receipt the bank gave that night.
    const later = kiosk.lookupReceipt(reference);
    expect(later?.trace).toMatchObject({
      reference,
      receipt: gateway.submissions.at(-1)?.receipt.receiptId,
    });
    expect(later?.timeline.map((entry) => entry.event)).toEqual(expect.arrayContaining(['submission-queued', 'submission-delivered']));
    expect(kiosk.lookupReceipt('XXXX-XXXX')).toBeUndefined();
  }, 120_000);
});

describe('the day’s counters on a desk reader (the card in the customer’s reach)', () => {
  it('counts a card pulled out, cards left behind once each, and 取消 because the screen was lost', async () => {
    const t = await TestKiosk.start({ mechanics: 'desk', delays: { cardTake: 200, noticeScreen: 1500 } });
    cleanups.push(() => t.stop());
    const { kiosk } = t;
    // 1. Pulled out on the review screen.
    await t.toReview();
    t.take();
    await t.screen('card-removed');
    kiosk.send({ type: 'DISMISS' });
    await t.screen('attract', 5000);
    // 2. 取消 on the PIN screen, the card left in the reader: staff take it.
    await t.toPin();
    await t.screen('pin');
    kiosk.send({ type: 'CANCEL' });
    await t.screen('card-left-behind', 3000);
    t.take();
    // The kiosk waits for staff to confirm what became of it (as the menu does: kiosk-kept-cards.test.ts).
    await t.screen('out-of-service');
    kiosk.maintenance.control.unlockCard();
    await t.screen('attract');
    // 3. Completed, the card left in the reader after 確認 (told on the completion screen and after it).
    await t.toReview();
    await t.confirm();
    await t.screen('complete', 5000);
    kiosk.send({ type: 'DISMISS' });
    await t.screen('card-left-behind');
    t.take();
    await t.screen('out-of-service');
    kiosk.maintenance.control.unlockCard();
    await t.screen('attract');
    // 4. The screen lost on the confirmation screen: the session ends as on 取消.
    kiosk.send({ type: 'TOUCH' });
    kiosk.send({ type: 'START' });
    await t.screen('service-choice');
    kiosk.send({ type: 'SELECT_SERVICE', serviceId: HOUSING });
    await t.screen('confirmation');
    kiosk.screenLost();
    await t.screen('attract', 5000);

    // The third customer's card is recorded left behind twice, and counted once.
    expect(kiosk.audit.recent(1000).filter((record) => record.event === 'card-left-behind')).toHaveLength(3);
    const today = kiosk.dayClose();
    if (!today.ok) throw new Error(today.error);
    const expected = counters({
      sessionsStarted: 4,
      completed: 1,
      cancelled: { pin: 1, 'screen-lost': 1 },
      cardRemoved: 1,
      submissionsDelivered: 1,
      cardsLeftBehind: 2,
    });
    expect(today.value).toMatchObject({ date: '2026-11-24', total: expected, services: { [HOUSING]: expected } });
    expect(Object.keys(today.value.services)).toEqual([HOUSING]);
    // Both cards are in the register, held for their owners; a desk reader has no retain unit to reconcile.
    expect(today.value.keptCards).toEqual({
      open: 2,
      flagged: 0,
      reconciliation: { binCount: undefined, recorded: 0, matches: undefined },
    });
    const series = kiosk.sessionSeries();
    expect(series.ok && series.value.at(-1)).toMatchObject({ date: '2026-11-24', completed: 1, cancelled: 2, failed: 1 });
  }, 60_000);
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'day-close-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
