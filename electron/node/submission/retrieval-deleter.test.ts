// Deleting a retrieval at the gateway after a session ended unprovided: queued durably,
// retried with backoff until the gateway confirms, and only then reported as deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../gateway/gateway-client.ts';
import type { HttpOutcome } from '../gateway/http-exchange.ts';
import { AuditTrail } from '../storage/audit-trail.ts';
import { DeletionQueue } from '../storage/deletion-queue.ts';
import { openKioskDatabase, type KioskDatabase } from '../storage/kiosk-database.ts';
import { RetrievalDeleter } from './retrieval-deleter.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RETRIEVAL = 'r'.repeat(24);
const answer = (status: number, code?: string): HttpOutcome => ({
  ok: true,
  value: { status, headers: {}, body: code ? { code } : undefined },
});

function setUp(answers: () => HttpOutcome, path?: string) {
  const dir = path ?? mkdtempSync(join(tmpdir(), 'deleter-'));
  if (!path) dirs.push(dir);
  let clock = Date.parse('2026-11-24T05:00:00.000Z');
  const now = (): Date => new Date(clock);
  const db: KioskDatabase = openKioskDatabase(join(dir, 'kiosk.sqlite'));
  const audit = new AuditTrail(db, new Uint8Array(32).fill(7), now);
  const requests: string[] = [];
  const gateway = new GatewayClient({
    baseUrl: 'http://gateway.invalid/',
    delay: () => Promise.resolve(),
    exchange: (request) => {
      requests.push(`${request.method} ${request.url.pathname}`);
      return Promise.resolve(answers());
    },
  });
  const queue = new DeletionQueue(db, now);
  const deleter = new RetrievalDeleter({ queue, gateway, audit, retry: { baseMs: 1000, maxMs: 4000 } });
  const deleted: string[] = [];
  deleter.onDeleted((id) => deleted.push(id));
  return { dir, db, audit, queue, deleter, deleted, requests, advance: (ms: number) => (clock += ms) };
}

describe('the retrieval deleter', () => {
  it('asks the gateway at once, and reports the deletion only once the gateway confirmed it', async () => {
    const { db, audit, deleter, deleted, requests } = setUp(() => answer(204));
    deleter.request(RETRIEVAL);
    await expect.poll(() => deleted).toEqual([RETRIEVAL]);
    expect(requests).toEqual([`DELETE /v1/retrievals/${RETRIEVAL}`]);
    expect(deleter.pending).toBe(0);
    expect(audit.recent().at(-1)).toMatchObject({ event: 'retrieval-deleted', detail: { retrieval: RETRIEVAL, attempts: 1 } });
    db.close();
  });

  it('keeps the deletion while the gateway fails, asks again after the backoff, and reports it when confirmed', async () => {
    let up = false;
    const { db, queue, deleter, deleted, requests, advance } = setUp(() => (up ? answer(204) : answer(503, 'unavailable')));
    deleter.request(RETRIEVAL);
    // The first try failed: the deletion waits for its backoff.
    await expect.poll(() => queue.due()).toEqual([]);
    expect(deleter.pending).toBe(1);
    expect(deleted).toEqual([]);
    // Not due before its backoff: a round now asks nothing.
    const asked = requests.length;
    await deleter.flush();
    expect(requests).toHaveLength(asked);
    up = true;
    advance(1000);
    await deleter.flush();
    expect(deleted).toEqual([RETRIEVAL]);
    expect(deleter.pending).toBe(0);
    db.close();
  });

  it('counts a retrieval the gateway no longer knows as deleted', async () => {
    const { db, deleter, deleted } = setUp(() => answer(404, 'unknown-retrieval'));
    deleter.request(RETRIEVAL);
    await expect.poll(() => deleted).toEqual([RETRIEVAL]);
    expect(deleter.pending).toBe(0);
    db.close();
  });

  it('keeps an unconfirmed deletion across a restart, and confirms it from the next kiosk', async () => {
    const first = setUp(() => answer(503, 'unavailable'));
    first.deleter.request(RETRIEVAL);
    await expect.poll(() => first.queue.due()).toEqual([]);
    first.deleter.stop();
    first.db.close();
    const next = setUp(() => answer(204), first.dir);
    expect(next.deleter.pending).toBe(1);
    next.advance(60_000);
    await next.deleter.flush();
    expect(next.deleted).toEqual([RETRIEVAL]);
    expect(next.deleter.pending).toBe(0);
    next.db.close();
  });
});
