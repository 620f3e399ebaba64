// The kiosk's WebSocket client against a standard server (the `ws` package): text both ways,
// fragmented and long messages, pings, closing from either side, messages over the limit, and
// TLS that trusts only the configured CA.
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { makeTlsFixtures } from '../../test/support/tls-fixtures.ts';
import { until } from '../../test/support/until.ts';
import { encodeClientFrame, openWebSocket, type TextSocket } from './websocket-client.ts';

const tls = makeTlsFixtures();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server; `peer()` is the server side of the latest connection. */
async function serve(secure = false): Promise<{ url: string; peer: () => Promise<WebSocket> }> {
  const server: Server = secure ? createHttpsServer({ cert: tls.server.cert, key: tls.server.key }) : createHttpServer();
  const wss = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const port = (server.address() as AddressInfo).port;
  const peers: WebSocket[] = [];
  wss.on('connection', (socket: WebSocket) => peers.push(socket));
  let taken = 0;
  return {
    url: `${secure ? 'wss' : 'ws'}://127.0.0.1:${String(port)}/xfs4iot/v1.0`,
    peer: async () => {
      await until(() => peers.length > taken, 'the connection on the server');
      taken = peers.length;
      const latest = peers.at(-1);
      if (!latest) throw new Error('no connection');
      return latest;
    },
  };
}

async function open(url: string, options: Partial<Parameters<typeof openWebSocket>[1]> = {}): Promise<TextSocket> {
  const opened = await openWebSocket(url, { connectTimeoutMs: 2000, maxMessageBytes: 100_000, ...options });
  if (!opened.ok) throw new Error(opened.error);
  cleanups.push(() => opened.value.close());
  return opened.value;
}

const received = (socket: TextSocket): string[] => {
  const messages: string[] = [];
  socket.on('message', (text) => messages.push(text));
  return messages;
};

describe('the WebSocket client', () => {
  it('exchanges text messages, short and long (16- and 64-bit lengths), in both directions', async () => {
    const server = await serve();
    const socket = await open(server.url);
    const peer = await server.peer();
    const fromClient: string[] = [];
    peer.on('message', (data: Buffer) => fromClient.push(data.toString('utf8')));
    const messages = received(socket);
    const medium = 'x'.repeat(300);
    const long = 'y'.repeat(70_000);
    socket.send('{"header":{"name":"Common.Status"}}');
    socket.send(long);
    peer.send('日本語のテキスト');
    peer.send(medium);
    await until(() => messages.length === 2 && fromClient.length === 2, 'both messages both ways');
    expect(fromClient).toEqual(['{"header":{"name":"Common.Status"}}', long]);
    expect(messages).toEqual(['日本語のテキスト', medium]);
  });

  it('puts a fragmented message together, and answers pings', async () => {
    const server = await serve();
    const socket = await open(server.url);
    const peer = await server.peer();
    const messages = received(socket);
    peer.send('{"header":', { fin: false });
    peer.send('"part"}', { fin: true });
    const pong = once(peer, 'pong');
    peer.ping('are you there');
    expect(((await pong) as [Buffer])[0].toString()).toBe('are you there');
    await until(() => messages.length === 1, 'the message');
    expect(messages).toEqual(['{"header":"part"}']);
  });

  it('closes on a message over the limit, and on a binary frame', async () => {
    const server = await serve();
    const socket = await open(server.url, { maxMessageBytes: 1000 });
    const peer = await server.peer();
    const closed = once(socket, 'close');
    peer.send('z'.repeat(1001));
    expect(await closed).toEqual(['message too large']);
    expect(socket.open).toBe(false);

    const other = await open(server.url);
    const closedToo = once(other, 'close');
    (await server.peer()).send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await closedToo).toEqual(['unexpected frame type']);
  });

  it('reports the service closing the connection', async () => {
    const server = await serve();
    const socket = await open(server.url);
    const peer = await server.peer();
    const closed = once(socket, 'close');
    peer.close(1000);
    expect(await closed).toEqual(['closed by the service']);
  });

  it('masks what it sends, as a client must', () => {
    const frame = encodeClientFrame(0x1, Buffer.from('ab'), Uint8Array.of(1, 2, 3, 4));
    expect([...frame]).toEqual([0x81, 0x82, 1, 2, 3, 4, 0x61 ^ 1, 0x62 ^ 2]);
  });

  it('refuses what is not a WebSocket, and a service that does not answer the handshake', async () => {
    expect(await openWebSocket('http://127.0.0.1:1/', { connectTimeoutMs: 500, maxMessageBytes: 10 })).toEqual({
      ok: false,
      error: 'not a ws: or wss: URL',
    });
    const plain = createHttpServer((_, response) => response.writeHead(404).end());
    plain.listen(0, '127.0.0.1');
    await once(plain, 'listening');
    cleanups.push(() => new Promise((resolve) => plain.close(() => resolve())));
    const url = `ws://127.0.0.1:${String((plain.address() as AddressInfo).port)}/`;
    expect(await openWebSocket(url, { connectTimeoutMs: 500, maxMessageBytes: 10 })).toEqual({
      ok: false,
      error: 'the service refused the WebSocket (HTTP 404)',
    });
  });
});

describe('over TLS', () => {
  it('connects to a service whose certificate the configured CA issued', async () => {
    const server = await serve(true);
    const socket = await open(server.url, { tls: { ca: tls.ca } });
    const peer = await server.peer();
    const messages = received(socket);
    peer.send('over TLS');
    await until(() => messages.length === 1, 'the message');
    expect(messages).toEqual(['over TLS']);
  });

  it('refuses a service whose certificate another CA issued, and wss: without a CA', async () => {
    const server = await serve(true);
    const refused = await openWebSocket(server.url, { connectTimeoutMs: 2000, maxMessageBytes: 1000, tls: { ca: tls.stranger.cert } });
    expect(refused.ok).toBe(false);
    expect(await openWebSocket(server.url, { connectTimeoutMs: 2000, maxMessageBytes: 1000 })).toEqual({
      ok: false,
      error: 'wss: needs the service CA',
    });
  });
});
