// The kiosk's client of the bank gateway. Every answer is validated; every failure becomes a
// GatewayError the session maps to a screen. Requests are retried with jittered backoff only
// where repeating them is safe: reads, deletes, submissions (idempotency key), and a start the
// gateway refused with Retry-After (see startRetrieval).
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import {
  AuthenticatedSchema,
  CertificateStatusSchema,
  ChallengeSchema,
  ErrorBodySchema,
  fromBase64url,
  HealthSchema,
  PublishedScheduleSchema,
  ReceiptSchema,
  RetrievalStatusSchema,
  toBase64url,
  type Authenticated,
  type CertificateStatus,
  type ErrorCode,
  type Health,
  type PublishedSchedule,
  type Receipt,
  type RetrievalRequest,
  type RetrievalStatus,
  type Submission,
} from './gateway-schemas.ts';
import { exchange, type HttpExchange, type HttpOutcome, type TlsOptions } from './http-exchange.ts';
import type { Result } from '../../common/result.ts';

export type CertificateProblem = 'expired' | 'not-yet-valid' | 'revoked' | 'untrusted' | 'profile';

export type GatewayError =
  | { readonly kind: 'unavailable'; readonly retryAfterMs?: number } // unreachable, 5xx, or down for maintenance (a 503 may say how long)
  | { readonly kind: 'timeout' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'outside-hours'; readonly nextAvailableAt?: string }
  | { readonly kind: 'certificate'; readonly problem: CertificateProblem }
  | { readonly kind: 'signature-invalid' }
  | { readonly kind: 'challenge-expired' }
  | { readonly kind: 'not-found' }
  /** The retrieval was held for consent until its time and is gone (deleted by the gateway): final. */
  | { readonly kind: 'expired' }
  | { readonly kind: 'rejected'; readonly code: string } // a request the gateway will never accept
  | { readonly kind: 'invalid-response' }; // not JSON, too large, or not the protocol

export type GatewayResult<T> = Result<T, GatewayError>;

/** Whether trying the same request again later may succeed. */
export const isTransient = (error: GatewayError): boolean =>
  error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'rate-limited' || error.kind === 'invalid-response';

export interface GatewayClientOptions {
  readonly baseUrl: string;
  readonly tls?: TlsOptions;
  readonly timeoutMs?: number;
  readonly retry?: { readonly attempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly random?: () => number;
  /** Waits; ends early (resolving or rejecting) when the signal is aborted. */
  readonly delay?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  /** Monotonic milliseconds, for the time a refused start must wait. */
  readonly now?: () => number;
  /** The longest announced wait a start is held for while the customer watches the progress screen. */
  readonly maxStartWaitMs?: number;
  readonly exchange?: (options: HttpExchange) => Promise<HttpOutcome>;
}

export interface StartedRetrieval {
  readonly retrievalId: string;
  readonly challenge: Uint8Array;
  readonly expiresAt: string;
}

const CERTIFICATE_CODES: Partial<Record<ErrorCode, CertificateProblem>> = {
  'certificate-expired': 'expired',
  'certificate-not-yet-valid': 'not-yet-valid',
  'certificate-revoked': 'revoked',
  'certificate-untrusted': 'untrusted',
  'certificate-profile': 'profile',
};

/** Retry-After in seconds (the protocol's form), at most a minute; undefined when absent or not a whole number. */
function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['retry-after']?.trim();
  return value && /^\d+$/.test(value) ? Math.min(Number(value), 60) * 1000 : undefined;
}

/** How long the gateway asked the kiosk to wait before asking again, if it did. */
const announcedWait = (error: GatewayError): number | undefined =>
  error.kind === 'rate-limited' || error.kind === 'unavailable' ? error.retryAfterMs : undefined;

