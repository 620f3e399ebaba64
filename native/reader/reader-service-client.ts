// The kiosk's side of the card service: a ReaderPort backed by a supervised child process.
// A crash (exit) or a hang (unanswered heartbeat or request) of the service is reported as
// the service going down with every reader detached, the process is killed and restarted
// with backoff, and the readers come back as the new process reports them. Connections made
// before a restart stay dead: their card may have been swapped meanwhile. A card that stops
// answering is not a hang of the service: the service reports it (see command-deadline.ts).
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { ReaderEvent, ReaderSnapshot, ReaderState } from './reader-events.ts';
import type { ConnectOptions, ConnectResult, ReaderPort } from './reader-port.ts';
import { asTransportFailure, MessageFromServiceSchema, ResponseValueSchemas, type Failure, type RequestBody } from './reader-protocol.ts';
import type { TransmitResult } from '../jpki/transport.ts';
import type { Result } from '../../electron/common/result.ts';

export interface ServiceProcess {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

export interface ReaderServiceClientOptions {
  readonly spawn?: () => ServiceProcess;
  readonly heartbeat?: { readonly intervalMs: number; readonly timeoutMs: number };
  /**
   * Longest a single request may take before the service counts as hung. Above the card
   * command deadline (command-deadline.ts): a card that stops answering is reported by the
   * service as 'card-unresponsive' well before, while it goes on answering its heartbeat.
   */
  readonly requestTimeoutMs?: number;
  /** Restart delays double up to maxMs; they start over once a service has stayed up for stableMs. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number; readonly stableMs?: number };
  /** Supervision facts for the kiosk's log (no APDUs, no personal data). */
  readonly log?: (message: string) => void;
}

type Settle = (result: Result<unknown, Failure>) => void;

interface Pending {
  readonly op: RequestBody['op'];
  readonly settle: Settle;
  readonly timer: NodeJS.Timeout;
}

/** Node's fork of the service entry; Electron's shell passes a utility-process spawn instead. */
export function forkReaderService(): ServiceProcess {
  const child = fork(new URL('../pcsc/pcsc-service-main.ts', import.meta.url), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // pcsclite parks a libuv worker thread per reader in a blocking status call.
    env: { ...process.env, UV_THREADPOOL_SIZE: '16' },
  });
  return {
    send: (message) => {
      // A child that died between the check and the write fails the write (EPIPE): that is
      // reported by its exit, and must not become an uncaught error in the kiosk.
      if (child.connected) child.send(message as never, undefined, {}, () => undefined);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      child.on('exit', (code, signal) => listener(signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`));
      child.on('error', (error) => {
        listener(`failed: ${error.message}`.slice(0, 200));
        child.kill('SIGKILL');
      });
    },
    kill: () => child.kill('SIGKILL'),
  };
}

export class ReaderServiceClient extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly #spawn: () => ServiceProcess;
  readonly #heartbeat: { readonly intervalMs: number; readonly timeoutMs: number };
  readonly #requestTimeoutMs: number;
  readonly #backoff: { readonly initialMs: number; readonly maxMs: number; readonly stableMs: number };
  #launchedAt = 0;
  readonly #log: (message: string) => void;
  readonly #readers = new Map<string, ReaderState>();
  readonly #pending = new Map<number, Pending>();
  #process: ServiceProcess | undefined;
  #generation = 0;
  #nextId = 1;
  #available = false;
  #detail = 'card service starting';
  #delayMs: number;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #restarts = 0;

  constructor(options: ReaderServiceClientOptions = {}) {
    super();
    this.#spawn = options.spawn ?? forkReaderService;
    this.#heartbeat = options.heartbeat ?? { intervalMs: 2000, timeoutMs: 5000 };
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 20_000;
    this.#backoff = { initialMs: 500, maxMs: 10_000, stableMs: 30_000, ...options.backoff };
    this.#log = options.log ?? (() => undefined);
    this.#delayMs = this.#backoff.initialMs;
  }

  /** How many times the service was restarted after a crash or hang. */
  get restarts(): number {
    return this.#restarts;
  }

  start(): void {
    this.#launch();
  }

  /** Whether a service process is running now (not between a crash and its restart). */
  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Restarts the service at staff's request, as after a crash: connections from before stay dead. */
  restart(): void {
    this.#down('card service restarted by staff');
  }

  snapshot(): ReaderSnapshot {
    return { serviceAvailable: this.#available, detail: this.#detail, readers: [...this.#readers.values()] };
  }

  async connect(reader: string, options: ConnectOptions): Promise<ConnectResult> {
    const generation = this.#generation;
    const result = await this.#request({ op: 'connect', reader, exclusive: options.exclusive });
    if (!result.ok) return { ok: false, error: result.error === 'bad-request' ? 'transport' : result.error };
    const { connection, atr } = ResponseValueSchemas.connect.parse(result.value);
    const alive = (): boolean => generation === this.#generation;
    return {
      ok: true,
      value: {
        atr,
        transmit: async (apdu): Promise<TransmitResult> => {
          if (!alive()) return { ok: false, error: 'reader-unavailable' };
          const response = await this.#request({ op: 'transmit', connection, apdu });
          if (!response.ok) return { ok: false, error: asTransportFailure(response.error) };
          return { ok: true, value: ResponseValueSchemas.transmit.parse(response.value) };
        },
        disconnect: async (disposition) => {
          if (alive()) await this.#request({ op: 'disconnect', connection, disposition });
        },
      },
    };
  }

  close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    clearInterval(this.#heartbeatTimer);
    this.#process?.kill();
    this.#process = undefined;
    this.#failPending();
    return Promise.resolve();
  }

  #launch(): void {
    if (this.#closed) return;
    const generation = ++this.#generation;
    this.#launchedAt = Date.now();
    const child = this.#spawn();
    this.#process = child;
    child.onMessage((message) => {
      if (generation === this.#generation) this.#receive(message);
    });
    child.onExit((detail) => {
      if (generation === this.#generation) this.#down(`card service ${detail}`);
    });
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(() => void this.#ping(generation), this.#heartbeat.intervalMs);
    void this.#ping(generation);
  }

  async #ping(generation: number): Promise<void> {
    const result = await this.#request({ op: 'ping' }, this.#heartbeat.timeoutMs);
    if (generation !== this.#generation) return;
    if (!result.ok) {
      this.#down('card service not answering');
      return;
    }
    // Only a service that has stayed up a while ends the incident: a crash loop keeps backing off.
    if (Date.now() - this.#launchedAt >= this.#backoff.stableMs) this.#delayMs = this.#backoff.initialMs;
  }

  #receive(raw: unknown): void {
    const parsed = MessageFromServiceSchema.safeParse(raw);
    if (!parsed.success) {
      this.#log('card service sent an invalid message; ignored');
      return;
    }
    const message = parsed.data;
    if (message.kind === 'event') {
      this.#apply(message.event);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    if (!message.ok) {
      pending.settle({ ok: false, error: message.error });
      return;
    }
    const valid = ResponseValueSchemas[pending.op].safeParse(message.value);
    pending.settle(valid.success ? { ok: true, value: valid.data } : { ok: false, error: 'transport' });
  }

  /** Mirrors the service's view and passes the event on. */
  #apply(event: ReaderEvent): void {
    switch (event.type) {
      case 'service':
        this.#available = event.available;
        this.#detail = event.detail;
        break;
      case 'reader-attached':
        this.#readers.set(event.reader, { name: event.reader, card: 'empty' });
        break;
      case 'reader-detached':
        this.#readers.delete(event.reader);
        break;
      case 'card-inserted':
        this.#readers.set(event.reader, { name: event.reader, card: 'present', atr: event.atr });
        break;
      case 'card-removed':
        this.#readers.set(event.reader, { name: event.reader, card: 'empty' });
        break;
    }
    this.emit('event', event);
  }

  #request(body: RequestBody, timeoutMs = this.#requestTimeoutMs): Promise<Result<unknown, Failure>> {
    const child = this.#process;
    if (!child) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
    const id = this.#nextId++;
    return new Promise((settle) => {
      const timer = setTimeout(() => {
        if (!this.#pending.delete(id)) return;
        settle({ ok: false, error: 'reader-unavailable' });
        // A request that never comes back means the native binding hangs.
        if (body.op !== 'ping') this.#down(`card service did not answer ${body.op} within ${timeoutMs} ms`);
      }, timeoutMs);
      this.#pending.set(id, { op: body.op, settle, timer });
      child.send({ kind: 'request', id, ...body });
    });
  }

  #down(detail: string): void {
    if (this.#closed || !this.#process) return;
    this.#log(`${detail}; restarting it`);
    const child = this.#process;
    this.#process = undefined;
    this.#generation += 1; // silence the old process, whatever it still says
    clearInterval(this.#heartbeatTimer);
    child.kill();
    this.#failPending();
    for (const reader of [...this.#readers.values()]) {
      if (reader.card !== 'empty') this.#apply({ type: 'card-removed', reader: reader.name, outage: true });
      this.#apply({ type: 'reader-detached', reader: reader.name });
    }
    this.#apply({ type: 'service', available: false, detail });
    this.#restarts += 1;
    this.#restartTimer = setTimeout(() => this.#launch(), this.#delayMs);
    this.#delayMs = Math.min(this.#delayMs * 2, this.#backoff.maxMs);
  }

  #failPending(): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.settle({ ok: false, error: 'reader-unavailable' });
      this.#pending.delete(id);
    }
  }
}
