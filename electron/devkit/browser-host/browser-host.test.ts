// The browser host lets only the kiosk page it launched drive the kiosk: right host, origin
// and token, valid events; it serves nothing but the built renderer; and no local peer can
// exhaust its connections or memory, or flood its log.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SimulatedMotorisedReader } from '../../../native/devkit/emulator/motorised-reader.ts';
import { SimulatedReaderPort } from '../../../native/devkit/emulator/simulated-reader-port.ts';
import type { ViewModel } from '../../common/view-model.ts';
import { BrowserHost, type ScreenSource } from './browser-host.ts';
import { DemoReader } from './demo-reader.ts';
import { DEFAULT_HOST_LIMITS, type HostLimits } from './host-limits.ts';

const VIEW: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface HostUnderTest {
  readonly url: URL;
  readonly token: string;
  /** What the screen sent the kiosk core. */
  readonly received: unknown[];
  readonly logs: string[];
  /** How the demo panel turned the service key, in order. */
  readonly keys: boolean[];
  /** The kiosk core changes the screen. */
  show(view: ViewModel): void;
}

async function setUp(
  options: { limits?: Partial<HostLimits>; demo?: boolean; files?: Record<string, Buffer>; onScreen?: () => void } = {},
): Promise<HostUnderTest> {
  const staticDir = mkdtempSync(join(tmpdir(), 'host-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(staticDir, 'dev.html'), '<!doctype html><title>demo panel</title>');
  for (const [name, body] of Object.entries(options.files ?? {})) writeFileSync(join(staticDir, name), body);
  cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
  const received: unknown[] = [];
  const logs: string[] = [];
  const keys: boolean[] = [];
  const listeners = new Set<(view: ViewModel) => void>();
  const screen: ScreenSource = {
    view: () => VIEW,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (event) => {
      received.push(event);
      const type = (event as { type?: string }).type;
      return type === 'TOUCH' || type === 'CANCEL' ? { ok: true, value: undefined } : { ok: false, error: 'invalid-event' };
    },
  };
  const port = new SimulatedReaderPort();
  const demo = options.demo ? new DemoReader({ port, mechanics: new SimulatedMotorisedReader(port.reader) }) : undefined;
  const host = new BrowserHost({
    screen,
    staticDir,
    log: (line) => logs.push(line),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(demo ? { demo, serviceKey: (on: boolean) => keys.push(on) } : {}),
    ...(options.onScreen ? { onScreen: options.onScreen } : {}),
  });
  const started = await host.start();
  cleanups.push(() => host.stop());
  const url = new URL(started.url);
  return {
    url,
    token: url.hash.replace('#token=', ''),
    received,
    logs,
    keys,
    show: (view) => {
      for (const listener of listeners) listener(view);
    },
  };
}

function connect(
  url: URL,
  token: string,
  origin: string,
  options: { path?: string; host?: string } = {},
): Promise<{ ok: true; socket: WebSocket; first: unknown } | { ok: false; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${url.host}${options.path ?? '/ws/screen'}?token=${token}`, {
      origin,
      ...(options.host ? { headers: { host: options.host } } : {}),
    });
    cleanups.push(() => socket.terminate());
    socket.once('message', (data: Buffer) => resolve({ ok: true, socket, first: JSON.parse(data.toString()) as unknown }));
    socket.once('unexpected-response', (_, response) => resolve({ ok: false, status: response.statusCode ?? 0 }));
    socket.once('error', () => resolve({ ok: false, status: 0 }));
  });
}

describe('the browser host', () => {
  it('sends the view to the page it launched, and passes its events on', async () => {
    const { url, token, received } = await setUp();
    const connection = await connect(url, token, url.origin);
    if (!connection.ok) throw new Error(`refused: ${String(connection.status)}`);
    expect(connection.first).toEqual({ type: 'view', view: VIEW });
    connection.socket.send(JSON.stringify({ type: 'event', event: { type: 'TOUCH' } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ type: 'TOUCH' }]);
  });

  it('says when the kiosk screen has connected (how npm start knows Chromium opened it)', async () => {
    let screens = 0;
    const { url, token } = await setUp({ onScreen: () => (screens += 1) });
    expect(screens).toBe(0);
    expect(await connect(url, token, 'http://evil.example')).toMatchObject({ ok: false });
    expect(screens).toBe(0);
    expect(await connect(url, token, url.origin)).toMatchObject({ ok: true });
    expect(screens).toBe(1);
  });

  it('reports a port already in use as an error to show, and does not crash', async () => {
    const { url } = await setUp();
    const second = new BrowserHost({
      screen: { view: () => VIEW, subscribe: () => () => undefined, send: () => ({ ok: true, value: undefined }) },
      staticDir: tmpdir(),
      port: Number(url.port),
    });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
  });

  it('refuses another origin and a wrong token, and logs why', async () => {
    const { url, token, logs } = await setUp();
    expect(await connect(url, token, 'http://evil.example')).toMatchObject({ ok: false });
    expect(await connect(url, 'x'.repeat(token.length), url.origin)).toMatchObject({ ok: false });
    expect(logs).toEqual(['browser host: socket refused (wrong origin)', 'browser host: socket refused (wrong token)']);
  });

  it('ignores garbage and reports invalid events, without closing the screen', async () => {
    const { url, token, logs } = await setUp();
    const connection = await connect(url, token, url.origin);
    if (!connection.ok) throw new Error('refused');
    connection.socket.send('not json');
    connection.socket.send(JSON.stringify({ type: 'event', event: { type: 'DIGIT', digit: 99 } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs.filter((line) => line.includes('invalid screen event'))).toHaveLength(2);
    expect(connection.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('serves the renderer and nothing outside it, and no demo panel outside the demo', async () => {
    const { url } = await setUp();
    const index = await fetch(new URL('/', url));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(new URL('/..%2f..%2fetc%2fpasswd', url))).status).toBe(404);
    expect((await fetch(new URL('/dev.html', url))).status).toBe(404);
    expect((await fetch(new URL('/x%2f..%2fdev.html', url))).status).toBe(404);
  });

  it('lets only one screen watch the session: a second connection is refused until the first closes', async () => {
    const { url, token, logs } = await setUp();
    const first = await connect(url, token, url.origin);
    if (!first.ok) throw new Error('refused');
    expect(await connect(url, token, url.origin)).toMatchObject({ ok: false });
    expect(logs).toContain('browser host: socket refused (a screen is already connected)');
    first.socket.close();
    await new Promise((resolve) => first.socket.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await connect(url, token, url.origin)).toMatchObject({ ok: true });
  });

  it('stays up after requests that do not parse, an undecodable path and an oversized frame', async () => {
    const { url, token, logs } = await setUp();
    expect((await fetch(new URL('/%E0.js', url))).status).toBe(400);
    const answer = await new Promise<string>((resolve) => {
      const raw = connectTcp(Number(url.port), '127.0.0.1', () =>
        raw.write(`GET http://[ HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`),
      );
      let text = '';
      raw.on('data', (chunk: Buffer) => (text += chunk.toString()));
      raw.on('close', () => resolve(text));
      raw.on('error', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 (400|403)/);
    const connection = await connect(url, token, url.origin);
    if (!connection.ok) throw new Error('refused');
    connection.socket.send('x'.repeat(64 * 1024));
    await new Promise((resolve) => connection.socket.once('close', resolve));
    expect(logs).toContain('browser host: malformed socket frame, connection dropped');
    expect((await fetch(new URL('/', url))).status).toBe(200);
  });

  it('ends the customer’s session when the screen goes away, as the Electron shell does on losing its renderer', async () => {
    const { url, token, received } = await setUp();
    const first = await connect(url, token, url.origin);
    if (!first.ok) throw new Error('refused');
    // A second screen, refused, is no screen lost.
    expect(await connect(url, token, url.origin)).toMatchObject({ ok: false });
    expect(received).toEqual([]);
    first.socket.close();
    await until(() => received.length > 0);
    expect(received).toEqual([{ type: 'CANCEL' }]);
  });

  it('lets one demo panel drive the card reader at a time', async () => {
    const { url, token, logs } = await setUp({ demo: true });
    const first = await connect(url, token, url.origin, { path: '/ws/demo' });
    if (!first.ok) throw new Error('refused');
    expect(first.first).toMatchObject({ type: 'demo-state', mechanics: 'motorised', card: 'none' });
    expect(await connect(url, token, url.origin, { path: '/ws/demo' })).toEqual({ ok: false, status: 403 });
    expect(logs).toContain('browser host: socket refused (a demo panel is already connected)');
    first.socket.close();
    await new Promise((resolve) => first.socket.once('close', resolve));
    await until(async () => (await connect(url, token, url.origin, { path: '/ws/demo' })).ok);
  });

  it('turns the service key from the demo panel, never from the screen', async () => {
    const { url, token, keys, received } = await setUp({ demo: true });
    const screen = await connect(url, token, url.origin);
    const panel = await connect(url, token, url.origin, { path: '/ws/demo' });
    if (!screen.ok || !panel.ok) throw new Error('refused');
    expect(panel.first).toMatchObject({ type: 'demo-state', serviceKey: false });
    // A page cannot pass for the key: the screen socket only carries screen events to the core.
    screen.socket.send(JSON.stringify({ type: 'service-key', on: true }));
    const states: unknown[] = [];
    panel.socket.on('message', (data: Buffer) => states.push(JSON.parse(data.toString())));
    panel.socket.send(JSON.stringify({ type: 'service-key', on: true }));
    panel.socket.send(JSON.stringify({ type: 'service-key', on: false }));
    await until(() => keys.length === 2);
    expect(keys).toEqual([true, false]);
    expect(received).toEqual([]);
    await until(() => states.some((state) => (state as { serviceKey?: boolean }).serviceKey === true));
  });

  it('answers only to the address it gave out: another Host name (DNS rebinding) is refused, page and socket', async () => {
    const { url, token, logs } = await setUp();
    expect(await statusWithHost(url, url.host)).toBe(200);
    expect(await statusWithHost(url, `rebind.example:${url.port}`)).toBe(421);
    expect(await statusWithHost(url, `localhost:${url.port}`)).toBe(421);
    const rebound = `http://rebind.example:${url.port}`;
    expect(await connect(url, token, rebound, { host: `rebind.example:${url.port}` })).toEqual({ ok: false, status: 421 });
    expect(logs).toEqual([
      'browser host: request refused (wrong host)',
      'browser host: request refused (wrong host)',
      'browser host: socket refused (wrong host)',
    ]);
  });
});

