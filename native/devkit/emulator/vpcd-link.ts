// Attaches a virtual card to vsmartcard's vpcd driver inside pcscd, so that pcscd and any
// PC/SC application see it in the reader "Virtual PCD 00 00" (port 35963) or "… 00 01"
// (35964). vpcd is the TCP server; the card is the client. When pcscd restarts the
// connection drops and the link reconnects with backoff, like a card left in a reader.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { encodeFrame, FrameDecoder, VPCD_CONTROL } from './vpcd-frames.ts';
import type { VirtualCard } from './virtual-card.ts';

export const VPCD_DEFAULT_PORT = 35963;

export interface VpcdLinkOptions {
  readonly card: VirtualCard;
  readonly host?: string;
  readonly port?: number;
  /** Reconnect delays: doubles from initialMs up to maxMs. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

interface VpcdLinkEvents {
  connected: [];
  disconnected: [];
}

export class VpcdLink extends EventEmitter<VpcdLinkEvents> {
  readonly #card: VirtualCard;
  readonly #host: string;
  readonly #port: number;
  readonly #backoff: { readonly initialMs: number; readonly maxMs: number };
  #socket: Socket | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #delayMs: number;
  #stopped = true;

  constructor(options: VpcdLinkOptions) {
    super();
    this.#card = options.card;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? VPCD_DEFAULT_PORT;
    this.#backoff = options.backoff ?? { initialMs: 100, maxMs: 2000 };
    this.#delayMs = this.#backoff.initialMs;
  }

  get connected(): boolean {
    return this.#socket !== undefined && !this.#socket.connecting && !this.#socket.destroyed;
  }

  /** Starts connecting (and reconnecting); resolves once vpcd has accepted the card. */
  start(): Promise<void> {
    this.#stopped = false;
    const connected = new Promise<void>((resolve) => this.once('connected', resolve));
    this.#connect();
    return connected;
  }

  /** Detaches the card, as if it were pulled out of the reader. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  #connect(): void {
    const socket = connect({ host: this.#host, port: this.#port });
    const decoder = new FrameDecoder();
    this.#socket = socket;
    let wasConnected = false;
    // Frames are answered strictly in order, even when the card answers slowly; each
    // connection has its own queue, so a stuck answer cannot block the next connection.
    let queue: Promise<void> = Promise.resolve();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      wasConnected = true;
      this.emit('connected');
    });
    socket.on('data', (chunk: Buffer) => {
      for (const payload of decoder.push(chunk)) {
        queue = queue.then(() => this.#answer(socket, payload)).catch(() => undefined);
      }
    });
    // 'close' always follows 'error'; reconnecting is handled there.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#card.powerOff();
      if (wasConnected) this.emit('disconnected');
      if (!this.#stopped) this.#scheduleReconnect();
    });
  }

  #scheduleReconnect(): void {
    this.#retryTimer = setTimeout(() => this.#connect(), this.#delayMs);
    this.#delayMs = Math.min(this.#delayMs * 2, this.#backoff.maxMs);
  }

  async #answer(socket: Socket, payload: Uint8Array): Promise<void> {
    // A command of a connection that is gone never reaches the card: it would spend a try
    // whose answer no host could see.
    if (socket.destroyed) {
      payload.fill(0);
      return;
    }
    // vpcd talking to us proves the link works: only now does the backoff start over.
    this.#delayMs = this.#backoff.initialMs;
    if (payload.length === 1) {
      switch (payload[0]) {
        case VPCD_CONTROL.powerOff:
          this.#card.powerOff();
          return;
        case VPCD_CONTROL.powerOn:
          this.#card.powerOn();
          return;
        case VPCD_CONTROL.reset:
          this.#card.reset();
          return;
        case VPCD_CONTROL.getAtr:
          this.#send(socket, this.#card.atr);
          return;
        default:
          return; // unknown control codes carry no reply in the vpcd protocol
      }
    }
    this.#send(socket, await this.#card.transmit(payload));
    payload.fill(0); // it may have carried a PIN
  }

  #send(socket: Socket, payload: Uint8Array): void {
    if (!socket.destroyed) socket.write(encodeFrame(payload));
  }
}
