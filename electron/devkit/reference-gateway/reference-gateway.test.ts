// The kiosk's gateway client against the reference gateway over loopback HTTP, with cards
// of the emulator signing the challenges.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InformationItem } from '../../common/income-items.ts';
import { fromTokyo } from '../../node/hours/tokyo-time.ts';
import { GatewayClient, type GatewayResult } from '../../node/gateway/gateway-client.ts';
import type { ResolvedQuery, RetrievalRequest, Submission } from '../../node/gateway/gateway-schemas.ts';
import { DEMO_SERVICES } from '../../node/services/service-catalog.ts';
import { GUIDELINE_SCHEDULES } from '../../node/hours/schedule-rules.ts';
import { createEmulatedCard } from '../../../native/devkit/emulator/emulated-card.ts';
import type { CardProfileName } from '../../../native/devkit/emulator/card-profiles.ts';
import { JpkiSession } from '../../../native/jpki/jpki-session.ts';
import type { ReferenceGateway } from './reference-gateway.ts';
import { createTestGateway } from './test-gateway.ts';
import { makeTlsFixtures } from '../../../test/support/tls-fixtures.ts';

const TUESDAY_AFTERNOON = fromTokyo(2026, 11, 24, 14, 0);
const running: ReferenceGateway[] = [];
afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.close();
});

async function setUp(
  options: { now?: () => Date; timeoutMs?: number; delays?: number[]; withoutCrl?: boolean } = {},
): Promise<{ gateway: ReferenceGateway; client: GatewayClient; url: string }> {
  let clock = TUESDAY_AFTERNOON.getTime();
  const now = options.now ?? (() => new Date((clock += 1000)));
  const gateway = await createTestGateway({ now, processingMs: 0, withoutCrl: options.withoutCrl ?? false });
  running.push(gateway);
  const url = await gateway.listen();
  const delays = options.delays;
  const client = new GatewayClient({
    baseUrl: url,
    timeoutMs: options.timeoutMs ?? 5000,
    random: () => 0.5,
    delay: (ms) => {
      delays?.push(ms);
      return Promise.resolve();
    },
  });
  return { gateway, client, url };
}

const LOCAL_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  DEMO_SERVICES.map((service) => [service.id, service.mynaportalServiceId]),
);
const HOUSING_LATEST: ResolvedQuery = { method: 'latest', decidingItem: 'taxYear' };
const AGREED = { agreedAt: TUESDAY_AFTERNOON.toISOString(), textVersion: 'a'.repeat(64) };

/** The kiosk's retrieval request for a demo service (by its local id), with the customer's agreement. */
const requestFor = (localId: string, query: ResolvedQuery = HOUSING_LATEST): RetrievalRequest => ({
  mynaportalServiceId: LOCAL_IDS[localId] ?? localId,
  query,
  agreement: AGREED,
});

const unwrap = <T>(result: GatewayResult<T>): T => {
  if (!result.ok) throw new Error(`gateway: ${JSON.stringify(result.error)}`);
  return result.value;
};

/** The kiosk's side of 利用者証明: the card signs the gateway's challenge after its PIN. */
async function signedBy(profile: CardProfileName, challenge: Uint8Array): Promise<{ certificate: Uint8Array; signature: Uint8Array }> {
  const card = await createEmulatedCard(profile);
  const jpki = new JpkiSession({ atr: card.atr, transmit: async (command) => ({ ok: true, value: await card.transmit(command) }) });
  const certificate = await jpki.readAuthCertificate();
  await jpki.verifyPin(new TextEncoder().encode('1234'));
  const signature = await jpki.signWithAuthKey(challenge);
  if (!certificate.ok || !signature.ok) throw new Error('card failed');
  return { certificate: certificate.value, signature: signature.value };
}

async function retrieved(
  client: GatewayClient,
  profile: CardProfileName = 'default',
  serviceId = 'housing-loan-income',
  query: ResolvedQuery = HOUSING_LATEST,
): Promise<{ retrievalId: string; items: InformationItem[] }> {
  const started = unwrap(await client.startRetrieval(requestFor(serviceId, query)));
  const { certificate, signature } = await signedBy(profile, started.challenge);
  unwrap(await client.authenticate(started.retrievalId, certificate, signature));
  for (;;) {
    const status = unwrap(await client.retrievalStatus(started.retrievalId));
    if (status.status === 'ready') return { retrievalId: started.retrievalId, items: status.items };
    if (status.status === 'failed') throw new Error(status.reason);
  }
}

