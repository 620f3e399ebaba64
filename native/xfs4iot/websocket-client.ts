// A WebSocket client (RFC 6455) for text messages, over node:http and node:https. Node's
// built-in WebSocket cannot be given TLS options per connection (its `dispatcher` option wants
// undici's Agent, which Node does not expose): the device service's certificate must be
// checked against the bank's CA and the kiosk may have to present its own, as the gateway
// client does. So the handshake and the framing are done here; they are small.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Result } from '../../electron/common/result.ts';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** PEM text: the CA that issued the service's certificate, and the kiosk's own certificate and key if the service asks for one. */
export interface WebSocketTls {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
}

export interface WebSocketOptions {
  /** Longest wait for the connection and the handshake. */
  readonly connectTimeoutMs: number;
  /** Longest message accepted; a longer one closes the connection. */
  readonly maxMessageBytes: number;
  /** Required for wss: URLs. */
  readonly tls?: WebSocketTls;
}

/** An open connection carrying text messages. `close` is emitted once, however it ends. */
export interface TextSocket extends EventEmitter<{ message: [text: string]; close: [reason: string] }> {
  send(text: string): void;
  close(): void;
  readonly open: boolean;
}

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One frame as the client sends it: always masked (RFC 6455 §5.3). */
export function encodeClientFrame(opcode: number, payload: Uint8Array, mask: Uint8Array = randomBytes(4)): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const frame = Buffer.alloc(2 + extended + 4 + length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) frame.writeUInt16BE(length, 2);
  if (extended === 8) frame.writeBigUInt64BE(BigInt(length), 2);
  const maskAt = 2 + extended;
  frame.set(mask.subarray(0, 4), maskAt);
  for (let i = 0; i < length; i += 1) frame[maskAt + 4 + i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return frame;
}

class FrameSocket extends EventEmitter<{ message: [text: string]; close: [reason: string] }> implements TextSocket {
  readonly #socket: Duplex;
  readonly #maxBytes: number;
  #buffer: Buffer = Buffer.alloc(0);
  #fragments: Buffer[] = [];
  #fragmentBytes = 0;
  #open = true;