describe('the browser host under load from a local peer', () => {
  it('holds at most a bounded number of connections that are not its sockets, and serves again once a flood ends', async () => {
    const { url, logs } = await setUp();
    const cap = DEFAULT_HOST_LIMITS.unauthenticatedConnections;
    const flood = await Promise.all(Array.from({ length: 200 }, () => rawConnection(url)));
    await until(() => flood.filter(isClosed).length >= 200 - cap);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(flood.filter((socket) => !isClosed(socket))).toHaveLength(cap);
    // Logged, but not once per connection.
    expect(logs.filter((line) => line === 'browser host: connection refused (too many connections)')).toHaveLength(10);
    for (const socket of flood) socket.destroy();
    await until(() =>
      fetch(new URL('/', url)).then(
        (response) => response.status === 200,
        () => false,
      ),
    );
  });

  it('closes a connection that trickles its headers (page or socket upgrade), says nothing, or lingers after a refusal', async () => {
    const { url, token } = await setUp({ limits: { headersTimeoutMs: 500, requestTimeoutMs: 1000 } });
    const started = performance.now();
    const closedAfter = (socket: Socket): Promise<number> =>
      new Promise((resolve) => socket.once('close', () => resolve(performance.now() - started)));
    const slowPage = await rawConnection(url);
    const slowUpgrade = await rawConnection(url);
    const silent = await rawConnection(url);
    // Refused, it never closes its side (half-open), as a hostile peer may.
    const lingering = await rawConnection(url, { allowHalfOpen: true });
    const times = Promise.all([slowPage, slowUpgrade, silent, lingering].map(closedAfter));
    trickle(slowPage, `GET / HTTP/1.1\r\nHost: ${url.host}\r\n`);
    trickle(slowUpgrade, `GET /ws/screen?token=${token} HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${url.origin}\r\nUpgrade: websocket\r\n`);
    lingering.write(
      `GET /ws/screen?token=wrong HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${url.origin}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    // Told no, it keeps writing: only a closed connection makes that fail.
    lingering.once('end', () => trickle(lingering, ''));
    const [page, upgrade, quiet, refused] = await Promise.race([
      times,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still open after 4 s')), 4000)),
    ]);
    for (const ms of [page, upgrade, quiet]) expect(ms).toBeGreaterThanOrEqual(450);
    for (const ms of [page, upgrade, quiet, refused]) expect(ms).toBeLessThan(2500);
  });

  it('cuts off a page request whose answer is not being read', async () => {
    const size = 32 * 1024 * 1024;
    const { url } = await setUp({ limits: { idleTimeoutMs: 500 }, files: { 'big.js': Buffer.alloc(size, 0x20) } });
    const reader = await rawConnection(url);
    reader.pause();
    reader.write(`GET /big.js HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let bytes = 0;
    reader.on('data', (chunk: Buffer) => (bytes += chunk.length));
    reader.resume();
    await until(() => isClosed(reader));
    expect(bytes).toBeLessThan(size);
  });

  it('keeps only the latest view for a screen that does not read: what waits to go out stays bounded', { timeout: 20_000 }, async () => {
    const host = await setUp();
    const screen = await silentScreen(host.url, host.token);
    let mostBuffered = 0;
    const send = Reflect.get(WebSocket.prototype, 'send') as (this: WebSocket, ...args: Parameters<WebSocket['send']>) => void;
    vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
      send.apply(this, args);
      mostBuffered = Math.max(mostBuffered, this.bufferedAmount);
    });
    cleanups.push(() => vi.restoreAllMocks());
    // 64 MB of views: without a bound, the host would hold what the kernel cannot.
    const padding = 'x'.repeat(64 * 1024);
    for (let index = 0; index < 1000; index += 1) host.show({ ...VIEW, padding, index } as unknown as ViewModel);
    expect(mostBuffered).toBeGreaterThan(0);
    expect(mostBuffered).toBeLessThanOrEqual(DEFAULT_HOST_LIMITS.maxBufferedBytes + padding.length + 1024);
    // Reading again, the screen gets the latest view last, having skipped most of the rest.
    const views = (await screen.readAll()).map((text) => (JSON.parse(text) as { view: { index?: number } }).view.index);
    expect(views.at(-1)).toBe(999);
    expect(views.length).toBeLessThan(500);
  });

  it('drops a screen that stops answering pings, ending the session, and keeps one that answers', async () => {
    const { url, token, received, logs } = await setUp({ limits: { heartbeatMs: 100 } });
    const live = await connect(url, token, url.origin);
    if (!live.ok) throw new Error('refused');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
    expect(received).toEqual([]);
    live.socket.close();
    await until(() => received.length === 1);

    await silentScreen(url, token);
    await until(() => received.length === 2);
    expect(received).toEqual([{ type: 'CANCEL' }, { type: 'CANCEL' }]);
    expect(logs).toContain('browser host: silent screen dropped (no answer to ping)');
  });

  it('writes a flood of refused events as a few log lines and a count', async () => {
    const { url, token, received, logs } = await setUp({ limits: { log: { burst: 10, windowMs: 1500 } } });
    const connection = await connect(url, token, url.origin);
    if (!connection.ok) throw new Error('refused');
    const refused = JSON.stringify({ type: 'event', event: { type: 'NOT-AN-EVENT' } });
    for (let i = 0; i < 10_000; i += 1) connection.socket.send(refused);
    await until(() => received.length === 10_000);
    expect(logs).toEqual(Array<string>(10).fill('browser host: invalid screen event ignored'));
    await until(() => logs.length === 11);
    expect(logs.at(-1)).toBe('browser host: invalid screen event ignored (suppressed: 9990)');
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const closedSockets = new WeakSet<Socket>();
const isClosed = (socket: Socket): boolean => closedSockets.has(socket);

/** A plain TCP connection to the host, reading (and dropping) what it is sent. */
function rawConnection(url: URL, options: { allowHalfOpen?: boolean } = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ port: Number(url.port), host: '127.0.0.1', ...options }, () => resolve(socket));
    cleanups.push(() => socket.destroy());
    socket.on('close', () => closedSockets.add(socket));
    socket.on('error', reject);
    socket.resume();
  });
}