const submission = (retrievalId: string, items: InformationItem[]): Submission => ({
  retrievalId,
  mynaportalServiceId: 'DEMO-BANK-HOUSING-LOAN',
  submissionTarget: 'housing-loan-review',
  consent: { consentedAt: TUESDAY_AFTERNOON.toISOString(), textVersion: 'b'.repeat(64), retentionDays: 365 },
  items,
});

describe('a retrieval through the gateway', () => {
  it('returns the latest 地方税 record: integer yen, null apart from 0, 課税年度 apart from the income year', async () => {
    const { client } = await setUp();
    const { items } = await retrieved(client);
    const value = (id: string): unknown => items.find((item) => item.id === id)?.value;
    expect(value('taxYear')).toEqual({ kind: 'fiscal-year', year: 2025 });
    expect(value('incomeYear')).toEqual({ kind: 'year', year: 2024 });
    expect(value('salaryIncome')).toEqual({ kind: 'yen', amount: 6_000_000 });
    expect(value('publicPensionIncome')).toEqual({ kind: 'yen', amount: null });
    expect(value('businessIncome')).toEqual({ kind: 'yen', amount: 0 });
    expect(items.map((item) => item.id)).toEqual([
      'taxYear',
      'incomeYear',
      'salaryIncome',
      'salaryIncomeAfterDeduction',
      'publicPensionIncome',
      'businessIncome',
      'totalIncome',
      'municipalIncomeTax',
    ]);
  });

  it('keeps a negative business income negative', async () => {
    const { client } = await setUp();
    const { items } = await retrieved(client, 'one-try-left');
    expect(items.find((item) => item.id === 'businessIncome')?.value).toEqual({ kind: 'yen', amount: -250_000 });
  });

  it('reports pending until マイナポータル has answered', async () => {
    let clock = TUESDAY_AFTERNOON.getTime();
    const gateway = await createTestGateway({ now: () => new Date(clock), processingMs: 1500 });
    running.push(gateway);
    const client = new GatewayClient({ baseUrl: await gateway.listen() });
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const { certificate, signature } = await signedBy('default', started.challenge);
    unwrap(await client.authenticate(started.retrievalId, certificate, signature));
    expect(unwrap(await client.retrievalStatus(started.retrievalId))).toEqual({ status: 'pending', retryAfterMs: 1000 });
    clock += 1500;
    expect(unwrap(await client.retrievalStatus(started.retrievalId)).status).toBe('ready');
  });

  it('answers no-information, not retryable, when a card holder has no such records', async () => {
    const { client } = await setUp();
    const started = unwrap(
      await client.startRetrieval(requestFor('pension-income', { method: 'range', from: '2025-11-01', to: '2026-10-31' })),
    );
    const { certificate, signature } = await signedBy('one-try-left', started.challenge);
    unwrap(await client.authenticate(started.retrievalId, certificate, signature));
    expect(unwrap(await client.retrievalStatus(started.retrievalId))).toEqual({
      status: 'failed',
      reason: 'no-information',
      retryable: false,
    });
  });
});

/** The certificate as the kiosk reads it from the card, before any PIN. */
async function certificateOf(profile: CardProfileName): Promise<Uint8Array> {
  const card = await createEmulatedCard(profile);
  const jpki = new JpkiSession({ atr: card.atr, transmit: async (command) => ({ ok: true, value: await card.transmit(command) }) });
  const certificate = await jpki.readAuthCertificate();
  if (!certificate.ok) throw new Error('card failed');
  return certificate.value;
}

