// The XFS4IoT card reader as the kiosk's ReaderPort: the card drawn into the transport is
// reported inserted with the ATR its chip gave, and a connection exchanges APDUs through
// CardReader.ChipIO, so the JPKI client runs unchanged over the device's chip interface. A
// session's connection ends with a warm reset (CardReader.ChipPower), which clears the card's
// verified PIN as SCARD_RESET_CARD does under PC/SC.
import { EventEmitter } from 'node:events';
import { toHex } from '../apdu/hex.ts';
import type { TransmitResult, TransportFailure } from '../jpki/transport.ts';
import { CARD_DEADLINES, withCommandDeadlines, type CommandDeadlines } from '../reader/command-deadline.ts';
import type { ReaderEvent, ReaderSnapshot, ReaderState } from '../reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, Disposition, ReaderPort } from '../reader/reader-port.ts';
import { chipProtocolOf } from './atr.ts';
import type { CardSlot } from './card-slot.ts';
import type { DeviceLink } from './device-link.ts';
import { decodeBase64, encodeBase64 } from './messages.ts';
import type { CommandFailure } from './service-connection.ts';

/** What a ChipIO that did not come back with an answer means for the JPKI client. */
export function chipFailure(failure: CommandFailure): TransportFailure {
  if (failure.kind === 'no-completion') return 'card-unresponsive';
  if (failure.kind === 'disconnected') return 'reader-unavailable';
  if (failure.kind !== 'completion') return 'transport';
  switch (failure.code) {
    // The device's own timer ran out: the card did not answer.
    case 'timeOut':
      return 'card-unresponsive';
    case 'hardwareError':
    case 'deviceNotReady':
      return 'reader-unavailable';
    case 'commandErrorCode':
      if (failure.errorCode === 'noMedia') return 'card-removed';
      if (failure.errorCode === 'atrNotObtained') return 'card-unresponsive';
      if (failure.errorCode === 'mediaJam') return 'reader-unavailable';
      return 'transport';
    default:
      return 'transport';
  }
}

export class Xfs4IotReaderPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly name: string;
  readonly #link: DeviceLink;
  readonly #slot: CardSlot;
  readonly #deadlines: CommandDeadlines;
  /** The connection holding the card exclusively, if any. */
  #holder: symbol | undefined;
  readonly #unsubscribe: () => void;
  readonly #onState = (): void => this.#serviceChanged();
  #available = false;

  constructor(link: DeviceLink, slot: CardSlot, options: { readonly name: string; readonly deadlines?: CommandDeadlines }) {
    super();
    this.name = options.name;
    this.#link = link;
    this.#slot = slot;
    this.#deadlines = options.deadlines ?? CARD_DEADLINES;
    link.on('state', this.#onState);
    this.#unsubscribe = slot.onChange(({ from, to }) => {
      if (to === 'transport')
        this.emit('event', { type: 'card-inserted', reader: this.name, atr: toHex(slot.atr ?? new Uint8Array(0), '') });
      else if (from === 'transport') {
        this.#holder = undefined;
        // Kept inside by a fault: not seen leaving, so reported as an outage would be.
        this.emit('event', { type: 'card-removed', reader: this.name, ...(to === 'kept' ? { outage: true as const } : {}) });
      }
    });
  }

  snapshot(): ReaderSnapshot {
    const state = this.#link.state;
    const available = this.#link.usable;
    return {
      serviceAvailable: available,
      detail: `XFS4IoT ${available ? state.detail : `unavailable: ${state.detail}`}`.slice(0, 300),
      readers: available ? [this.#reader()] : [],
    };
  }

  #reader(): ReaderState {
    if (this.#slot.position !== 'transport') return { name: this.name, card: 'empty' };
    const atr = this.#slot.atr;
    return atr ? { name: this.name, card: 'present', atr: toHex(atr, '') } : { name: this.name, card: 'mute' };
  }

  #serviceChanged(): void {
    const available = this.#link.usable;
    if (available === this.#available) return;
    this.#available = available;
    this.emit('event', { type: 'service', available, detail: this.snapshot().detail });
  }

  connect(reader: string, options: ConnectOptions): Promise<ConnectResult> {
    if (reader !== this.name || !this.#link.usable) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
    if (this.#slot.position !== 'transport') return Promise.resolve({ ok: false, error: 'no-card' });
    const atr = this.#slot.atr;
    // In, but its chip gave no ATR: as pcscd reports a mute card.
    if (!atr) return Promise.resolve({ ok: false, error: 'card-unresponsive' });
    if (this.#holder) return Promise.resolve({ ok: false, error: 'in-use' });
    const token = Symbol('connection');
    if (options.exclusive) this.#holder = token;
    const insertion = this.#slot.insertion;
    const here = (): boolean => this.#slot.insertion === insertion && this.#slot.position === 'transport';
    const chipProtocol = chipProtocolOf(atr);
    let open = true;
    const connection = withCommandDeadlines(
      {
        atr,
        transmit: async (command): Promise<TransmitResult> => {
          if (!open) return { ok: false, error: 'transport' };
          if (!here()) return { ok: false, error: 'card-removed' };
          const answer = await this.#link.command(
            'CardReader.ChipIO',
            { chipProtocol, chipData: encodeBase64(command) },
            { timeoutMs: this.#deadlines.commandMs },
          );
          if (!answer.ok) return { ok: false, error: chipFailure(answer.error) };
          if (!here()) return { ok: false, error: 'card-removed' };
          const response = answer.value.chipData ? decodeBase64(answer.value.chipData) : new Uint8Array(0);
          // An R-APDU has at least its status word.
          return response.length >= 2 ? { ok: true, value: response } : { ok: false, error: 'transport' };
        },
        disconnect: async (disposition: Disposition) => {
          if (this.#holder === token) this.#holder = undefined;
          const reset = open && disposition === 'reset' && here();
          open = false;
          if (reset) await this.#link.command('CardReader.ChipPower', { chipPower: 'warm' }, { timeoutMs: this.#deadlines.commandMs });
        },
      },
      this.#deadlines,
    );
    return Promise.resolve({ ok: true, value: connection });
  }

  close(): Promise<void> {
    this.#unsubscribe();
    this.#link.off('state', this.#onState);
    this.#link.stop();
    this.removeAllListeners();
    return Promise.resolve();
  }
}
