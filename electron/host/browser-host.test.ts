// The browser host lets only the kiosk page it launched drive the kiosk: right origin, right
// token, valid events; and it serves nothing but the built renderer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ViewModel } from '../common/view-model.ts';
import { BrowserHost, type ScreenSource } from './browser-host.ts';

const VIEW: ViewModel = { screen: 'attract', language: 'ja', canCancel: false, calendar: 'japanese' };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ url: URL; token: string; received: unknown[]; logs: string[] }> {
  const staticDir = mkdtempSync(join(tmpdir(), 'host-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(staticDir, 'dev.html'), '<!doctype html><title>demo panel</title>');
  cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
  const received: unknown[] = [];
  const logs: string[] = [];
  const screen: ScreenSource = {
    view: () => VIEW,
    subscribe: () => () => undefined,
    send: (event) => {
      received.push(event);
      return (event as { type?: string }).type === 'TOUCH' ? { ok: true } : { ok: false, error: 'invalid-event' };
    },
  };
  const host = new BrowserHost({ screen, staticDir, log: (line) => logs.push(line) });
  const started = await host.start();
  cleanups.push(() => host.stop());
  const url = new URL(started.url);
  return { url, token: url.hash.replace('#token=', ''), received, logs };
}

function connect(
  url: URL,
  token: string,
  origin: string,
): Promise<{ ok: true; socket: WebSocket; first: unknown } | { ok: false; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${url.host}/ws/screen?token=${token}`, { origin });
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
});