function errorOf(outcome: HttpOutcome): GatewayError {
  if (!outcome.ok)
    return outcome.error === 'timeout'
      ? { kind: 'timeout' }
      : outcome.error === 'network'
        ? { kind: 'unavailable' }
        : { kind: 'invalid-response' };
  const answer = outcome.value;
  const parsed = ErrorBodySchema.safeParse(answer.body);
  const code = parsed.success ? parsed.data.code : undefined;
  if (answer.status === 429) return { kind: 'rate-limited', retryAfterMs: retryAfterMs(answer.headers) ?? 1000 };
  if (code === 'outside-operating-hours') {
    return parsed.success && parsed.data.nextAvailableAt
      ? { kind: 'outside-hours', nextAvailableAt: parsed.data.nextAvailableAt }
      : { kind: 'outside-hours' };
  }
  const certificate = code ? CERTIFICATE_CODES[code] : undefined;
  if (certificate) return { kind: 'certificate', problem: certificate };
  if (code === 'signature-invalid') return { kind: 'signature-invalid' };
  if (code === 'challenge-expired' || code === 'challenge-used') return { kind: 'challenge-expired' };
  if (code === 'unknown-retrieval') return { kind: 'not-found' };
  if (code === 'retrieval-expired') return { kind: 'expired' };
  if (answer.status >= 500) {
    const wait = answer.status === 503 ? retryAfterMs(answer.headers) : undefined;
    return wait === undefined ? { kind: 'unavailable' } : { kind: 'unavailable', retryAfterMs: wait };
  }
  return { kind: 'rejected', code: code ?? `http-${String(answer.status)}` };
}

/** How long a customer waits for the revocation check before going on to the PIN. */
export const CERTIFICATE_STATUS_TIMEOUT_MS = 3000;

export class GatewayClient {
  readonly #base: URL;
  readonly #tls: TlsOptions | undefined;
  readonly #timeoutMs: number;
  readonly #retry: { readonly attempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly #random: () => number;
  readonly #delay: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  readonly #now: () => number;
  readonly #maxStartWaitMs: number;
  readonly #exchange: (options: HttpExchange) => Promise<HttpOutcome>;
  /** Until when the gateway asked not to be asked for a retrieval again, and how it said so. */
  #startRefused: { readonly until: number; readonly error: GatewayError } | undefined;

  constructor(options: GatewayClientOptions) {
    this.#base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.#tls = options.tls;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retry = options.retry ?? { attempts: 3, baseDelayMs: 300, maxDelayMs: 4000 };
    this.#random = options.random ?? Math.random;
    this.#delay = options.delay ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
    this.#now = options.now ?? (() => performance.now());
    this.#maxStartWaitMs = options.maxStartWaitMs ?? 10_000;
    this.#exchange = options.exchange ?? exchange;
  }

  health(): Promise<GatewayResult<Health>> {
    return this.#call({ method: 'GET', path: 'v1/health', expect: [200], schema: HealthSchema, retry: false });
  }

  /** The schedule the gateway enforces (§2.5 tables plus announced stops). */
  schedule(): Promise<GatewayResult<PublishedSchedule>> {
    return this.#call({ method: 'GET', path: 'v1/schedule', expect: [200], schema: PublishedScheduleSchema, retry: true });
  }

  /**
   * Not retried in general: the request is not idempotent, and a repeat after a lost answer
   * would leave a retrieval behind whose id the kiosk never learnt. A 429, or a 503 with
   * Retry-After, is different: the gateway refused it before creating anything (the protocol
   * says so), so it is sent once more after the announced wait, if that wait is short enough
   * to hold the customer on the progress screen. A longer one goes back to the session; a new
   * start before the announced time (the customer's 再試行) first waits out the rest, or, while
   * that is still too long, is refused here without asking the gateway.
   */
  async startRetrieval(request: RetrievalRequest, signal?: AbortSignal): Promise<GatewayResult<StartedRetrieval>> {
    let result = await this.#startOnce(request, signal);
    if (!result.ok && announcedWait(result.error) !== undefined && !signal?.aborted) result = await this.#startOnce(request, signal);
    if (!result.ok) return result;
    return {
      ok: true,
      value: { retrievalId: result.value.retrievalId, challenge: fromBase64url(result.value.challenge), expiresAt: result.value.expiresAt },
    };
  }