/** Sends `head` one header line at a time, every 100 ms, with another header after it, never ending. */
function trickle(socket: Socket, head: string): void {
  const lines = head === '' ? [] : head.split(/(?<=\r\n)/);
  const timer = setInterval(() => socket.write(lines.shift() ?? 'X-Padding: 1\r\n'), 100);
  socket.on('close', () => clearInterval(timer));
}

/** The status of GET / sent with this Host header. */
function statusWithHost(url: URL, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: Number(url.port), path: '/', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * A screen that completes the WebSocket handshake and then stops reading, as a frozen or
 * hostile page can; readAll() reads on until the host has sent everything, and returns the
 * text messages.
 */
async function silentScreen(url: URL, token: string): Promise<{ readAll(): Promise<string[]> }> {
  const socket = await rawConnection(url);
  const received: Buffer[] = [];
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer): void => {
      received.push(chunk);
      if (!Buffer.concat(received).includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
    socket.write(
      `GET /ws/screen?token=${token} HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${url.origin}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  const handshake = Buffer.concat(received);
  expect(handshake.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  const frames: Buffer[] = [handshake.subarray(handshake.indexOf('\r\n\r\n') + 4)];
  return {
    async readAll() {
      socket.on('data', (chunk: Buffer) => frames.push(chunk));
      socket.resume();
      // Until nothing more arrives for a while.
      for (let count = -1; count !== frames.length;) {
        count = frames.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return textMessages(Buffer.concat(frames));
    },
  };
}

/** The text messages among a server's (unmasked) WebSocket frames. */
function textMessages(bytes: Buffer): string[] {
  const messages: string[] = [];
  for (let at = 0; at + 2 <= bytes.length;) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    const short = (bytes[at + 1] ?? 0) & 0x7f;
    const header = short === 126 ? 4 : short === 127 ? 10 : 2;
    const length = short === 126 ? bytes.readUInt16BE(at + 2) : short === 127 ? Number(bytes.readBigUInt64BE(at + 2)) : short;
    if (at + header + length > bytes.length) break;
    if (opcode === 1) messages.push(bytes.subarray(at + header, at + header + length).toString('utf8'));
    at += header + length;
  }
  return messages;
}
