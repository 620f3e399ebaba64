// The in-process simulated reader as a ReaderPort: the demo default, no pcscd needed. Like the
// PC/SC port (native/pcsc/pcsc-reader-port.ts), it reports a card that does not answer a
// command in time as unresponsive, and it goes through the same outages with the same
// events: the reader unplugged and plugged in again, and pcscd lost and back (a restart), when
// the reader is forgotten first, then its card reported removed, then the reader detached,
// then the service down; once back, the service, the reader, then its card.
import { EventEmitter } from 'node:events';
import { toHex } from '../../apdu/hex.ts';
import { CARD_DEADLINES, withCommandDeadlines, type CommandDeadlines } from '../../reader/command-deadline.ts';
import type { ReaderEvent, ReaderSnapshot, ReaderState } from '../../reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, ReaderPort } from '../../reader/reader-port.ts';
import { SimulatedReader } from './simulated-reader.ts';

/** What PcscReaderPort says when pcscd goes away under it. */
const PCSCD_LOST = 'PC/SC context lost: SCardGetStatusChange error: RPC transport error.(0x80100013)';

export class SimulatedReaderPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly reader: SimulatedReader;
  /** The connection holding the card exclusively, if any. */
  #holder: symbol | undefined;
  readonly #deadlines: CommandDeadlines;
  #available = true;
  #detail = 'simulated reader';
  /** The reader as reported, or undefined while it is not listed (unplugged, service down). */
  #listed: ReaderState | undefined;
  /** Moves on at every outage: connections from before it are dead. */
  #epoch = 0;
  readonly #detach: () => void;

  constructor(reader = new SimulatedReader(), options: { readonly deadlines?: CommandDeadlines } = {}) {
    super();
    this.reader = reader;
    this.#deadlines = options.deadlines ?? CARD_DEADLINES;
    this.#listed = reader.attached ? this.#stateNow() : undefined;
    const listeners = {
      'card-inserted': () => this.#cardInserted(),
      'card-removed': () => this.#cardRemoved(),
      detached: () => this.#readerGone(),
      attached: () => this.#readerBack(),
    } as const;
    for (const [name, listener] of Object.entries(listeners)) reader.on(name as keyof typeof listeners, listener);
    this.#detach = () => {
      for (const [name, listener] of Object.entries(listeners)) reader.off(name as keyof typeof listeners, listener);
    };
  }

  snapshot(): ReaderSnapshot {
    return { serviceAvailable: this.#available, detail: this.#detail, readers: this.#listed ? [this.#listed] : [] };
  }

  /**
   * Reports the service, the reader and its card, as the PC/SC port does once its context has
   * opened: what a card service process that has just started tells the kiosk.
   */
  announce(): void {
    this.emit('event', { type: 'service', available: this.#available, detail: this.#detail });
    if (!this.#available || !this.#listed) return;
    this.#list();
  }

  /** pcscd went away (killed, or restarting): every reader is forgotten and every connection dies. */
  loseService(detail = PCSCD_LOST): void {
    if (!this.#available) return;
    this.#outage();
    // pcscd powers the card down as it goes: nothing verified on it survives.
    this.reader.card?.reset();
    this.#unlist();
    this.#available = false;
    this.#detail = detail;
    this.emit('event', { type: 'service', available: false, detail });
  }

  /** pcscd is back: the reader (if plugged in) and its card are reported again. */
  restoreService(): void {
    if (this.#available) return;
    this.#available = true;
    this.#detail = 'pcscd connected';
    this.emit('event', { type: 'service', available: true, detail: this.#detail });
    if (this.reader.attached) this.#list();
  }

  connect(name: string, options: ConnectOptions): Promise<ConnectResult> {
    if (name !== this.reader.name || !this.#listed) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
    if (this.#holder) return Promise.resolve({ ok: false, error: 'in-use' });
    const transport = this.reader.connect();
    const card = this.reader.card;
    if (!transport || !card) return Promise.resolve({ ok: false, error: 'no-card' });
    const token = Symbol('connection');
    if (options.exclusive) this.#holder = token;
    const epoch = this.#epoch;
    let open = true;
    const connection = withCommandDeadlines(
      {
        atr: transport.atr,
        transmit: (command) => {
          if (epoch !== this.#epoch) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
          return open ? transport.transmit(command) : Promise.resolve({ ok: false, error: 'transport' });
        },
        disconnect: (disposition) => {
          if (this.#holder === token) this.#holder = undefined;
          // A reset clears the card's verified PIN, as SCARD_RESET_CARD does.
          if (open && epoch === this.#epoch && disposition === 'reset' && this.reader.card === card) card.reset();
          open = false;
          return Promise.resolve();
        },
      },
      this.#deadlines,
    );
    return Promise.resolve({ ok: true, value: connection });
  }

  close(): Promise<void> {
    this.#detach();
    this.removeAllListeners();
    return Promise.resolve();
  }

  #stateNow(): ReaderState {
    const card = this.reader.card;
    return card ? { name: this.reader.name, card: 'present', atr: toHex(card.atr, '') } : { name: this.reader.name, card: 'empty' };
  }

  #cardInserted(): void {
    if (!this.#available || !this.#listed) return;
    this.#listed = this.#stateNow();
    this.emit('event', { type: 'card-inserted', reader: this.reader.name, atr: this.#listed.atr ?? '' });
  }

  #cardRemoved(): void {
    this.#holder = undefined;
    if (!this.#available || !this.#listed || this.#listed.card === 'empty') return;
    this.#listed = { name: this.reader.name, card: 'empty' };
    this.emit('event', { type: 'card-removed', reader: this.reader.name });
  }

  #readerGone(): void {
    this.#outage();
    if (this.#available) this.#unlist();
  }

  #readerBack(): void {
    if (this.#available) this.#list();
  }

  /** Every handle dies with the reader or the service, as pcscd's do. */
  #outage(): void {
    this.#epoch += 1;
    this.#holder = undefined;
  }

  /** Forgotten first, then its card and itself reported gone, as PcscReaderPort does. */
  #unlist(): void {
    const listed = this.#listed;
    if (!listed) return;
    this.#listed = undefined;
    if (listed.card !== 'empty') this.emit('event', { type: 'card-removed', reader: listed.name });
    this.emit('event', { type: 'reader-detached', reader: listed.name });
  }

  /** Reported attached, empty at first, then its card as its first status says. */
  #list(): void {
    this.#listed = { name: this.reader.name, card: 'empty' };
    this.emit('event', { type: 'reader-attached', reader: this.reader.name });
    if (this.reader.card) this.#cardInserted();
  }
}