describe('a certificate’s revocation, asked before the PIN', () => {
  it('says revoked for the revoked card and good for a valid one, against the test CRL, without starting anything', async () => {
    const { client, gateway } = await setUp();
    expect(await client.certificateStatus(await certificateOf('revoked'))).toEqual({ ok: true, value: { revocation: 'revoked' } });
    expect(await client.certificateStatus(await certificateOf('default'))).toEqual({ ok: true, value: { revocation: 'good' } });
    // Revocation only: an expired certificate is refused at authentication, not here.
    expect(await client.certificateStatus(await certificateOf('expired'))).toEqual({ ok: true, value: { revocation: 'unknown' } });
    expect(gateway.heldRetrievals).toBe(0);
  });

  it('says unknown where it holds no current CRL', async () => {
    const { client } = await setUp({ withoutCrl: true });
    expect(await client.certificateStatus(await certificateOf('revoked'))).toEqual({ ok: true, value: { revocation: 'unknown' } });
  });

  it.each([['malformed'], ['wrong-shape'], ['huge']] as const)(
    'turns a %s answer into a typed error, asked once (the customer is waiting)',
    async (kind) => {
      const { client, gateway } = await setUp();
      gateway.faults.inject('certificateStatus', { kind });
      expect(await client.certificateStatus(await certificateOf('revoked'))).toEqual({ ok: false, error: { kind: 'invalid-response' } });
      expect(gateway.requestCount('certificateStatus')).toBe(1);
    },
  );

  it('refuses a request that is not a certificate', async () => {
    const { url } = await setUp();
    const answer = await fetch(new URL('v1/certificate-status', url), { method: 'POST', body: JSON.stringify({ certificate: 'x' }) });
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 400, body: { code: 'invalid-request' } });
  });
});

describe('authentication', () => {
  it.each([
    ['expired', 'expired'],
    ['revoked', 'revoked'],
    ['not-yet-valid', 'not-yet-valid'],
  ] as const)('refuses the %s card’s certificate', async (profile, problem) => {
    const { client } = await setUp();
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const { certificate, signature } = await signedBy(profile, started.challenge);
    expect(await client.authenticate(started.retrievalId, certificate, signature)).toEqual({
      ok: false,
      error: { kind: 'certificate', problem },
    });
  });

  it('refuses a signature over anything but the challenge, and the challenge is then used up', async () => {
    const { client } = await setUp();
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const forged = await signedBy('default', new TextEncoder().encode('another challenge'));
    expect(await client.authenticate(started.retrievalId, forged.certificate, forged.signature)).toEqual({
      ok: false,
      error: { kind: 'signature-invalid' },
    });
    const genuine = await signedBy('default', started.challenge);
    expect(await client.authenticate(started.retrievalId, genuine.certificate, genuine.signature)).toEqual({
      ok: false,
      error: { kind: 'challenge-expired' },
    });
  });

  it('refuses a challenge past its expiry', async () => {
    let clock = TUESDAY_AFTERNOON.getTime();
    const { client } = await setUp({ now: () => new Date(clock) });
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    clock += 121_000;
    const { certificate, signature } = await signedBy('default', started.challenge);
    expect(await client.authenticate(started.retrievalId, certificate, signature)).toEqual({
      ok: false,
      error: { kind: 'challenge-expired' },
    });
  });

  it('refuses to start outside operating hours, saying when it will work', async () => {
    const { client } = await setUp({ now: () => fromTokyo(2026, 12, 30, 10, 0) });
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({
      ok: false,
      error: { kind: 'outside-hours', nextAvailableAt: fromTokyo(2027, 1, 4, 8, 0).toISOString() },
    });
  });
});

