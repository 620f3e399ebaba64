// The bank's gateway as a real HTTP server on loopback: the embedded default of the demo and
// the peer of the tests. It issues single-use, expiring challenges; verifies the card's
// signature and certificate (chain, validity, revocation) with pkijs before it asks
// マイナポータル; refuses outside operating hours; simulates the time a retrieval takes;
// records submissions idempotently; and lets tests inject faults.
import { createHash, randomBytes, randomUUID, webcrypto } from 'node:crypto';
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
  fromBase64url,
  RetrievalRequestSchema,
  SubmissionSchema,
  toBase64url,
  type ErrorCode,
  type Receipt,
  type ResolvedQuery,
  type RetrievalStatus,
  type Submission,
} from '../../node/gateway/gateway-schemas.ts';
import { describeCertificate, publicKeyOf } from '../../../native/pki/describe-certificate.ts';
import { verifyUserCertificate, type CertificateProblem } from '../../../native/pki/verify-certificate.ts';
import { itemsFromRecords, type MynaportalApi } from './mynaportal-adapter.ts';
import { FaultPlan, type GatewayRoute } from './fault-plan.ts';

const USER_AUTH_POLICY = '1.2.392.200149.8.5.1.3.30';
const MAX_BODY_BYTES = 64 * 1024;
const CHALLENGE_TTL_MS = 120_000;
const RETRIEVAL_TTL_MS = 30 * 60_000;

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
  readonly challenge: Uint8Array;
  readonly challengeExpiresAt: number;
  readonly createdAt: number;
  challengeUsed: boolean;
  processId?: string;
  items?: InformationItem[];
  failure?: RetrievalStatus & { status: 'failed' };
}

export interface RecordedSubmission {
  readonly idempotencyKey: string;
  readonly submission: Submission;
  readonly receipt: Receipt;
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
  readonly #services: ReadonlyMap<string, Service>;
  readonly #schedules: SystemSchedules;
  readonly #trust: TrustConfiguration;
  readonly #mynaportal: MynaportalApi;
  readonly #now: () => Date;
  readonly #retrievals = new Map<string, Retrieval>();
  readonly #submissions = new Map<string, RecordedSubmission & { bodyHash: string }>();
  readonly #requests = new Map<GatewayRoute, number>();
  #server: Server | undefined;

  constructor(options: ReferenceGatewayOptions) {
    this.#services = new Map(options.services.map((service) => [service.id, service]));
    this.#schedules = options.schedules;
    this.#trust = options.trust;
    this.#mynaportal = options.mynaportal;
    this.#now = options.now ?? (() => new Date());
  }

  /** What the bank has received, in order. */
  get submissions(): RecordedSubmission[] {
    return [...this.#submissions.values()].map(({ idempotencyKey, submission, receipt }) => ({ idempotencyKey, submission, receipt }));
  }

  /** How many requests of a route have arrived (faulted ones included). */
  requestCount(route: GatewayRoute): number {
    return this.#requests.get(route) ?? 0;
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
      case 'startRetrieval':
        return { status: 201, payload: this.#startRetrieval(body) };
      case 'authenticate':
        return { status: 202, payload: await this.#authenticate(route.retrievalId, body) };
      case 'status':
        return { status: 200, payload: await this.#status(route.retrievalId) };
      case 'discard':
        this.#retrievals.delete(route.retrievalId);
        return { status: 204 };
      case 'submit':
        return this.#submit(request.headers['idempotency-key'], body);
    }
  }

  #startRetrieval(body: unknown): unknown {
    const parsed = RetrievalRequestSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid-request');
    const service = this.#services.get(parsed.data.serviceId);
    if (!service) throw new HttpError(404, 'unknown-service');
    const now = this.#now();
    const chain = retrievalChain(service);
    if (!availabilityAt(chain, this.#schedules, now).available) {
      const next = nextAvailableAt(chain, this.#schedules, now);
      throw new HttpError(503, 'outside-operating-hours', next ? { nextAvailableAt: next.toISOString() } : {});
    }
    const retrievalId = randomBytes(18).toString('base64url');
    const challenge = new Uint8Array(randomBytes(32));
    const expiresAt = now.getTime() + CHALLENGE_TTL_MS;
    this.#retrievals.set(retrievalId, {
      service,
      query: parsed.data.query,
      challenge,
      challengeExpiresAt: expiresAt,
      createdAt: now.getTime(),
      challengeUsed: false,
    });
    return { retrievalId, challenge: toBase64url(challenge), expiresAt: new Date(expiresAt).toISOString() };
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

    // Only the subject goes on; the raw certificate is not kept (native/jpki/CARD-PROTOCOL.md, profile).
    const subject = describeCertificate(certificate);
    if (!subject.ok) throw new HttpError(403, 'certificate-untrusted');
    const token = await this.#mynaportal.token();
    retrieval.processId = await this.#mynaportal.request(token, {
      subject: subject.value.subject,
      fields: retrieval.service.fields,
      query: retrieval.query,
    });
    return { requestId: retrieval.processId.slice(0, 24) };
  }

