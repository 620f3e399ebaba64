// How much the browser host lets a peer take. Every process on the machine can reach its port
// (and a web page can, through DNS rebinding), so nothing it accepts before the token is
// checked may grow without bound, and a screen that stops reading may not either.
import { DEFAULT_LOG_LIMITS, type LogLimits } from '../../node/logging/log-limiter.ts';

export interface HostLimits {
  /** Connections open at once that have not become the screen's or the demo panel's socket. */
  readonly unauthenticatedConnections: number;
  /** To send a request's headers; a WebSocket upgrade is a request, so this bounds it too. */
  readonly headersTimeoutMs: number;
  /** To send a whole request. */
  readonly requestTimeoutMs: number;
  /** A connection that is not a socket and sends nothing for this long is closed (also between keep-alive requests). */
  readonly idleTimeoutMs: number;
  /** How often a socket is pinged; one that has not answered the previous ping is closed. */
  readonly heartbeatMs: number;
  /** Bytes a socket may have waiting to go out before only the latest message is kept. */
  readonly maxBufferedBytes: number;
  /** Repeats of one log line (e.g. a refused event) per window. */
  readonly log: LogLimits;
}

export const DEFAULT_HOST_LIMITS: HostLimits = {
  unauthenticatedConnections: 32,
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
  heartbeatMs: 10_000,
  maxBufferedBytes: 256 * 1024,
  log: DEFAULT_LOG_LIMITS,
};
