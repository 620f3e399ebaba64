// The in-process simulated reader as a ReaderPort: the demo default, no pcscd needed. Like the
// PC/SC port, it reports a card that does not answer a command in time as unresponsive.
import { EventEmitter } from 'node:events';
import { toHex } from '../../apdu/hex.ts';
import { CARD_DEADLINES, withCommandDeadlines, type CommandDeadlines } from '../../reader/command-deadline.ts';
import type { ReaderEvent, ReaderSnapshot } from '../../reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, ReaderPort } from '../../reader/reader-port.ts';
import { SimulatedReader } from './simulated-reader.ts';

export class SimulatedReaderPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly reader: SimulatedReader;
  /** The connection holding the card exclusively, if any. */
  #holder: symbol | undefined;
  readonly #deadlines: CommandDeadlines;

  constructor(reader = new SimulatedReader(), options: { readonly deadlines?: CommandDeadlines } = {}) {
    super();
    this.reader = reader;
    this.#deadlines = options.deadlines ?? CARD_DEADLINES;
    reader.on('card-inserted', (atr) => this.emit('event', { type: 'card-inserted', reader: reader.name, atr: toHex(atr, '') }));
    reader.on('card-removed', () => {
      this.#holder = undefined;
      this.emit('event', { type: 'card-removed', reader: reader.name });
    });
  }

  snapshot(): ReaderSnapshot {
    const card = this.reader.card;
    return {
      serviceAvailable: true,
      detail: 'simulated reader',
      readers: [card ? { name: this.reader.name, card: 'present', atr: toHex(card.atr, '') } : { name: this.reader.name, card: 'empty' }],
    };
  }

  connect(name: string, options: ConnectOptions): Promise<ConnectResult> {
    if (name !== this.reader.name) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
    if (this.#holder) return Promise.resolve({ ok: false, error: 'in-use' });
    const transport = this.reader.connect();
    const card = this.reader.card;
    if (!transport || !card) return Promise.resolve({ ok: false, error: 'no-card' });
    const token = Symbol('connection');
    if (options.exclusive) this.#holder = token;
    let open = true;
    const connection = withCommandDeadlines(
      {
        atr: transport.atr,
        transmit: (command) => (open ? transport.transmit(command) : Promise.resolve({ ok: false, error: 'transport' })),
        disconnect: (disposition) => {
          if (this.#holder === token) this.#holder = undefined;
          // A reset clears the card's verified PIN, as SCARD_RESET_CARD does.
          if (open && disposition === 'reset' && this.reader.card === card) card.reset();
          open = false;
          return Promise.resolve();
        },
      },
      this.#deadlines,
    );
    return Promise.resolve({ ok: true, value: connection });
  }

  close(): Promise<void> {
    this.removeAllListeners();
    return Promise.resolve();
  }
}
