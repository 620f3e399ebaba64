// The readers pcscd knows, as a ReaderPort. pcscd restarts and reader unplugs invalidate the
// PC/SC context: the port then reports the service down and every reader detached (a card
// that was in may have been swapped meanwhile), recreates the context with backoff, and
// reports readers and cards again as pcscd sees them.
import { EventEmitter } from 'node:events';
import pcsclite, { type CardReader, type PCSCLite, type ReaderStatus } from 'pcsclite';
import { toHex } from '../apdu/hex.ts';
import { CARD_DEADLINES, withCommandDeadlines, type CommandDeadlines } from '../reader/command-deadline.ts';
import type { ReaderEvent, ReaderSnapshot, ReaderState } from '../reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, Disposition, ReaderPort } from '../reader/reader-port.ts';
import { PcscConnection } from './pcsc-connection.ts';

export interface PcscReaderPortOptions {
  /** Makes a PC/SC context; throws when pcscd is unreachable (as pcsclite does). */
  readonly createContext?: () => PCSCLite;
  /** Reopening delays double up to maxMs; they start over once a context has stayed up for stableMs. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number; readonly stableMs?: number };
  /** How long a card may take to answer a command before it counts as unresponsive. */
  readonly deadlines?: CommandDeadlines;
}

/** Details go to the log and the operator, never to customers: keep them short. */
const MAX_DETAIL = 200;
const detailOf = (prefix: string, error: unknown): string =>
  `${prefix}: ${error instanceof Error ? error.message : String(error)}`.slice(0, MAX_DETAIL);

interface TrackedReader {
  readonly reader: CardReader;
  state: ReaderState;
  /** pcscd's event counter (high 16 bits of the state): it moves on every removal and insertion. */
  events: number | undefined;
  /** pcsclite keeps one connection per reader object: a second one would silently share it. */
  connected: boolean;
  /** Ends the live connection with a reset, if any (the port is closing or its context died). */
  release?: () => Promise<void>;
}

function stateOf(reader: CardReader, status: ReaderStatus): ReaderState {
  if ((status.state & reader.SCARD_STATE_PRESENT) === 0) return { name: reader.name, card: 'empty' };
  const atr = status.atr && status.atr.length > 0 ? toHex(status.atr, '') : undefined;
  const card = (status.state & reader.SCARD_STATE_MUTE) !== 0 ? 'mute' : 'present';
  return atr === undefined ? { name: reader.name, card } : { name: reader.name, card, atr };
}

