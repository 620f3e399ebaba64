// The bank's gateway as a real HTTP server on loopback: the embedded default of the demo and
// the peer of the tests. It issues single-use, expiring challenges (マイナポータル's, where its
// interface supplies them); verifies the card's signature and certificate (chain, validity,
// revocation) with pkijs, then has マイナポータル perform the 利用者証明 itself; refuses outside
// operating hours and publishes the schedule it enforces; asks マイナポータル for results at its
// own pace however often kiosks poll; holds a retrieval for consent until a stated time;
// records submissions idempotently with their consent; and lets tests inject faults.
import { createHash, randomBytes, randomInt, webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { InformationItem } from '../../common/income-items.ts';
import { availabilityAt, nextAvailableAt } from '../../node/hours/operating-hours.ts';
import type { SystemSchedules } from '../../node/hours/schedule-rules.ts';
import { retrievalChain, type Service } from '../../node/services/service-catalog.ts';
import {
  AuthenticationSchema,
  CertificateCheckSchema,
  fromBase64url,
  PublishedScheduleSchema,
  RetrievalRequestSchema,
  SubmissionSchema,
  toBase64url,
  type Agreement,
  type CertificateStatus,
  type ErrorCode,
  type PublishedSchedule,
  type Receipt,
  type ResolvedQuery,
  type RetrievalRequest,
  type RetrievalStatus,
  type Submission,
} from '../../node/gateway/gateway-schemas.ts';
import { publicKeyOf } from '../../../native/pki/describe-certificate.ts';
import { verifyUserCertificate, type CertificateProblem } from '../../../native/pki/verify-certificate.ts';
import { itemsFromRecords, type MynaportalApi } from './mynaportal-adapter.ts';
import { FaultPlan, type GatewayRoute } from './fault-plan.ts';

const USER_AUTH_POLICY = '1.2.392.200149.8.5.1.3.30';
const MAX_BODY_BYTES = 64 * 1024;
const CHALLENGE_TTL_MS = 120_000;
/** How long a retrieval is held for the customer's consent: then it is deleted (and said to be). */
const RETRIEVAL_TTL_MS = 30 * 60_000;
/** How long an expired retrieval is remembered, so that a late submission hears "expired", not "unknown". */
const EXPIRED_MEMORY_MS = 24 * 60 * 60_000;
/** マイナポータル is asked for a result at most this often per retrieval, however often kiosks poll. */
const UPSTREAM_POLL_MS = 1000;
/** A clock a little ahead of the gateway's is fine; an agreement from the future is not. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Receipt numbers customers read out: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
const RECEIPT_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

export interface TrustConfiguration {
  readonly trustAnchors: readonly Uint8Array[];
  readonly intermediates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

export interface ReferenceGatewayOptions {
  readonly services: readonly Service[];
  readonly schedules: SystemSchedules;
  readonly trust: TrustConfiguration;
  readonly mynaportal: MynaportalApi;
  readonly now?: () => Date;
}

interface Retrieval {
  readonly service: Service;
  readonly query: ResolvedQuery;
  readonly agreement: Agreement;
  readonly challenge: Uint8Array;
  readonly challengeExpiresAt: number;
  readonly heldUntil: number;
  challengeUsed: boolean;
  processId?: string;
  /** When マイナポータル may next be asked for this retrieval's result. */
  nextUpstreamPoll: number;
  items?: InformationItem[];
  failure?: RetrievalStatus & { status: 'failed' };
}

export interface RecordedSubmission {
  readonly idempotencyKey: string;
  readonly submission: Submission;
  readonly receipt: Receipt;
  /** マイナポータル's processing id of the retrieval the submission came from. */
  readonly processId: string | undefined;
}