  async #status(retrievalId: string): Promise<RetrievalStatus> {
    const retrieval = this.#retrievals.get(retrievalId);
    if (!retrieval) throw new HttpError(404, 'unknown-retrieval');
    if (retrieval.items) return { status: 'ready', items: retrieval.items };
    if (retrieval.failure) return retrieval.failure;
    if (!retrieval.processId) throw new HttpError(409, 'invalid-request');
    const result = await this.#mynaportal.result(await this.#mynaportal.token(), retrieval.processId);
    if (result.state === 'processing') return { status: 'pending', retryAfterMs: 500 };
    if (result.state === 'error') {
      retrieval.failure = { status: 'failed', reason: result.reason, retryable: result.reason !== 'no-information' };
      return retrieval.failure;
    }
    const items = itemsFromRecords(retrieval.service, result.records);
    if (!items) {
      retrieval.failure = { status: 'failed', reason: 'mynaportal-error', retryable: true };
      return retrieval.failure;
    }
    retrieval.items = items;
    return { status: 'ready', items };
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
    const retrieval = this.#retrievals.get(parsed.data.retrievalId);
    if (!retrieval?.items || retrieval.service.id !== parsed.data.serviceId) throw new HttpError(404, 'unknown-retrieval');
    // Only to the recipient the customer agreed to on the confirmation screen.
    if (parsed.data.submissionTarget !== retrieval.service.submissionTarget) throw new HttpError(400, 'invalid-request');
    // Only items the gateway itself retrieved, unchanged: the kiosk cannot add or alter data.
    const retrieved = retrieval.items;
    const genuine = parsed.data.items.every((item) => retrieved.some((original) => isDeepStrictEqual(original, item)));
    if (!genuine) throw new HttpError(422, 'items-not-retrieved');
    const receipt: Receipt = { receiptId: `R-${randomUUID().slice(0, 8).toUpperCase()}`, receivedAt: this.#now().toISOString() };
    this.#submissions.set(key, { idempotencyKey: key, submission: parsed.data, receipt, bodyHash });
    this.#retrievals.delete(parsed.data.retrievalId);
    return { status: 201, payload: receipt };
  }

  /** Retrieved data is deleted when nobody consented in time. */
  #expire(): void {
    const now = this.#now().getTime();
    for (const [id, retrieval] of this.#retrievals) {
      if (now - retrieval.createdAt > RETRIEVAL_TTL_MS) this.#retrievals.delete(id);
    }
  }
}

type Route =
  | { name: Exclude<GatewayRoute, 'authenticate' | 'status' | 'discard'> }
  | { name: 'authenticate' | 'status' | 'discard'; retrievalId: string };

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'GET' && path === '/v1/health') return { name: 'health' };
  if (method === 'POST' && path === '/v1/retrievals') return { name: 'startRetrieval' };
  if (method === 'POST' && path === '/v1/submissions') return { name: 'submit' };
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
