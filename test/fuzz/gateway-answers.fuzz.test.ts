// A gateway (or something in its place) answering anything: any status, headers, body, or
// none at all. Every call of the kiosk's gateway client settles with a value the protocol
// allows or a typed error — never a throw, and never a retry loop without end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayClient, type GatewayError } from '../../electron/node/gateway/gateway-client.ts';
import { RetrievalStatusSchema } from '../../electron/node/gateway/gateway-schemas.ts';
import type { HttpOutcome } from '../../electron/node/gateway/http-exchange.ts';
import { SUBMISSION } from '../support/submission-fixture.ts';
import { fuzzParameters, settlesWithin } from './fuzz-runs.ts';

const KINDS: GatewayError['kind'][] = [
  'unavailable',
  'timeout',
  'rate-limited',
  'outside-hours',
  'certificate',
  'signature-invalid',
  'challenge-expired',
  'not-found',
  'rejected',
  'invalid-response',
];

/** Bodies that look like the protocol often enough to get past the first checks. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.record({
    code: fc.oneof(fc.string(), fc.constantFrom('outside-operating-hours', 'certificate-revoked', 'unknown-retrieval', 'rate-limited')),
  }),
  fc.record({
    status: fc.constantFrom('pending', 'ready', 'failed', 'x'),
    retryAfterMs: fc.integer(),
    items: fc.array(fc.jsonValue(), { maxLength: 3 }),
  }),
  fc.record({ retrievalId: fc.string(), challenge: fc.string(), expiresAt: fc.string() }),
  fc.record({ receiptId: fc.string(), receivedAt: fc.string() }),
);
const outcome: fc.Arbitrary<HttpOutcome> = fc.oneof(
  fc
    .record({
      status: fc.oneof(fc.constantFrom(200, 201, 204, 400, 404, 409, 422, 429, 500, 503), fc.integer({ min: 0, max: 999 })),
      headers: fc.record({ 'retry-after': fc.oneof(fc.string(), fc.nat().map(String)) }, { requiredKeys: [] }),
      body,
    })
    .map((value): HttpOutcome => ({ ok: true, value })),
  fc
    .constantFrom<'timeout' | 'network' | 'too-large' | 'not-json'>('timeout', 'network', 'too-large', 'not-json')
    .map((error): HttpOutcome => ({ ok: false, error })),
);

type Call = 'health' | 'start' | 'authenticate' | 'status' | 'discard' | 'submit';
const CALLS: Call[] = ['health', 'start', 'authenticate', 'status', 'discard', 'submit'];

describe('the gateway client against arbitrary answers', () => {
  it('settles every call with a protocol value or a typed error, within a bounded number of requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(outcome, { minLength: 1, maxLength: 20 }), fc.constantFrom(...CALLS), async (answers, call) => {
        let requests = 0;
        const client = new GatewayClient({
          baseUrl: 'http://gateway.invalid/',
          delay: () => Promise.resolve(),
          exchange: () => {
            requests += 1;
            return Promise.resolve(answers[(requests - 1) % answers.length] ?? { ok: false, error: 'network' });
          },
        });
        const result = await settlesWithin(
          (async () => {
            switch (call) {
              case 'health':
                return client.health();
              case 'start':
                return client.startRetrieval({
                  mynaportalServiceId: 'DEMO-BANK-HOUSING-LOAN',
                  query: { method: 'latest', decidingItem: 'taxYear' },
                  agreement: { agreedAt: '2026-11-24T05:00:00.000Z', textVersion: 'a'.repeat(64) },
                });
              case 'authenticate':
                return client.authenticate('R'.repeat(22), new Uint8Array(200), new Uint8Array(256));
              case 'status':
                return client.retrievalStatus('R'.repeat(22));
              case 'discard':
                return client.discard('R'.repeat(22));
              case 'submit':
                return client.submit('00000000-0000-4000-8000-000000000000', SUBMISSION);
            }
          })(),
          2000,
          call,
        );
        expect(requests).toBeLessThanOrEqual(10);
        if (!result.ok) expect(KINDS).toContain(result.error.kind);
        else if (call === 'status') expect(RetrievalStatusSchema.safeParse(result.value).success).toBe(true);
      }),
      fuzzParameters(),
    );
  });
});
