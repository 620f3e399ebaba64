// The courier delivers each consented submission exactly once, keeps what the bank cannot
// take yet, and deletes what can never be delivered: a submission whose retrieval the gateway
// no longer holds is final at once, recorded for staff, never retried for days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../gateway/gateway-client.ts';
import type { HttpExchange, HttpOutcome } from '../gateway/http-exchange.ts';
import { AuditTrail } from '../storage/audit-trail.ts';
import { openKioskDatabase } from '../storage/kiosk-database.ts';
import { SubmissionOutbox } from '../storage/submission-outbox.ts';
import { KIOSK_REFERENCE } from './kiosk-reference.ts';
import { SubmissionCourier } from './submission-courier.ts';
import { SUBMISSION } from '../../../test/support/submission-fixture.ts';

/** The gateway holds the retrieval for half an hour after the test's clock starts. */
const HELD_UNTIL = '2026-11-24T05:30:00.000Z';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp(answer: (request: HttpExchange) => Promise<HttpOutcome>) {
  const dir = mkdtempSync(join(tmpdir(), 'courier-'));
  dirs.push(dir);
  let clock = Date.parse('2026-11-24T05:00:00.000Z');
  const now = (): Date => new Date(clock);
  const db = openKioskDatabase(join(dir, 'kiosk.sqlite'));
  const outbox = new SubmissionOutbox(db, new Uint8Array(32).fill(7), now);
  const audit = new AuditTrail(db, new Uint8Array(32).fill(7), now);
  const keys: string[] = [];
  const gateway = new GatewayClient({
    baseUrl: 'http://gateway.invalid/',
    delay: () => Promise.resolve(),
    exchange: (request) => {
      keys.push(request.headers?.['idempotency-key'] ?? '');
      return answer(request);
    },
  });
  const courier = new SubmissionCourier({ outbox, gateway, audit, now, retry: { baseMs: 1000, maxMs: 1000 }, retentionMs: 60_000 });
  return { db, now, outbox, audit, courier, keys, advance: (ms: number) => (clock += ms), close: () => db.close() };
}

const receipt: HttpOutcome = {
  ok: true,
  value: { status: 201, headers: {}, body: { receiptId: 'R-00000001', receivedAt: '2026-11-24T05:00:01.000Z' } },
};