export class PcscReaderPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly #createContext: () => PCSCLite;
  readonly #backoff: { readonly initialMs: number; readonly maxMs: number; readonly stableMs: number };
  readonly #deadlines: CommandDeadlines;
  #stableTimer: NodeJS.Timeout | undefined;
  readonly #readers = new Map<string, TrackedReader>();
  /** Readers seen but whose first status has not come yet. */
  readonly #unsettled = new Set<string>();
  #context: PCSCLite | undefined;
  #available = false;
  #detail = 'starting';
  #delayMs: number;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PcscReaderPortOptions = {}) {
    super();
    this.#createContext = options.createContext ?? pcsclite;
    this.#backoff = { initialMs: 250, maxMs: 5000, stableMs: 30_000, ...options.backoff };
    this.#deadlines = options.deadlines ?? CARD_DEADLINES;
    this.#delayMs = this.#backoff.initialMs;
  }

  /** Opens the PC/SC context; call after subscribing so that no event is missed. */
  start(): void {
    this.#open();
  }

  /**
   * Resolves once the service state is known and every reader has reported its first
   * status (a one-shot tool such as `npm run card` waits for this), or after timeoutMs.
   */
  async settled(timeoutMs = 2000): Promise<ReaderSnapshot> {
    const deadline = Date.now() + timeoutMs;
    // pcsclite lists readers shortly after the context opens: give it a moment to start.
    await new Promise((resolve) => setTimeout(resolve, 100));
    while (Date.now() < deadline && (this.#detail === 'starting' || this.#unsettled.size > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.snapshot();
  }

  snapshot(): ReaderSnapshot {
    return {
      serviceAvailable: this.#available,
      detail: this.#detail,
      readers: [...this.#readers.values()].map((tracked) => tracked.state),
    };
  }

  async connect(name: string, options: ConnectOptions): Promise<ConnectResult> {
    const tracked = this.#readers.get(name);
    if (!tracked) return { ok: false, error: 'reader-unavailable' };
    if (tracked.state.card === 'empty') return { ok: false, error: 'no-card' };
    if (tracked.connected) return { ok: false, error: 'in-use' };
    tracked.connected = true;
    const atr = Uint8Array.from(Buffer.from(tracked.state.atr ?? '', 'hex'));
    const result = await PcscConnection.connect(tracked.reader, atr, options);
    if (!result.ok) {
      tracked.connected = false;
      return result;
    }
    const connection = result.value;
    const disconnect = async (disposition: Disposition): Promise<void> => {
      if (!tracked.connected) return;
      delete tracked.release;
      await connection.disconnect(disposition);
      // Only once pcscd has released the handle may the reader be connected again (after a
      // card that stopped answering: once it answers or is taken out).
      tracked.connected = false;
    };
    tracked.release = () => disconnect('reset');
    const bounded = withCommandDeadlines(
      { atr: connection.atr, transmit: (command) => connection.transmit(command), disconnect },
      this.#deadlines,
    );
    return { ok: true, value: bounded };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    clearTimeout(this.#stableTimer);
    // A reader object must not be closed under a live handle: end the sessions first, but a
    // wedged pcscd must not keep the port from closing.
    const releases = [...this.#readers.values()].flatMap((tracked) => (tracked.release ? [tracked.release()] : []));
    await Promise.race([Promise.all(releases), new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.#dropContext('closed');
  }

  #open(): void {
    if (this.#closed) return;
    let context: PCSCLite;
    try {
      context = this.#createContext();
    } catch (error) {
      this.#setService(false, detailOf('pcscd unreachable', error));
      this.#scheduleReopen();
      return;
    }
    this.#context = context;
    context.on('error', (error) => {
      if (this.#context !== context) return;
      this.#dropContext(detailOf('PC/SC context lost', error));
      this.#scheduleReopen();
    });
    context.on('reader', (reader) => this.#track(context, reader));
    // A context that dies at once must not be reopened at full speed forever.
    clearTimeout(this.#stableTimer);
    this.#stableTimer = setTimeout(() => (this.#delayMs = this.#backoff.initialMs), this.#backoff.stableMs);
    this.#setService(true, 'pcscd connected');
  }

  #track(context: PCSCLite, reader: CardReader): void {
    const tracked: TrackedReader = { reader, state: { name: reader.name, card: 'empty' }, events: undefined, connected: false };
    this.#readers.set(reader.name, tracked);
    this.#unsettled.add(reader.name);
    this.emit('event', { type: 'reader-attached', reader: reader.name });
    // Status errors come with the context's own error, or with the reader's 'end'.
    reader.on('error', () => undefined);
    reader.on('status', (status) => {
      if (this.#context !== context) return;
      this.#unsettled.delete(reader.name);
      const before = tracked.state;
      const eventsBefore = tracked.events;
      tracked.state = stateOf(reader, status);
      tracked.events = status.state >>> 16;
      const wasIn = before.card !== 'empty';
      const isIn = tracked.state.card !== 'empty';
      // All My Number cards share an ATR and pcsclite may merge a quick swap into one status:
      // pcscd's event counter still tells that the card went out and another came in.
      const swapped =
        wasIn && isIn && (before.atr !== tracked.state.atr || (eventsBefore !== undefined && eventsBefore !== tracked.events));
      if (wasIn && (!isIn || swapped)) this.emit('event', { type: 'card-removed', reader: reader.name });
      if (isIn && (!wasIn || swapped)) this.emit('event', { type: 'card-inserted', reader: reader.name, atr: tracked.state.atr ?? '' });
    });
    reader.on('end', () => {
      if (this.#context !== context || this.#readers.get(reader.name) !== tracked) return;
      this.#forget(tracked);
    });
  }

  #forget(tracked: TrackedReader): void {
    this.#readers.delete(tracked.reader.name);
    this.#unsettled.delete(tracked.reader.name);
    if (tracked.state.card !== 'empty') this.emit('event', { type: 'card-removed', reader: tracked.reader.name });
    this.emit('event', { type: 'reader-detached', reader: tracked.reader.name });
  }

  #dropContext(detail: string): void {
    const context = this.#context;
    this.#context = undefined;
    clearTimeout(this.#stableTimer);
    for (const tracked of [...this.#readers.values()]) this.#forget(tracked);
    this.#setService(false, detail);
    try {
      for (const reader of Object.values(context?.readers ?? {})) reader.close();
      context?.close();
    } catch {
      // closing a context whose daemon is gone may fail: it is discarded either way
    }
  }

  #scheduleReopen(): void {
    if (this.#closed) return;
    this.#retry = setTimeout(() => this.#open(), this.#delayMs);
    this.#delayMs = Math.min(this.#delayMs * 2, this.#backoff.maxMs);
  }

  #setService(available: boolean, detail: string): void {
    // Retries that keep failing the same way are reported once, not at every attempt.
    const changed = available !== this.#available || detail !== this.#detail;
    this.#available = available;
    this.#detail = detail;
    if (changed) this.emit('event', { type: 'service', available, detail });
  }
}
