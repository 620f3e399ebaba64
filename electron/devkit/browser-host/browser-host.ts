// Runs the renderer in a plain browser against the kiosk core: serves the built renderer on
// loopback and bridges it over a WebSocket. A per-launch token (handed over in the URL
// fragment, so it is never logged by a server), a Host and an Origin check keep other pages and
// processes on the machine from driving the kiosk; the limits in host-limits.ts keep them
// from exhausting its connections or memory.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ViewModel } from '../../common/view-model.ts';
import type { SendResult } from '../../node/kiosk.ts';
import { LogLimiter } from '../../node/logging/log-limiter.ts';
import type { DemoDevice } from './demo-reader.ts';
import { watchHeartbeat } from './heartbeat.ts';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits.ts';
import {
  DemoMessageSchema,
  MAX_MESSAGE_BYTES,
  parseJson,
  ScreenMessageSchema,
  type DemoState,
  type ViewMessage,
} from '../common/host-protocol.ts';
import { LatestOnlySender } from './latest-only-sender.ts';
import type { Result } from '../../common/result.ts';

/** What the host needs of the kiosk core. */
export interface ScreenSource {
  view(): ViewModel;
  subscribe(listener: (view: ViewModel) => void): () => void;
  send(event: unknown): SendResult;
}

export interface BrowserHostOptions {
  readonly screen: ScreenSource;
  /** The built renderer (vite build output). */
  readonly staticDir: string;
  readonly port?: number;
  /** The developer panel's card controls; absent outside the demo. */
  readonly demo?: DemoDevice;
  /** The demo panel's service key button (in a branch, the key switch is caught by the shell). */
  readonly serviceKey?: (on: boolean) => void;
  /** Each line once; repeats of a line are rate-limited, with a count (see log-limiter.ts). */
  readonly log?: (line: string) => void;
  readonly limits?: Partial<HostLimits>;
  /** A kiosk screen has connected (how `npm start` knows Chromium really opened it). */
  readonly onScreen?: () => void;
}

type Channel = 'screen' | 'demo';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ogg': 'audio/ogg',
};

export class BrowserHost {
  readonly #options: BrowserHostOptions;
  readonly #limits: HostLimits;
  readonly #token = randomBytes(24).toString('base64url');
  readonly #sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  readonly #logLimiter: LogLimiter<string>;
  /** Connections that are not (yet) the screen's or the demo panel's socket. */
  readonly #unauthenticated = new Set<Duplex>();
  #server: Server | undefined;
  #origin = '';
  /** The one kiosk screen connected; a second is refused while it is open, so a stolen token cannot watch a session. */
  #screenSocket: WebSocket | undefined;
  /** The one demo panel connected, likewise. */
  #demoSocket: WebSocket | undefined;
  /** The service key as the demo panel last turned it. */
  #serviceKeyOn = false;