const CERTIFICATE_ERRORS: Record<CertificateProblem, ErrorCode> = {
  malformed: 'certificate-untrusted',
  untrusted: 'certificate-untrusted',
  expired: 'certificate-expired',
  'not-yet-valid': 'certificate-not-yet-valid',
  revoked: 'certificate-revoked',
  'revocation-unknown': 'certificate-untrusted',
  'wrong-profile': 'certificate-profile',
};

class HttpError extends Error {
  readonly status: number;
  readonly body: { code: ErrorCode; nextAvailableAt?: string };
  constructor(status: number, code: ErrorCode, extra: { nextAvailableAt?: string } = {}) {
    super(code);
    this.status = status;
    this.body = { code, ...extra };
  }
}

export class ReferenceGateway {
  /** Fault injection for tests: what the next requests of a route should suffer. */
  readonly faults = new FaultPlan();
  /** By マイナポータル service ID: the kiosk's own names for services stay on the kiosk. */
  readonly #services: ReadonlyMap<string, Service>;
  #schedules: SystemSchedules;
  readonly #trust: TrustConfiguration;
  readonly #mynaportal: MynaportalApi;
  readonly #now: () => Date;
  readonly #retrievals = new Map<string, Retrieval>();
  readonly #expired = new Map<string, number>();
  readonly #submissions = new Map<string, RecordedSubmission & { bodyHash: string }>();
  readonly #retrievalRequests: RetrievalRequest[] = [];
  #resultCalls = 0;
  readonly #requests = new Map<GatewayRoute, number>();
  #server: Server | undefined;

  constructor(options: ReferenceGatewayOptions) {
    this.#services = new Map(options.services.map((service) => [service.mynaportalServiceId, service]));
    this.#schedules = options.schedules;
    this.#trust = options.trust;
    this.#mynaportal = options.mynaportal;
    this.#now = options.now ?? (() => new Date());
  }

