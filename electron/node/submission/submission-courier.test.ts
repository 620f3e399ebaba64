// The courier delivers each consented submission exactly once, keeps what the bank cannot
// take yet for staff, and deletes only what can never be delivered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../gateway/gateway-client.ts';
import type { HttpExchange, HttpOutcome } from '../gateway/http-exchange.ts';
import { AuditTrail } from '../storage/audit-trail.ts';
import { openKioskDatabase } from '../storage/kiosk-database.ts';
import { SubmissionOutbox } from '../storage/submission-outbox.ts';
import { SubmissionCourier } from './submission-courier.ts';
import { SUBMISSION } from '../../../test/support/submission-fixture.ts';

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
  const courier = new SubmissionCourier({ outbox, gateway, audit, retry: { baseMs: 1000, maxMs: 1000 }, retentionMs: 60_000 });
  return { db, now, outbox, audit, courier, keys, advance: (ms: number) => (clock += ms), close: () => db.close() };
}

const receipt: HttpOutcome = {
  ok: true,
  value: { status: 201, headers: {}, body: { receiptId: 'R-00000001', receivedAt: '2026-11-24T05:00:01.000Z' } },
};

describe('the submission courier', () => {
  it('delivers a due submission once even when two rounds overlap', async () => {
    const { outbox, courier, keys, close } = setUp(() => new Promise((resolve) => setTimeout(() => resolve(receipt), 50)));
    outbox.store(SUBMISSION);
    await Promise.all([courier.flush(), courier.flush(), courier.flush()]);
    await courier.flush();
    expect(keys).toHaveLength(1);
    expect(outbox.size).toBe(0);
    close();
  });

  it('reads the outbox again on every round, also after a round that found nothing due', async () => {
    const { outbox, courier, keys, close } = setUp(() => Promise.resolve(receipt));
    await courier.flush(); // an empty outbox at start-up
    outbox.store(SUBMISSION);
    await courier.flush();
    expect(keys).toHaveLength(1);
    expect(outbox.size).toBe(0);
    close();
  });

  it('keeps a submission the bank refuses for now (for staff), with the same key, until the retention ends', async () => {
    const { outbox, audit, courier, keys, advance, close } = setUp(() =>
      Promise.resolve({ ok: true, value: { status: 404, headers: {}, body: { code: 'unknown-retrieval' } } }),
    );
    const { idempotencyKey } = outbox.store(SUBMISSION);
    await courier.flush();
    expect(outbox.size).toBe(1);
    advance(1000);
    await courier.flush();
    expect(new Set(keys)).toEqual(new Set([idempotencyKey]));
    expect(audit.counters()['submission-refused']).toBe(2);
    advance(60_000);
    await courier.flush();
    expect(outbox.size).toBe(0);
    expect(audit.counters()['submission-expired']).toBe(1);
    close();
  });

  it('never sends a submission sealed under another key, and deletes it when the retention ends', async () => {
    const { db, now, outbox, audit, courier, keys, advance, close } = setUp(() => Promise.resolve(receipt));
    new SubmissionOutbox(db, new Uint8Array(32).fill(9), now).store(SUBMISSION);
    await courier.flush();
    expect(keys).toHaveLength(0);
    expect(outbox.size).toBe(1);
    expect(audit.counters()['submission-unreadable']).toBe(1);
    advance(61_000);
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
    outbox.store(SUBMISSION);
    await courier.flush();
    expect(outbox.size).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'submission-rejected', detail: { reason: 'items-not-retrieved' } });
    close();
  });
});