  constructor(options: BrowserHostOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
    this.#logLimiter = new LogLimiter<string>({
      limits: this.#limits.log,
      summarise: (line, count) => options.log?.(`${line ?? 'browser host: lines of several kinds'} (suppressed: ${String(count)})`),
    });
  }

  #log(line: string): void {
    if (this.#options.log && this.#logLimiter.admit(line, line)) this.#options.log(line);
  }

  /** Starts on loopback; returns the kiosk screen's URL (with its token) and the developer panel's. */
  async start(): Promise<{ url: string; demoUrl: string | undefined }> {
    const limits = this.#limits;
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.idleTimeoutMs,
        // Node enforces the two timeouts above only when it checks, this often.
        connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      },
      (request, response) => {
        if (!this.#hostAllowed(request)) {
          this.#log('browser host: request refused (wrong host)');
          response.writeHead(421, { connection: 'close' }).end();
          return;
        }
        this.#serve(request, response).catch(() => {
          if (!response.headersSent) response.writeHead(500);
          response.end();
        });
      },
    );
    // Node's own cap as a backstop: the connections below, and the screen's and demo panel's sockets.
    server.maxConnections = limits.unauthenticatedConnections + 2;
    server.on('connection', (socket: Socket) => this.#admit(socket));
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const authorised = this.#authorise(request);
      if (!authorised.ok) {
        // Closed once the answer is out, whether or not the peer ever closes its side.
        socket.end(`HTTP/1.1 ${authorised.error}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
        return;
      }
      this.#sockets.handleUpgrade(request, socket, head, (ws) => {
        this.#unauthenticated.delete(socket);
        if (authorised.value === 'screen') this.#screen(ws);
        else this.#demo(ws);
      });
    });
    // A port already taken (another kiosk from this checkout) is an error to report, not a crash.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.#origin = `http://127.0.0.1:${String(port)}`;
    return {
      url: `${this.#origin}/#token=${this.#token}`,
      demoUrl: this.#options.demo ? `${this.#origin}/dev.html#token=${this.#token}` : undefined,
    };
  }

  async stop(): Promise<void> {
    for (const client of this.#sockets.clients) client.terminate();
    this.#logLimiter.flush();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Every new connection counts against the cap until it becomes a socket, and is closed when
   * it goes quiet (ws clears the timeout on its sockets, which have the heartbeat instead).
   */
  #admit(socket: Socket): void {
    if (this.#unauthenticated.size >= this.#limits.unauthenticatedConnections) {
      this.#log('browser host: connection refused (too many connections)');
      socket.destroy();
      return;
    }
    this.#unauthenticated.add(socket);
    socket.once('close', () => this.#unauthenticated.delete(socket));
    socket.setTimeout(this.#limits.idleTimeoutMs, () => socket.destroy());
  }

  /** Only the address the host gave out: another name resolving to loopback is a DNS-rebinding page. */
  #hostAllowed(request: IncomingMessage): boolean {
    return request.headers.host === new URL(this.#origin).host;
  }

  /** Which socket the request may open, if any: right host, path, origin and token, and one of each at a time. */
  #authorise(request: IncomingMessage): Result<Channel, string> {
    if (!this.#hostAllowed(request)) {
      this.#log('browser host: socket refused (wrong host)');
      return { ok: false, error: '421 Misdirected Request' };
    }
    const url = URL.parse(request.url ?? '/', this.#origin);
    let refusal: string | undefined;
    if (!url) refusal = 'malformed request';
    else if (request.headers.origin !== this.#origin) refusal = 'wrong origin';
    else if (!this.#tokenMatches(url.searchParams.get('token') ?? '')) refusal = 'wrong token';
    else if (url.pathname === '/ws/screen' && this.#screenSocket) refusal = 'a screen is already connected';
    else if (url.pathname === '/ws/screen') return { ok: true, value: 'screen' };
    else if (url.pathname === '/ws/demo' && this.#options.demo && this.#demoSocket) refusal = 'a demo panel is already connected';
    else if (url.pathname === '/ws/demo' && this.#options.demo) return { ok: true, value: 'demo' };
    this.#log(`browser host: socket refused (${refusal ?? 'unknown socket'})`);
    return { ok: false, error: '403 Forbidden' };
  }

  #tokenMatches(candidate: string): boolean {
    const token = Buffer.from(candidate);
    const expected = Buffer.from(this.#token);
    return token.length === expected.length && timingSafeEqual(token, expected);
  }

  #screen(ws: WebSocket): void {
    const { screen } = this.#options;
    this.#screenSocket = ws;
    this.#options.onScreen?.();
    const sender = new LatestOnlySender(ws, this.#limits.maxBufferedBytes);
    const send = (view: ViewModel): void => sender.send(JSON.stringify({ type: 'view', view } satisfies ViewMessage));
    send(screen.view());
    const unsubscribe = screen.subscribe(send);
    watchHeartbeat(ws, this.#limits.heartbeatMs, () => this.#log('browser host: silent screen dropped (no answer to ping)'));
    ws.on('close', () => {
      unsubscribe();
      if (this.#screenSocket !== ws) return;
      this.#screenSocket = undefined;
      // As the Electron shell does when its renderer is lost: the session ends safely (card
      // back, data wiped); the core ignores CANCEL once consent is given.
      screen.send({ type: 'CANCEL' });
    });
    ws.on('error', () => this.#dropBadSocket(ws));
    ws.on('message', (data: Buffer) => {
      const message = parseJson(data.toString('utf8'));
      const parsed = ScreenMessageSchema.safeParse(message);
      const result = parsed.success ? screen.send(parsed.data.event) : { ok: false as const, error: 'invalid-event' as const };
      if (!result.ok) this.#log('browser host: invalid screen event ignored');
    });
  }

  #demo(ws: WebSocket): void {
    const demo = this.#options.demo;
    if (!demo) return;
    this.#demoSocket = ws;
    const sender = new LatestOnlySender(ws, this.#limits.maxBufferedBytes);
    const report = (): void => sender.send(JSON.stringify({ ...demo.state(), serviceKey: this.#serviceKeyOn } satisfies DemoState));
    report();
    const timer = setInterval(report, 500);
    watchHeartbeat(ws, this.#limits.heartbeatMs, () => this.#log('browser host: silent demo panel dropped (no answer to ping)'));
    ws.on('close', () => {
      clearInterval(timer);
      if (this.#demoSocket === ws) this.#demoSocket = undefined;
    });
    ws.on('error', () => this.#dropBadSocket(ws));
    ws.on('message', (data: Buffer) => {
      const parsed = DemoMessageSchema.safeParse(parseJson(data.toString('utf8')));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'service-key') {
        this.#serviceKeyOn = message.on;
        this.#options.serviceKey?.(message.on);
        report();
        return;
      }
      void demo.handle(message).then(report);
    });
  }

  /** An oversized or broken frame: that client is cut off, the kiosk goes on. */
  #dropBadSocket(ws: WebSocket): void {
    this.#log('browser host: malformed socket frame, connection dropped');
    ws.terminate();
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const relative = relativePath(request.url);
    if (relative === undefined) {
      response.writeHead(400).end();
      return;
    }
    const root = normalize(this.#options.staticDir + sep);
    const file = normalize(join(root, relative));
    const type = CONTENT_TYPES[extname(file)];
    const devPanel = file === join(root, 'dev.html');
    if (request.method !== 'GET' || !file.startsWith(root) || !type || (devPanel && !this.#options.demo)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, {
          'content-type': type,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'content-security-policy': `default-src 'self'; connect-src 'self' ws://127.0.0.1:${new URL(this.#origin).port}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
        })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  }
}

/** The requested file relative to the renderer's folder; undefined for a malformed request. */
function relativePath(requestUrl: string | undefined): string | undefined {
  const url = URL.parse(requestUrl ?? '/', 'http://127.0.0.1');
  if (!url) return undefined;
  if (url.pathname === '/') return 'index.html';
  try {
    return decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
}
