// Faults a test can inject into the reference gateway, per route and for a number of
// requests (Infinity: until cleared): what a real gateway does on a bad day.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export type GatewayRoute =
  'health' | 'schedule' | 'startRetrieval' | 'authenticate' | 'status' | 'discard' | 'submit' | 'certificateStatus';

export type Fault =
  /** A server error; a 503 may say when to come back (Retry-After, seconds). */
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504; readonly retryAfterSeconds?: number }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  /** Not JSON at all. */
  | { readonly kind: 'malformed' }
  /** Valid JSON that is not the protocol. */
  | { readonly kind: 'wrong-shape' }
  /** A body larger than any answer should be. */
  | { readonly kind: 'huge' }
  /** Never answers (the client's deadline must end it). */
  | { readonly kind: 'hang' }
  /** Answers normally, late. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Does the work (e.g. records the submission) but the answer never arrives. */
  | { readonly kind: 'drop-response' }
  /** The connection is reset in the middle of the answer: headers and part of the body, then a TCP reset. */
  | { readonly kind: 'reset' }
  /** Headers and the first bytes of the body, then nothing more on an open connection. */
  | { readonly kind: 'stall' }
  /**
   * An answer of the gateway's own choosing instead of the real one (e.g. a hurried
   * `retryAfterMs: 0`, or a 503 saying マイナポータル is outside its hours); status 200 unless given.
   */
  | { readonly kind: 'answer'; readonly status?: number; readonly body: unknown };

export interface ActiveFault {
  /** Applies the fault before the request is handled; true when it answered (or dropped) the request itself. */
  apply(response: ServerResponse): Promise<boolean>;
  /** The request is handled, but its answer is never sent. */
  readonly dropsResponse: boolean;
}

export class FaultPlan {
  readonly #planned: { route: GatewayRoute | '*'; fault: Fault; remaining: number }[] = [];

  /** `times`: how many requests suffer it; Infinity keeps it until clear(). */
  inject(route: GatewayRoute | '*', fault: Fault, times = 1): void {
    this.#planned.push({ route, fault, remaining: times });
  }

  clear(): void {
    this.#planned.length = 0;
  }

  take(route: GatewayRoute): ActiveFault | undefined {
    const entry = this.#planned.find((planned) => planned.remaining > 0 && (planned.route === route || planned.route === '*'));
    if (!entry) return undefined;
    entry.remaining -= 1;
    const fault = entry.fault;
    return { apply: (response) => applyFault(fault, response), dropsResponse: fault.kind === 'drop-response' };
  }
}

async function applyFault(fault: Fault, response: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'status':
      response
        .writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }),
        })
        .end(JSON.stringify({ code: 'unavailable' }));
      return true;
    case 'rate-limit':
      response
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds) })
        .end(JSON.stringify({ code: 'rate-limited' }));
      return true;
    case 'malformed':
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status": "ready", "items": [');
      return true;
    case 'wrong-shape':
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'ready', items: [{ id: 'x', value: '6000000' }], receiptId: 42 }));
      return true;
    case 'huge':
      response.writeHead(200, { 'content-type': 'application/json' }).end(`"${'A'.repeat(2 * 1024 * 1024)}"`);
      return true;
    case 'hang':
      return true;
    case 'slow':
      await sleep(fault.delayMs);
      return false;
    case 'drop-response':
      return false;
    case 'reset':
    case 'stall': {
      // The body announced in full, so the client is still waiting for the rest.
      const body = JSON.stringify({ status: 'pending', retryAfterMs: 1000 });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      // Reset once the first bytes are out, so that it comes in the middle of the answer.
      response.write(body.slice(0, 10), () => {
        if (fault.kind === 'reset') response.socket?.resetAndDestroy();
      });
      return true;
    }
    case 'answer':
      response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body));
      return true;
  }
}