  async #startOnce(request: RetrievalRequest, signal: AbortSignal | undefined): Promise<GatewayResult<z.infer<typeof ChallengeSchema>>> {
    const refused = this.#startRefused;
    const wait = refused ? refused.until - this.#now() : 0;
    if (refused && wait > 0) {
      const left = { ok: false as const, error: { ...refused.error, retryAfterMs: Math.ceil(wait) } };
      if (wait > this.#maxStartWaitMs) return left;
      await this.#delay(wait, signal).catch(() => undefined);
      if (signal?.aborted) return left;
    }
    const result = await this.#call({
      method: 'POST',
      path: 'v1/retrievals',
      body: request,
      expect: [201],
      schema: ChallengeSchema,
      retry: false,
    });
    const announced = result.ok ? undefined : announcedWait(result.error);
    this.#startRefused = !result.ok && announced !== undefined ? { until: this.#now() + announced, error: result.error } : undefined;
    return result;
  }

  /** Not retried: the challenge is single-use. Answers with マイナポータル's processing id. */
  authenticate(retrievalId: string, certificate: Uint8Array, signature: Uint8Array): Promise<GatewayResult<Authenticated>> {
    return this.#call({
      method: 'POST',
      path: `v1/retrievals/${encodeURIComponent(retrievalId)}/authentication`,
      body: { certificate: toBase64url(certificate), signature: toBase64url(signature) },
      expect: [202],
      schema: AuthenticatedSchema,
      retry: false,
    });
  }

  /**
   * Whether the card's certificate is revoked, asked right after it is read so that no PIN try
   * is spent on a card that cannot be used. Not retried: the customer is waiting, and the
   * gateway checks again at authentication anyway.
   */
  certificateStatus(certificate: Uint8Array): Promise<GatewayResult<CertificateStatus>> {
    return this.#call({
      method: 'POST',
      path: 'v1/certificate-status',
      body: { certificate: toBase64url(certificate) },
      expect: [200],
      schema: CertificateStatusSchema,
      retry: false,
      // The customer waits on "reading your card": a gateway slower than this is asked again at authentication.
      timeoutMs: Math.min(this.#timeoutMs, CERTIFICATE_STATUS_TIMEOUT_MS),
    });
  }

  retrievalStatus(retrievalId: string): Promise<GatewayResult<RetrievalStatus>> {
    return this.#call({
      method: 'GET',
      path: `v1/retrievals/${encodeURIComponent(retrievalId)}`,
      expect: [200],
      schema: RetrievalStatusSchema,
      retry: true,
    });
  }

  /** Deleted when it resolves ok: the gateway confirmed it (also for one already gone). */
  async discard(retrievalId: string): Promise<GatewayResult<void>> {
    const result = await this.#call({
      method: 'DELETE',
      path: `v1/retrievals/${encodeURIComponent(retrievalId)}`,
      expect: [204],
      schema: undefined,
      retry: true,
    });
    return result.ok ? { ok: true, value: undefined } : result;
  }

  /** Safe to repeat with the same key: the gateway answers a replay with the same receipt. */
  submit(idempotencyKey: string, submission: Submission): Promise<GatewayResult<Receipt>> {
    return this.#call({
      method: 'POST',
      path: 'v1/submissions',
      headers: { 'idempotency-key': idempotencyKey },
      body: submission,
      expect: [200, 201],
      schema: ReceiptSchema,
      retry: true,
    });
  }

  async #call<S extends z.ZodType | undefined>(request: {
    method: HttpExchange['method'];
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
    expect: number[];
    schema: S;
    retry: boolean;
    /** Shorter than the client's own where a customer waits on the answer. */
    timeoutMs?: number;
  }): Promise<GatewayResult<S extends z.ZodType ? z.infer<S> : undefined>> {
    type Value = S extends z.ZodType ? z.infer<S> : undefined;
    const attempts = request.retry ? this.#retry.attempts : 1;
    let error: GatewayError = { kind: 'unavailable' };
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await this.#delay(this.#backoff(attempt, error));
      const outcome = await this.#exchange({
        method: request.method,
        url: new URL(request.path, this.#base),
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.body === undefined ? {} : { body: request.body }),
        timeoutMs: request.timeoutMs ?? this.#timeoutMs,
        ...(this.#tls ? { tls: this.#tls } : {}),
      });
      if (outcome.ok && request.expect.includes(outcome.value.status)) {
        if (!request.schema) return { ok: true, value: undefined as Value };
        const parsed = request.schema.safeParse(outcome.value.body);
        if (parsed.success) return { ok: true, value: parsed.data as Value };
        error = { kind: 'invalid-response' };
      } else if (outcome.ok && outcome.value.status < 300) {
        error = { kind: 'invalid-response' }; // a success the protocol does not define here
      } else {
        error = errorOf(outcome);
      }
      if (!isTransient(error)) break;
    }
    return { ok: false, error };
  }

  /** Full jitter, at least what a 429 or 503 asked for. */
  #backoff(attempt: number, error: GatewayError): number {
    const ceiling = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.max(Math.round(this.#random() * ceiling), announcedWait(error) ?? 0);
  }
}