describe('submissions', () => {
  it('records the consented items once per idempotency key and deletes the retrieved data', async () => {
    const { client, gateway } = await setUp();
    const { retrievalId, items } = await retrieved(client);
    const consented = submission(retrievalId, items.slice(0, 3));
    const key = randomUUID();
    const receipt = unwrap(await client.submit(key, consented));
    // Short, and without characters a customer could misread (0/O, 1/I/L, 2/Z, 5/S, 8/B).
    expect(receipt.receiptId).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
    expect(unwrap(await client.submit(key, consented))).toEqual(receipt);
    expect(gateway.submissions).toHaveLength(1);
    expect(gateway.submissions[0]?.submission.items).toEqual(items.slice(0, 3));
    expect(gateway.heldRetrievals).toBe(0);
  });

  it('refuses a replayed key with another body, and items the gateway did not retrieve', async () => {
    const { client, gateway } = await setUp();
    const { retrievalId, items } = await retrieved(client);
    const altered = items.map((item) =>
      item.id === 'salaryIncome' ? { ...item, value: { kind: 'yen' as const, amount: 9_000_000 } } : item,
    );
    expect(await client.submit(randomUUID(), submission(retrievalId, altered))).toEqual({
      ok: false,
      error: { kind: 'rejected', code: 'items-not-retrieved' },
    });
    const key = randomUUID();
    unwrap(await client.submit(key, submission(retrievalId, items)));
    expect(await client.submit(key, submission(retrievalId, items.slice(1)))).toEqual({
      ok: false,
      error: { kind: 'rejected', code: 'idempotency-key-reused' },
    });
    expect(gateway.submissions).toHaveLength(1);
  });

  it('forgets a retrieval the customer declined', async () => {
    const { client, gateway } = await setUp();
    const { retrievalId } = await retrieved(client);
    unwrap(await client.discard(retrievalId));
    expect(gateway.heldRetrievals).toBe(0);
    expect(await client.retrievalStatus(retrievalId)).toEqual({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('faults', () => {
  it('retries a read through a 503 with jittered backoff, and gives up after three attempts', async () => {
    const delays: number[] = [];
    const { client, gateway } = await setUp({ delays });
    gateway.faults.inject('health', { kind: 'status', status: 503 }, 1);
    expect((await client.health()).ok).toBe(false); // health is not retried: it is a probe
    gateway.faults.inject('discard', { kind: 'status', status: 503 }, 2);
    expect((await client.discard('A'.repeat(24))).ok).toBe(true);
    expect(delays).toEqual([150, 300]);
    gateway.faults.inject('discard', { kind: 'status', status: 502 }, 3);
    expect(await client.discard('A'.repeat(24))).toEqual({ ok: false, error: { kind: 'unavailable' } });
  });

  it('waits at least what a 429 asks for', async () => {
    const delays: number[] = [];
    const { client, gateway } = await setUp({ delays });
    gateway.faults.inject('discard', { kind: 'rate-limit', retryAfterSeconds: 2 }, 1);
    expect((await client.discard('A'.repeat(24))).ok).toBe(true);
    expect(delays).toEqual([2000]);
  });

  it('waits what a 503 asks for too', async () => {
    const delays: number[] = [];
    const { client, gateway } = await setUp({ delays });
    gateway.faults.inject('discard', { kind: 'status', status: 503, retryAfterSeconds: 3 }, 1);
    expect((await client.discard('A'.repeat(24))).ok).toBe(true);
    expect(delays).toEqual([3000]);
  });

  it('never retries starting a retrieval or authenticating', async () => {
    const { client, gateway } = await setUp();
    gateway.faults.inject('startRetrieval', { kind: 'status', status: 503 }, 1);
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({ ok: false, error: { kind: 'unavailable' } });
    expect((await client.startRetrieval(requestFor('housing-loan-income'))).ok).toBe(true);
  });

  it.each([
    ['malformed JSON', { kind: 'malformed' }],
    ['JSON of the wrong shape', { kind: 'wrong-shape' }],
    ['a 2 MB body', { kind: 'huge' }],
  ] as const)('reports %s as an invalid response', async (_, fault) => {
    const { client, gateway } = await setUp();
    gateway.faults.inject('startRetrieval', fault, 1);
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({
      ok: false,
      error: { kind: 'invalid-response' },
    });
  });

  it('ends a request that never gets an answer at its deadline, and tolerates a slow one', async () => {
    const { client, gateway } = await setUp({ timeoutMs: 300 });
    gateway.faults.inject('startRetrieval', { kind: 'hang' }, 1);
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({ ok: false, error: { kind: 'timeout' } });
    gateway.faults.inject('startRetrieval', { kind: 'slow', delayMs: 100 }, 1);
    expect((await client.startRetrieval(requestFor('housing-loan-income'))).ok).toBe(true);
  });

  it('reports a connection reset in the middle of an answer as unavailable, and retries it where that is safe', async () => {
    const { client, gateway } = await setUp();
    gateway.faults.inject('startRetrieval', { kind: 'reset' }, 1);
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({ ok: false, error: { kind: 'unavailable' } });
    gateway.faults.inject('health', { kind: 'reset' }, 1);
    expect((await client.health()).ok).toBe(false);
    gateway.faults.inject('schedule', { kind: 'reset' }, 2);
    expect((await client.schedule()).ok).toBe(true);
    expect(gateway.requestCount('schedule')).toBe(3);
  });

  it('ends an answer that stalls after its first bytes at the deadline', async () => {
    const { client, gateway } = await setUp({ timeoutMs: 300 });
    gateway.faults.inject('startRetrieval', { kind: 'stall' }, 1);
    const started = Date.now();
    expect(await client.startRetrieval(requestFor('housing-loan-income'))).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('keeps a fault injected for Infinity requests until it is cleared', async () => {
    const { client, gateway } = await setUp();
    gateway.faults.inject('*', { kind: 'status', status: 500 }, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5; i += 1) expect((await client.health()).ok).toBe(false);
    gateway.faults.clear();
    expect((await client.health()).ok).toBe(true);
  });

  it('reports an unreachable gateway as unavailable', async () => {
    const client = new GatewayClient({ baseUrl: 'http://127.0.0.1:9/', timeoutMs: 1000, delay: () => Promise.resolve() });
    expect(await client.health()).toEqual({ ok: false, error: { kind: 'unavailable' } });
  });
});

describe('mutual TLS', () => {
  it('talks to a gateway that requires the kiosk’s client certificate, and fails closed without it', async () => {
    const tls = makeTlsFixtures();
    const gateway = await createTestGateway({ processingMs: 0 });
    running.push(gateway);
    const url = await gateway.listen(0, '127.0.0.1', { cert: tls.server.cert, key: tls.server.key, ca: tls.ca });
    expect(url).toMatch(/^https:/);
    const withCertificate = new GatewayClient({ baseUrl: url, tls: { cert: tls.client.cert, key: tls.client.key, ca: tls.ca } });
    expect(await withCertificate.health()).toEqual({ ok: true, value: { status: 'ok', mynaportal: 'up' } });
    const stranger = new GatewayClient({ baseUrl: url, tls: { cert: tls.stranger.cert, key: tls.stranger.key, ca: tls.ca } });
    expect(await stranger.health()).toEqual({ ok: false, error: { kind: 'unavailable' } });
    // A gateway whose certificate the kiosk does not trust is refused by the kiosk too.
    const distrustful = new GatewayClient({ baseUrl: url, tls: { cert: tls.client.cert, key: tls.client.key, ca: tls.stranger.cert } });
    expect(await distrustful.health()).toEqual({ ok: false, error: { kind: 'unavailable' } });
  });
});

// Real timers here: the wait is what is tested.
describe('a start of a retrieval the gateway refuses with Retry-After', () => {
  const SERVICE = 'housing-loan-income';
  async function setUpWaiting(): Promise<{ gateway: ReferenceGateway; client: GatewayClient }> {
    const { gateway, url } = await setUp();
    return { gateway, client: new GatewayClient({ baseUrl: url, timeoutMs: 5000 }) };
  }
  const timed = async <T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const started = performance.now();
    const result = await run();
    return { result, ms: performance.now() - started };
  };

  it.each([
    ['a 429', { kind: 'rate-limit', retryAfterSeconds: 1 }],
    ['a 503', { kind: 'status', status: 503, retryAfterSeconds: 1 }],
  ] as const)('is sent once more after the wait %s announces, since nothing was created', async (_, fault) => {
    const { client, gateway } = await setUpWaiting();
    gateway.faults.inject('startRetrieval', fault, 1);
    const { result, ms } = await timed(() => client.startRetrieval(requestFor(SERVICE)));
    expect(result.ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(995);
    expect(gateway.requestCount('startRetrieval')).toBe(2);
    expect(gateway.heldRetrievals).toBe(1);
  });

  it('is refused again: the refusal goes back, and the customer’s retry first waits out the rest', async () => {
    const { client, gateway } = await setUpWaiting();
    gateway.faults.inject('startRetrieval', { kind: 'rate-limit', retryAfterSeconds: 1 }, 2);
    const first = await client.startRetrieval(requestFor(SERVICE));
    expect(first).toEqual({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 1000 } });
    expect(gateway.requestCount('startRetrieval')).toBe(2);
    const { result, ms } = await timed(() => client.startRetrieval(requestFor(SERVICE)));
    expect(result.ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(gateway.requestCount('startRetrieval')).toBe(3);
  });

  it('longer than a customer can watch: returned at once, and not asked again before its time', async () => {
    const { client, gateway } = await setUpWaiting();
    gateway.faults.inject('startRetrieval', { kind: 'rate-limit', retryAfterSeconds: 30 }, 1);
    const { result, ms } = await timed(() => client.startRetrieval(requestFor(SERVICE)));
    expect(result).toEqual({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 30_000 } });
    expect(ms).toBeLessThan(1000);
    const retried = await client.startRetrieval(requestFor(SERVICE));
    if (retried.ok || retried.error.kind !== 'rate-limited') throw new Error(`not refused: ${JSON.stringify(retried)}`);
    expect(retried.error.retryAfterMs).toBeGreaterThan(28_000);
    expect(gateway.requestCount('startRetrieval')).toBe(1);
  });

  it('stops waiting when the session leaves, and sends nothing more', async () => {
    const { client, gateway } = await setUpWaiting();
    gateway.faults.inject('startRetrieval', { kind: 'rate-limit', retryAfterSeconds: 5 }, 1);
    const left = AbortSignal.timeout(200);
    const { result, ms } = await timed(() => client.startRetrieval(requestFor(SERVICE), left));
    expect(result.ok).toBe(false);
    expect(ms).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.requestCount('startRetrieval')).toBe(1);
  });
});

describe('the contract with マイナポータル', () => {
  it('asks for the service by its マイナポータル service ID, with the customer’s agreement; the kiosk’s own name stays on the kiosk', async () => {
    const { client, gateway } = await setUp();
    await retrieved(client);
    expect(gateway.retrievalRequests).toEqual([
      { mynaportalServiceId: 'DEMO-BANK-HOUSING-LOAN', query: { method: 'latest', decidingItem: 'taxYear' }, agreement: AGREED },
    ]);
    expect(JSON.stringify(gateway.retrievalRequests)).not.toContain('housing-loan-income');
  });

  it('refuses an agreement dated after the request', async () => {
    const { client } = await setUp();
    const future = {
      ...requestFor('housing-loan-income'),
      agreement: { ...AGREED, agreedAt: new Date(TUESDAY_AFTERNOON.getTime() + 3_600_000).toISOString() },
    };
    expect(await client.startRetrieval(future)).toEqual({ ok: false, error: { kind: 'rejected', code: 'invalid-request' } });
  });

  it('answers 範囲指定 with every record of the period, each marked with its year', async () => {
    const { client } = await setUp();
    const { items } = await retrieved(client, 'default', 'pension-income', { method: 'range', from: '2024-01-01', to: '2025-12-31' });
    expect(items.map((item) => [item.record, item.id, item.value])).toEqual([
      ['2024', 'pensionYear', { kind: 'year', year: 2024 }],
      ['2024', 'pensionAnnualAmount', { kind: 'yen', amount: 1_920_000 }],
      ['2025', 'pensionYear', { kind: 'year', year: 2025 }],
      ['2025', 'pensionAnnualAmount', { kind: 'yen', amount: 1_980_000 }],
    ]);
  });

  it('answers 時点指定 with the record valid on the date (a 課税年度 runs April to March)', async () => {
    const { client } = await setUp();
    const at = async (date: string): Promise<unknown> =>
      (await retrieved(client, 'default', 'housing-loan-income', { method: 'point', date })).items.find((item) => item.id === 'taxYear')
        ?.value;
    expect(await at('2025-03-31')).toEqual({ kind: 'fiscal-year', year: 2024 });
    expect(await at('2025-04-01')).toEqual({ kind: 'fiscal-year', year: 2025 });
  });

  it('returns マイナポータル’s processing id, and keeps it with the submission', async () => {
    const { client, gateway } = await setUp();
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const { certificate, signature } = await signedBy('default', started.challenge);
    const { processId } = unwrap(await client.authenticate(started.retrievalId, certificate, signature));
    expect(processId).toMatch(/^[0-9a-f]{24}$/);
    let status = unwrap(await client.retrievalStatus(started.retrievalId));
    while (status.status === 'pending') status = unwrap(await client.retrievalStatus(started.retrievalId));
    if (status.status !== 'ready') throw new Error('not ready');
    unwrap(await client.submit(randomUUID(), submission(started.retrievalId, status.items)));
    expect(gateway.submissions[0]?.processId).toBe(processId);
  });

  it.each([
    ['no マイナポータル account', { unregistered: ['default'] as const }, 'not-registered'],
    ['a service マイナポータル refuses', { refusedServices: ['DEMO-BANK-HOUSING-LOAN'] }, 'refused'],
  ] as const)('says so, finally, for %s', async (_, options, reason) => {
    const gateway = await createTestGateway({ now: () => TUESDAY_AFTERNOON, processingMs: 0, ...options });
    running.push(gateway);
    const client = new GatewayClient({ baseUrl: await gateway.listen() });
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const { certificate, signature } = await signedBy('default', started.challenge);
    unwrap(await client.authenticate(started.retrievalId, certificate, signature));
    expect(unwrap(await client.retrievalStatus(started.retrievalId))).toEqual({ status: 'failed', reason, retryable: false });
  });

  it('asks マイナポータル at its own pace however often a kiosk polls', async () => {
    let clock = TUESDAY_AFTERNOON.getTime();
    const gateway = await createTestGateway({ now: () => new Date(clock), processingMs: 5000 });
    running.push(gateway);
    const client = new GatewayClient({ baseUrl: await gateway.listen() });
    const started = unwrap(await client.startRetrieval(requestFor('housing-loan-income')));
    const { certificate, signature } = await signedBy('default', started.challenge);
    unwrap(await client.authenticate(started.retrievalId, certificate, signature));
    const before = gateway.mynaportalResultCalls;
    // 50 polls over 2.5 s of the gateway's time: マイナポータル is asked three times at most.
    for (let poll = 0; poll < 50; poll += 1) {
      const status = unwrap(await client.retrievalStatus(started.retrievalId));
      expect(status.status).toBe('pending');
      clock += 50;
    }
    expect(gateway.mynaportalResultCalls - before).toBeLessThanOrEqual(3);
  });
});

describe('how long a retrieval is held for consent', () => {
  it('says until when, and after that the retrieval is gone: a late submission is final, not "try again"', async () => {
    let clock = TUESDAY_AFTERNOON.getTime();
    const { client } = await setUp({ now: () => new Date(clock) });
    const { retrievalId, items } = await retrieved(client);
    const status = unwrap(await client.retrievalStatus(retrievalId));
    if (status.status !== 'ready') throw new Error('not ready');
    expect(Date.parse(status.heldUntil)).toBe(TUESDAY_AFTERNOON.getTime() + 30 * 60_000);
    clock = Date.parse(status.heldUntil);
    expect(await client.retrievalStatus(retrievalId)).toEqual({ ok: false, error: { kind: 'expired' } });
    expect(await client.submit(randomUUID(), submission(retrievalId, items))).toEqual({ ok: false, error: { kind: 'expired' } });
  });

  it('takes a submission only with the retention the service states', async () => {
    const { client } = await setUp();
    const { retrievalId, items } = await retrieved(client);
    const longer = { ...submission(retrievalId, items), consent: { ...submission(retrievalId, items).consent, retentionDays: 3650 } };
    expect(await client.submit(randomUUID(), longer)).toEqual({ ok: false, error: { kind: 'rejected', code: 'invalid-request' } });
  });
});

describe('the published schedule', () => {
  it('is the schedule the gateway enforces, announced stops included', async () => {
    const stop = { kind: 'planned-stop', from: '2026-11-28T13:00:00+09:00', to: '2026-11-28T18:00:00+09:00' } as const;
    const schedules = { ...GUIDELINE_SCHEDULES, mynaportal: [stop] };
    const gateway = await createTestGateway({ now: () => TUESDAY_AFTERNOON, processingMs: 0, schedules });
    running.push(gateway);
    const client = new GatewayClient({ baseUrl: await gateway.listen() });
    const published = unwrap(await client.schedule());
    expect(published.systems.mynaportal).toEqual([stop]);
    expect(published.systems).toEqual(JSON.parse(JSON.stringify(schedules)));
  });
});
