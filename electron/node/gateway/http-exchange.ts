// One HTTP exchange with the gateway over node:http(s), with the limits a kiosk needs
// against a slow or hostile server: a total deadline, a cap on the response size, and TLS
// client certificates (mutual TLS in production).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Result } from '../../common/result.ts';

export interface TlsOptions {
  /** PEM client certificate chain and key of this kiosk, and the CA that signs the gateway's certificate. */
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

export interface HttpExchange {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly tls?: TlsOptions;
}

/** An HTTP answer (whatever its status), or why none arrived. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}
export type HttpOutcome = Result<HttpAnswer, 'timeout' | 'network' | 'too-large' | 'not-json'>;

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export function exchange(options: HttpExchange): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const send = options.url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const req = send(options.url, {
      method: options.method,
      headers: {
        accept: 'application/json',
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...options.headers,
      },
      ...(options.tls ? { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca } : {}),
    });
    // One deadline for the whole exchange: a server that trickles bytes cannot hold the kiosk.
    const deadline = setTimeout(() => {
      req.destroy();
      finish({ ok: false, error: 'timeout' });
    }, options.timeoutMs);
    req.on('error', () => finish({ ok: false, error: 'network' }));
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy();
          finish({ ok: false, error: 'too-large' });
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', () => finish({ ok: false, error: 'network' }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        if (text.length > 0) {
          try {
            body = JSON.parse(text);
          } catch {
            finish({ ok: false, error: 'not-json' });
            return;
          }
        }
        finish({ ok: true, value: { status: response.statusCode ?? 0, headers: response.headers, body } });
      });
    });
    req.end(payload);
  });
}
