// Runs the renderer in a plain browser against the kiosk core: serves the built renderer on
// loopback and bridges it over a WebSocket. A per-launch token (handed over in the URL
// fragment, so it is never logged by a server) and an Origin check keep other pages and
// processes on the machine from driving the kiosk.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ViewModel } from '../common/view-model.ts';
import type { SendResult } from '../core/kiosk.ts';
import type { DemoReader } from './demo-reader.ts';
import { DemoMessageSchema, MAX_MESSAGE_BYTES, ScreenMessageSchema } from './host-protocol.ts';

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
  readonly demo?: DemoReader;
  readonly log?: (line: string) => void;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export class BrowserHost {
  readonly #options: BrowserHostOptions;
  readonly #token = randomBytes(24).toString('base64url');
  readonly #sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  #server: Server | undefined;
  #origin = '';
  /** The one kiosk screen connected; a second is refused while it is open, so a stolen token cannot watch a session. */
  #screenSocket: WebSocket | undefined;

  constructor(options: BrowserHostOptions) {
    this.#options = options;
  }

  /** Starts on loopback; returns the kiosk screen's URL (with its token) and the developer panel's. */
  async start(): Promise<{ url: string; demoUrl: string | undefined }> {
    const server = createServer((request, response) => {
      this.#serve(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    server.on('upgrade', (request, socket, head) => {
      const channel = this.#authorise(request);
      if (!channel) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      this.#sockets.handleUpgrade(request, socket, head, (ws) => (channel === 'screen' ? this.#screen(ws) : this.#demo(ws)));
    });
    await new Promise<void>((resolve) => server.listen(this.#options.port ?? 0, '127.0.0.1', resolve));
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
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Which socket the request may open, if any: right path, right origin, right token. */
  #authorise(request: IncomingMessage): 'screen' | 'demo' | undefined {
    const url = URL.parse(request.url ?? '/', this.#origin);
    if (!url) {
      this.#options.log?.('browser host: socket refused (malformed request)');
      return undefined;
    }
    const token = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(this.#token);
    let refusal: string | undefined;
    if (request.headers.origin !== this.#origin) refusal = 'wrong origin';
    else if (token.length !== expected.length || !timingSafeEqual(token, expected)) refusal = 'wrong token';
    else if (url.pathname === '/ws/screen' && this.#screenSocket) refusal = 'a screen is already connected';
    else if (url.pathname === '/ws/screen') return 'screen';
    else if (url.pathname === '/ws/demo' && this.#options.demo) return 'demo';
    this.#options.log?.(`browser host: socket refused (${refusal ?? 'unknown socket'})`);
    return undefined;
  }

  #screen(ws: WebSocket): void {
    const { screen } = this.#options;
    this.#screenSocket = ws;
    const send = (view: ViewModel): void => ws.send(JSON.stringify({ type: 'view', view }));
    send(screen.view());
    const unsubscribe = screen.subscribe(send);
    ws.on('close', () => {
      unsubscribe();
      if (this.#screenSocket === ws) this.#screenSocket = undefined;
    });
    ws.on('error', () => this.#dropBadSocket(ws));
    ws.on('message', (data: Buffer) => {
      const message = parseJson(data);
      const parsed = ScreenMessageSchema.safeParse(message);
      const result = parsed.success ? screen.send(parsed.data.event) : { ok: false as const, error: 'invalid-event' as const };
      if (!result.ok) this.#options.log?.('browser host: invalid screen event ignored');
    });
  }

  #demo(ws: WebSocket): void {
    const demo = this.#options.demo;
    if (!demo) return;
    const report = (): void => ws.send(JSON.stringify(demo.state()));
    report();
    const timer = setInterval(report, 500);
    ws.on('close', () => clearInterval(timer));
    ws.on('error', () => this.#dropBadSocket(ws));
    ws.on('message', (data: Buffer) => {
      const parsed = DemoMessageSchema.safeParse(parseJson(data));
      if (!parsed.success) return;
      void (parsed.data.type === 'insert' ? demo.insert(parsed.data.profile) : Promise.resolve(demo.take())).then(report);
    });
  }

  /** An oversized or broken frame: that client is cut off, the kiosk goes on. */
  #dropBadSocket(ws: WebSocket): void {
    this.#options.log?.('browser host: malformed socket frame, connection dropped');
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

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
}