  /** What the bank has received, in order. */
  get submissions(): RecordedSubmission[] {
    return [...this.#submissions.values()].map(({ idempotencyKey, submission, receipt, processId }) => ({
      idempotencyKey,
      submission,
      receipt,
      processId,
    }));
  }

  /** The retrieval requests that arrived (service, query and the customer's agreement), in order. */
  get retrievalRequests(): readonly RetrievalRequest[] {
    return this.#retrievalRequests;
  }

  /** A new effective schedule (e.g. an announced planned stop): enforced and published from now on. */
  announceSchedule(schedules: SystemSchedules): void {
    this.#schedules = schedules;
  }

  /** How many requests of a route have arrived (faulted ones included). */
  requestCount(route: GatewayRoute): number {
    return this.#requests.get(route) ?? 0;
  }

  /** How often the gateway has asked マイナポータル for a result (its load on マイナポータル). */
  get mynaportalResultCalls(): number {
    return this.#resultCalls;
  }

  /** Retrievals still held (awaiting consent); discarded and submitted ones are deleted. */
  get heldRetrievals(): number {
    return this.#retrievals.size;
  }

  /**
   * Listens on loopback. With `tls`, as production does: HTTPS that requires a client
   * certificate signed by `tls.ca` (mutual TLS).
   */
  async listen(port = 0, host = '127.0.0.1', tls?: { readonly cert: string; readonly key: string; readonly ca: string }): Promise<string> {
    const handler = (request: IncomingMessage, response: ServerResponse): void => void this.#handle(request, response);
    const server = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: true }, handler)
      : createServer(handler);
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const address = server.address() as AddressInfo;
    return `${tls ? 'https' : 'http'}://${host}:${String(address.port)}/`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const route = routeOf(request.method ?? 'GET', url.pathname);
    try {
      if (!route) throw new HttpError(404, 'invalid-request');
      this.#requests.set(route.name, this.requestCount(route.name) + 1);
      const fault = this.faults.take(route.name);
      if (fault && (await fault.apply(response))) return;
      const body = request.method === 'POST' ? await readJson(request) : undefined;
      const { status, payload } = await this.#dispatch(route, body, request);
      if (fault?.dropsResponse) return;
      sendJson(response, status, payload);
    } catch (error) {
      if (error instanceof HttpError) sendJson(response, error.status, error.body);
      else sendJson(response, 500, { code: 'unavailable' });
    }
  }

  async #dispatch(route: Route, body: unknown, request: IncomingMessage): Promise<{ status: number; payload?: unknown }> {
    this.#expire();
    switch (route.name) {
      case 'health':
        return { status: 200, payload: { status: 'ok', mynaportal: 'up' } };
      case 'schedule':
        return { status: 200, payload: this.#publishedSchedule() };
      case 'startRetrieval':
        return { status: 201, payload: await this.#startRetrieval(body) };
      case 'authenticate':
        return { status: 202, payload: await this.#authenticate(route.retrievalId, body) };
      case 'status':
        return { status: 200, payload: await this.#status(route.retrievalId) };
      case 'discard':
        this.#retrievals.delete(route.retrievalId);
        return { status: 204 };
      case 'submit':
        return this.#submit(request.headers['idempotency-key'], body);
      case 'certificateStatus':
        return { status: 200, payload: await this.#certificateStatus(body) };
    }
  }

  /** The schedule this gateway enforces, as it publishes it for the kiosks. */
  #publishedSchedule(): PublishedSchedule {
    return PublishedScheduleSchema.parse({ publishedAt: this.#now().toISOString(), systems: this.#schedules });
  }

  async #startRetrieval(body: unknown): Promise<unknown> {
    const parsed = RetrievalRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request');
    const service = this.#services.get(parsed.data.mynaportalServiceId);
    if (!service) throw new HttpError(404, 'unknown-service');
    const now = this.#now();
    // Evidence of the customer's agreement (図3.3-3): given before this request, not after.
    if (Date.parse(parsed.data.agreement.agreedAt) > now.getTime() + CLOCK_SKEW_MS) throw new HttpError(400, 'invalid-request');
    this.#retrievalRequests.push(parsed.data);
    const chain = retrievalChain(service);
    if (!availabilityAt(chain, this.#schedules, now).available) {
      const next = nextAvailableAt(chain, this.#schedules, now);
      throw new HttpError(503, 'outside-operating-hours', next ? { nextAvailableAt: next.toISOString() } : {});
    }
    const retrievalId = randomBytes(18).toString('base64url');
    // マイナポータル's challenge where its interface issues one, else the gateway's own.
    const challenge = (await this.#mynaportal.challenge(await this.#mynaportal.token())) ?? new Uint8Array(randomBytes(32));
    const expiresAt = now.getTime() + CHALLENGE_TTL_MS;
    this.#retrievals.set(retrievalId, {
      service,
      query: parsed.data.query,
      agreement: parsed.data.agreement,
      challenge,
      challengeExpiresAt: expiresAt,
      heldUntil: now.getTime() + RETRIEVAL_TTL_MS,
      challengeUsed: false,
      nextUpstreamPoll: 0,
    });
    return { retrievalId, challenge: toBase64url(challenge), expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Revocation only, against the CRLs the gateway holds; the certificate is not kept. */
  async #certificateStatus(body: unknown): Promise<CertificateStatus> {
    const parsed = CertificateCheckSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request');
    const verified = await verifyUserCertificate(fromBase64url(parsed.data.certificate), {
      ...this.#trust,
      now: this.#now(),
      requiredPolicy: USER_AUTH_POLICY,
    });
    if (verified.ok) return { revocation: 'good' };
    // Expired, untrusted and the like are for authentication to refuse: only revocation is answered here.
    return { revocation: verified.error === 'revoked' ? 'revoked' : 'unknown' };
  }

  async #authenticate(retrievalId: string, body: unknown): Promise<unknown> {
    const retrieval = this.#retrievals.get(retrievalId);
    if (!retrieval) throw new HttpError(404, 'unknown-retrieval');
    const parsed = AuthenticationSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request');
    if (retrieval.challengeUsed) throw new HttpError(409, 'challenge-used');
    // Single use whatever the outcome: a wrong signature cannot be retried on this challenge.
    retrieval.challengeUsed = true;
    const now = this.#now();
    if (now.getTime() >= retrieval.challengeExpiresAt) throw new HttpError(410, 'challenge-expired');

    const certificate = fromBase64url(parsed.data.certificate);
    const verified = await verifyUserCertificate(certificate, { ...this.#trust, now, requiredPolicy: USER_AUTH_POLICY });
    if (!verified.ok) throw new HttpError(403, CERTIFICATE_ERRORS[verified.error]);
    const key = await publicKeyOf(certificate);
    const signatureOk = await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, fromBase64url(parsed.data.signature), retrieval.challenge);
    if (!signatureOk) throw new HttpError(401, 'signature-invalid');

    // The 利用者証明 itself is マイナポータル's (the checks above are the bank's defence in depth).
    // The raw certificate is not kept (native/jpki/CARD-PROTOCOL.md, profile).
    const token = await this.#mynaportal.token();
    const authenticated = await this.#mynaportal.authenticate(token, {
      certificate,
      signature: fromBase64url(parsed.data.signature),
      signedData: retrieval.challenge,
    });
    if (!authenticated.ok) throw new HttpError(401, 'signature-invalid');
    retrieval.processId = await this.#mynaportal.request(token, {
      user: authenticated.value.user,
      mynaportalServiceId: retrieval.service.mynaportalServiceId,
      fields: retrieval.service.fields,
      query: retrieval.query,
      agreement: retrieval.agreement,
    });
    return { processId: retrieval.processId };
  }

  async #status(retrievalId: string): Promise<RetrievalStatus> {
    const retrieval = this.#retrievals.get(retrievalId);
    if (!retrieval)
      throw new HttpError(
        this.#expired.has(retrievalId) ? 410 : 404,
        this.#expired.has(retrievalId) ? 'retrieval-expired' : 'unknown-retrieval',
      );
    const heldUntil = new Date(retrieval.heldUntil).toISOString();
    if (retrieval.items) return { status: 'ready', items: retrieval.items, heldUntil };
    if (retrieval.failure) return retrieval.failure;
    if (!retrieval.processId) throw new HttpError(409, 'invalid-request');
    // マイナポータル at the gateway's pace: a kiosk polling in between hears how long to wait.
    const now = this.#now().getTime();
    if (now < retrieval.nextUpstreamPoll) return { status: 'pending', retryAfterMs: retrieval.nextUpstreamPoll - now };
    retrieval.nextUpstreamPoll = now + UPSTREAM_POLL_MS;
    this.#resultCalls += 1;
    const result = await this.#mynaportal.result(await this.#mynaportal.token(), retrieval.processId);
    if (result.state === 'processing') return { status: 'pending', retryAfterMs: UPSTREAM_POLL_MS };
    if (result.state === 'error') {
      const final = result.reason === 'no-information' || result.reason === 'not-registered' || result.reason === 'refused';
      retrieval.failure = { status: 'failed', reason: result.reason, retryable: !final };
      return retrieval.failure;
    }
    const items = itemsFromRecords(retrieval.service, result.records);
    if (!items) {
      retrieval.failure = { status: 'failed', reason: 'mynaportal-error', retryable: true };
      return retrieval.failure;
    }
    retrieval.items = items;
    return { status: 'ready', items, heldUntil };
  }

  #submit(keyHeader: string | string[] | undefined, body: unknown): { status: number; payload: unknown } {
    const key = typeof keyHeader === 'string' ? keyHeader : undefined;
    if (!key || !z.uuid().safeParse(key).success) throw new HttpError(400, 'invalid-request');
    const parsed = SubmissionSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request');
    const bodyHash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex');
    const previous = this.#submissions.get(key);
    if (previous) {
      if (previous.bodyHash !== bodyHash) throw new HttpError(422, 'idempotency-key-reused');
      return { status: 200, payload: previous.receipt };
    }
    if (this.#expired.has(parsed.data.retrievalId)) throw new HttpError(410, 'retrieval-expired');
    const retrieval = this.#retrievals.get(parsed.data.retrievalId);
    if (!retrieval?.items || retrieval.service.mynaportalServiceId !== parsed.data.mynaportalServiceId)
      throw new HttpError(404, 'unknown-retrieval');
    // Only to the recipient the customer agreed to on the confirmation screen, for the time they agreed to.
    if (parsed.data.submissionTarget !== retrieval.service.submissionTarget) throw new HttpError(400, 'invalid-request');
    if (parsed.data.consent.retentionDays !== retrieval.service.retention.days) throw new HttpError(400, 'invalid-request');
    // Only items the gateway itself retrieved, unchanged: the kiosk cannot add or alter data.
    const retrieved = retrieval.items;
    const genuine = parsed.data.items.every((item) => retrieved.some((original) => isDeepStrictEqual(original, item)));
    if (!genuine) throw new HttpError(422, 'items-not-retrieved');
    const receipt: Receipt = { receiptId: receiptNumber(), receivedAt: this.#now().toISOString() };
    this.#submissions.set(key, { idempotencyKey: key, submission: parsed.data, receipt, processId: retrieval.processId, bodyHash });
    this.#retrievals.delete(parsed.data.retrievalId);
    return { status: 201, payload: receipt };
  }

  /** Retrieved data is deleted when nobody consented in time; that it expired is remembered a while. */
  #expire(): void {
    const now = this.#now().getTime();
    for (const [id, retrieval] of this.#retrievals) {
      if (now >= retrieval.heldUntil) {
        this.#retrievals.delete(id);
        this.#expired.set(id, now);
      }
    }
    for (const [id, at] of this.#expired) if (now - at > EXPIRED_MEMORY_MS) this.#expired.delete(id);
  }
}

/** A receipt number a customer can read out and copy: XXXX-XXXX, without look-alike characters. */
function receiptNumber(): string {
  const pick = (): string => RECEIPT_ALPHABET.charAt(randomInt(RECEIPT_ALPHABET.length));
  const block = (): string => Array.from({ length: 4 }, pick).join('');
  return `${block()}-${block()}`;
}

type Route =
  | { name: Exclude<GatewayRoute, 'authenticate' | 'status' | 'discard'> }
  | { name: 'authenticate' | 'status' | 'discard'; retrievalId: string };

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'GET' && path === '/v1/health') return { name: 'health' };
  if (method === 'GET' && path === '/v1/schedule') return { name: 'schedule' };
  if (method === 'POST' && path === '/v1/retrievals') return { name: 'startRetrieval' };
  if (method === 'POST' && path === '/v1/submissions') return { name: 'submit' };
  if (method === 'POST' && path === '/v1/certificate-status') return { name: 'certificateStatus' };
  const authentication = /^\/v1\/retrievals\/([A-Za-z0-9_-]{16,64})\/authentication$/.exec(path);
  if (method === 'POST' && authentication?.[1]) return { name: 'authenticate', retrievalId: authentication[1] };
  const retrieval = /^\/v1\/retrievals\/([A-Za-z0-9_-]{16,64})$/.exec(path);
  if (retrieval?.[1] && method === 'GET') return { name: 'status', retrievalId: retrieval[1] };
  if (retrieval?.[1] && method === 'DELETE') return { name: 'discard', retrievalId: retrieval[1] };
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(400, 'invalid-request');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-request');
  }
}

function sendJson(response: ServerResponse, status: number, payload?: unknown): void {
  if (response.headersSent) return;
  if (payload === undefined) {
    response.writeHead(status).end();
    return;
  }
  const body = JSON.stringify(payload);
  response
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' })
    .end(body);
}