  constructor(socket: Duplex, head: Buffer, maxBytes: number) {
    super();
    this.#socket = socket;
    this.#maxBytes = maxBytes;
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('close', () => this.#closed('connection closed'));
    socket.on('error', () => this.#closed('connection failed'));
    socket.on('end', () => this.#closed('connection ended'));
    // Bytes that came with the handshake go first; they are read once the caller has had its
    // turn to listen (it gets this socket through a promise).
    this.#buffer = Buffer.from(head);
    if (head.length > 0) setImmediate(() => this.#receive(Buffer.alloc(0)));
  }

  get open(): boolean {
    return this.#open;
  }

  send(text: string): void {
    if (!this.#open) return;
    // A command may carry a PIN (VERIFY through ChipIO): the byte copies made here are zeroed
    // once written. The JSON text itself is a string, which cannot be wiped.
    const bytes = Buffer.from(text, 'utf8');
    const frame = encodeClientFrame(OPCODE.text, bytes);
    bytes.fill(0);
    this.#socket.write(frame, () => frame.fill(0));
  }

  close(): void {
    if (!this.#open) return;
    this.#socket.write(encodeClientFrame(OPCODE.close, Buffer.from([0x03, 0xe8])));
    this.#socket.end();
    this.#closed('closed by the kiosk');
  }

  #closed(reason: string): void {
    if (!this.#open) return;
    this.#open = false;
    this.#socket.destroy();
    this.emit('close', reason);
  }

  #fail(reason: string): void {
    if (!this.#open) return;
    // 1002 protocol error, 1009 message too big
    const code = reason.includes('too large') ? 1009 : 1002;
    this.#socket.write(encodeClientFrame(OPCODE.close, Buffer.from([code >> 8, code & 0xff])));
    this.#closed(reason);
  }

  #receive(chunk: Buffer): void {
    if (!this.#open) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    // Handling a frame may close the socket (a close frame, a protocol error).
    while (this.open) {
      const frame = this.#nextFrame();
      if (!frame) return;
      this.#handle(frame.fin, frame.opcode, frame.payload);
    }
  }

  /** The next complete frame in the buffer, or undefined until more bytes arrive. */
  #nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | undefined {
    const buffer = this.#buffer;
    if (buffer.length < 2) return undefined;
    const first = buffer[0] ?? 0;
    const second = buffer[1] ?? 0;
    if ((second & 0x80) !== 0) {
      this.#fail('the server masked a frame');
      return undefined;
    }
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return undefined;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return undefined;
      const long = buffer.readBigUInt64BE(2);
      if (long > BigInt(this.#maxBytes)) {
        this.#fail('message too large');
        return undefined;
      }
      length = Number(long);
      offset = 10;
    }
    if (length > this.#maxBytes) {
      this.#fail('message too large');
      return undefined;
    }
    if (buffer.length < offset + length) return undefined;
    const payload = buffer.subarray(offset, offset + length);
    this.#buffer = buffer.subarray(offset + length);
    return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload };
  }

  #handle(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OPCODE.ping:
        this.#socket.write(encodeClientFrame(OPCODE.pong, payload));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close:
        this.#socket.write(encodeClientFrame(OPCODE.close, payload.subarray(0, 2)));
        this.#socket.end();
        this.#closed('closed by the service');
        return;
      case OPCODE.text:
      case OPCODE.continuation: {
        if ((opcode === OPCODE.text) !== (this.#fragments.length === 0)) {
          this.#fail('unexpected continuation frame');
          return;
        }
        this.#fragmentBytes += payload.length;
        if (this.#fragmentBytes > this.#maxBytes) {
          this.#fail('message too large');
          return;
        }
        // Copied: the receive buffer is reused for later frames.
        this.#fragments.push(Buffer.from(payload));
        if (!fin) return;
        const message = Buffer.concat(this.#fragments);
        this.#fragments = [];
        this.#fragmentBytes = 0;
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(message);
        } catch {
          this.#fail('a text message that is not UTF-8');
          return;
        }
        this.emit('message', text);
        return;
      }
      default:
        // XFS4IoT messages are JSON text; binary or reserved opcodes are a protocol error.
        this.#fail('unexpected frame type');
    }
  }
}

/** Opens a WebSocket to `url` (ws: or wss:); the error says why not, without secrets. */
export function openWebSocket(url: string, options: WebSocketOptions): Promise<Result<TextSocket, string>> {
  const target = URL.parse(url);
  if (!target || (target.protocol !== 'ws:' && target.protocol !== 'wss:'))
    return Promise.resolve({ ok: false, error: 'not a ws: or wss: URL' });
  const secure = target.protocol === 'wss:';
  if (secure && !options.tls) return Promise.resolve({ ok: false, error: 'wss: needs the service CA' });
  const key = randomBytes(16).toString('base64');
  const expected = createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
  const common = {
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || (secure ? 443 : 80),
    path: `${target.pathname}${target.search}`,
    headers: {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '13',
    },
    timeout: options.connectTimeoutMs,
  };
  const tls = options.tls;
  const request =
    secure && tls
      ? httpsRequest({
          ...common,
          ca: tls.ca,
          ...(tls.cert ? { cert: tls.cert } : {}),
          ...(tls.key ? { key: tls.key } : {}),
          minVersion: 'TLSv1.2',
          rejectUnauthorized: true,
          agent: false,
        })
      : httpRequest({ ...common, agent: false });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<TextSocket, string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      request.destroy();
      settle({ ok: false, error: `no handshake within ${String(options.connectTimeoutMs)} ms` });
    }, options.connectTimeoutMs);
    request.on('upgrade', (response: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (response.headers['sec-websocket-accept'] !== expected || response.headers.upgrade?.toLowerCase() !== 'websocket') {
        socket.destroy();
        settle({ ok: false, error: 'the service answered the handshake wrongly' });
        return;
      }
      settle({ ok: true, value: new FrameSocket(socket, head, options.maxMessageBytes) });
    });
    request.on('response', (response: IncomingMessage) => {
      response.resume();
      settle({ ok: false, error: `the service refused the WebSocket (HTTP ${String(response.statusCode)})` });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, error: `cannot connect (${error.code ?? 'error'})` }));
    request.end();
  });
}
