// Deleting a retrieval at the reference gateway (over loopback) while it fails, and after.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestGateway } from '../../devkit/reference-gateway/test-gateway.ts';
import type { ReferenceGateway } from '../../devkit/reference-gateway/reference-gateway.ts';
import { fromTokyo } from '../hours/tokyo-time.ts';
import { DEMO_SERVICES } from '../services/service-catalog.ts';
import { GatewayClient } from './gateway-client.ts';
import { RetrievalDeletions } from './retrieval-deletions.ts';

const gateways: ReferenceGateway[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
});

async function setUp(): Promise<{
  gateway: ReferenceGateway;
  deletions: RetrievalDeletions;
  retrieval: () => Promise<string>;
  advance: (ms: number) => void;
  settled: string[];
}> {
  let clock = fromTokyo(2026, 11, 24, 14, 0).getTime();
  const now = (): Date => new Date(clock);
  const gateway = await createTestGateway({ now, processingMs: 0 });
  gateways.push(gateway);
  const client = new GatewayClient({ baseUrl: await gateway.listen(), retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  const settled: string[] = [];
  const deletions = new RetrievalDeletions({
    gateway: client,
    now,
    retry: { baseMs: 1000, maxMs: 4000 },
    giveUpAfterMs: 60_000,
    onSettled: (outcome) => settled.push(outcome),
  });
  const service = DEMO_SERVICES[0];
  if (!service) throw new Error('no demo service');
  const retrieval = async (): Promise<string> => {
    const started = await client.startRetrieval({
      mynaportalServiceId: service.mynaportalServiceId,
      query: { method: 'latest', decidingItem: 'taxYear' },
      agreement: { agreedAt: now().toISOString(), textVersion: 'a'.repeat(64) },
    });
    if (!started.ok) throw new Error(started.error.kind);
    return started.value.retrievalId;
  };
  return { gateway, deletions, retrieval, advance: (ms) => (clock += ms), settled };
}

describe('deleting a retrieval at the gateway', () => {
  it('is done at once when the gateway answers, and nothing is kept', async () => {
    const { gateway, deletions, retrieval, settled } = await setUp();
    await deletions.delete(await retrieval());
    expect(gateway.heldRetrievals).toBe(0);
    expect(deletions.pending).toBe(0);
    expect(settled).toEqual([]);
  });

  it('is sent again, with backoff, until a gateway that failed confirms it', async () => {
    const { gateway, deletions, retrieval, advance, settled } = await setUp();
    const id = await retrieval();
    gateway.faults.inject('discard', { kind: 'status', status: 503 }, Number.POSITIVE_INFINITY);
    await deletions.delete(id);
    expect(deletions.pending).toBe(1);
    await deletions.flush(); // not due yet
    expect(gateway.requestCount('discard')).toBe(1);
    advance(1000);
    await deletions.flush();
    advance(1999); // the second wait is twice as long
    await deletions.flush();
    expect(gateway.requestCount('discard')).toBe(2);
    gateway.faults.clear();
    advance(1);
    await deletions.flush();
    expect(gateway.heldRetrievals).toBe(0);
    expect(deletions.pending).toBe(0);
    expect(settled).toEqual(['deleted']);
  });

  it('stops at a retrieval the gateway no longer has, and gives up once any gateway has deleted it itself', async () => {
    const { gateway, deletions, retrieval, advance, settled } = await setUp();
    gateway.faults.inject('discard', { kind: 'answer', status: 404, body: { code: 'unknown-retrieval' } }, 1);
    await deletions.delete(await retrieval());
    expect(deletions.pending).toBe(0);
    gateway.faults.inject('discard', { kind: 'status', status: 500 }, Number.POSITIVE_INFINITY);
    await deletions.delete(await retrieval());
    expect(deletions.pending).toBe(1);
    advance(61_000);
    await deletions.flush();
    expect(deletions.pending).toBe(0);
    expect(settled).toEqual(['given-up']);
  });
});