describe('the submission courier', () => {
  it('delivers a due submission once even when two rounds overlap', async () => {
    const { outbox, courier, keys, close } = setUp(() => new Promise((resolve) => setTimeout(() => resolve(receipt), 50)));
    outbox.store(SUBMISSION, HELD_UNTIL);
    await Promise.all([courier.flush(), courier.flush(), courier.flush()]);
    await courier.flush();
    expect(keys).toHaveLength(1);
    expect(outbox.size).toBe(0);
    close();
  });

  it('refuses a staff purge while the submission is being sent (the bank may be acknowledging it), and purges it once it is not', async () => {
    // The bank down, its first answer held back while the test tries to purge (the client's own retries answered at once).
    const down: HttpOutcome = { ok: true, value: { status: 503, headers: {}, body: {} } };
    let answer: (outcome: HttpOutcome) => void = () => undefined;
    let calls = 0;
    const { outbox, audit, courier, close } = setUp(() =>
      (calls += 1) === 1 ? new Promise((resolve) => (answer = resolve)) : Promise.resolve(down),
    );
    const { id, reference } = outbox.store(SUBMISSION, HELD_UNTIL);
    const sending = courier.flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(courier.purge(id, 'duplicate')).toBe('in-flight');
    expect(outbox.size).toBe(1);
    answer(down);
    await sending;
    expect(outbox.list()).toEqual([expect.objectContaining({ id, attempts: 1, lastError: expect.any(String) as string })]);
    expect(courier.purge(id, 'duplicate')).toBe('purged');
    expect(outbox.size).toBe(0);
    expect(courier.purge(id, 'duplicate')).toBe('not-found');
    expect(audit.recent().find((record) => record.event === 'submission-purged')?.detail).toEqual({ id, reference, reason: 'duplicate' });
    close();
  });

  it('reads the outbox again on every round, also after a round that found nothing due', async () => {
    const { outbox, courier, keys, close } = setUp(() => Promise.resolve(receipt));
    await courier.flush(); // an empty outbox at start-up
    outbox.store(SUBMISSION, HELD_UNTIL);
    await courier.flush();
    expect(keys).toHaveLength(1);
    expect(outbox.size).toBe(0);
    close();
  });

  it.each([
    ['retrieval-expired', 410, 'expired'],
    ['unknown-retrieval', 404, 'not-found'],
  ] as const)('deletes a submission at once when the gateway answers %s, and records it for staff', async (code, status, reason) => {
    const { outbox, audit, courier, keys, advance, close } = setUp(() =>
      Promise.resolve({ ok: true, value: { status, headers: {}, body: { code } } }),
    );
    const { reference } = outbox.store(SUBMISSION, HELD_UNTIL);
    await courier.flush();
    // Final: gone from the kiosk after one answer, and no retry will ever ask again.
    expect(outbox.size).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'submission-expired', detail: { reference, reason } });
    advance(60_000);
    await courier.flush();
    expect(keys).toHaveLength(1);
    close();
  });

  it('keeps re-sending, with the same key, while the gateway holds the retrieval, and deletes it unsent once heldUntil has passed', async () => {
    const { outbox, audit, courier, keys, advance, close } = setUp(() =>
      Promise.resolve({ ok: true, value: { status: 503, headers: {}, body: { code: 'unavailable' } } }),
    );
    const { idempotencyKey, reference } = outbox.store(SUBMISSION, HELD_UNTIL);
    await courier.flush();
    advance(29 * 60_000);
    await courier.flush();
    expect(outbox.size).toBe(1);
    expect(new Set(keys)).toEqual(new Set([idempotencyKey]));
    const sent = keys.length;
    advance(60_000); // 05:30: the gateway has deleted the retrieval
    await courier.flush();
    expect(outbox.size).toBe(0);
    expect(keys).toHaveLength(sent);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'submission-expired', detail: { reference, reason: 'held-until-passed' } });
    close();
  });

  it('gives the customer a kiosk reference and until when it is tried; the delivery later names the same reference', async () => {
    let up = false;
    const { outbox, audit, courier, advance, close } = setUp(() =>
      Promise.resolve(up ? receipt : { ok: true, value: { status: 503, headers: {}, body: { code: 'unavailable' } } }),
    );
    const outcome = await courier.submit(SUBMISSION, HELD_UNTIL);
    if (outcome.kind !== 'queued') throw new Error(`not queued: ${outcome.kind}`);
    expect(outcome.reference).toMatch(KIOSK_REFERENCE);
    expect(outcome.until).toBe(HELD_UNTIL);
    up = true;
    advance(1000);
    await courier.flush();
    expect(outbox.size).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({
      event: 'submission-delivered',
      detail: { reference: outcome.reference, receipt: 'R-00000001' },
    });
    close();
  });

  it('tells the session the submission failed when the gateway no longer holds the retrieval at 確認', async () => {
    const { outbox, courier, close } = setUp(() =>
      Promise.resolve({ ok: true, value: { status: 410, headers: {}, body: { code: 'retrieval-expired' } } }),
    );
    expect(await courier.submit(SUBMISSION, HELD_UNTIL)).toEqual({ kind: 'failed' });
    expect(outbox.size).toBe(0);
    close();
  });

  it('never sends a submission sealed under another key, and deletes it once it could no longer be delivered anyway', async () => {
    const { db, now, outbox, audit, courier, keys, advance, close } = setUp(() => Promise.resolve(receipt));
    new SubmissionOutbox(db, new Uint8Array(32).fill(9), now).store(SUBMISSION, HELD_UNTIL);
    await courier.flush();
    expect(keys).toHaveLength(0);
    expect(outbox.size).toBe(1);
    expect(audit.counters()['submission-unreadable']).toBe(1);
    advance(29 * 60_000);
    await courier.flush();
    expect(outbox.size).toBe(1);
    advance(60_000); // heldUntil
    await courier.flush();
    expect(keys).toHaveLength(0);
    expect(outbox.size).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'submission-expired', detail: { reason: 'unreadable' } });
    close();
  });

  it('deletes a submission that can never be accepted, and records why', async () => {
    const { outbox, audit, courier, close } = setUp(() =>
      Promise.resolve({ ok: true, value: { status: 422, headers: {}, body: { code: 'items-not-retrieved' } } }),
    );
    outbox.store(SUBMISSION, HELD_UNTIL);
    await courier.flush();
    expect(outbox.size).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'submission-rejected', detail: { reason: 'items-not-retrieved' } });
    close();
  });
});
