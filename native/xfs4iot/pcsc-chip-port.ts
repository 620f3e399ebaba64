// The kiosk's ReaderPort for a motorised reader whose motor is driven through XFS4IoT while
// its chip contacts are a PC/SC reader (served by the supervised card service): the PC/SC
// port, restricted to that one reader, with the card's presence taken from the motor.
//
// Why not the PC/SC reader's own card events: its contacts see the chip only while the card
// is on them. On its way to the exit the card leaves them first, and PC/SC reports it gone
// while it is still inside, long before the customer takes it; and a PC/SC reader that goes
// away (unplugged, pcscd or the card service restarting) reports the card gone although the
// motor still holds it. So the card is reported inserted once the motor has drawn it in and
// PC/SC sees its chip (or, within `settleMs`, does not: a card the wrong way round, reported
// mute), and removed when the motor moves it off the transport — as the XFS4IoT reader's own
// port does. While the motor holds it, a chip that cannot be reached any more is a card that
// does not answer, never a card that left. And with the motor gone (the service unreachable or
// offline) the card can be neither given back nor kept safe on command: the chip is then as
// unavailable as it is through chip I/O, so that the session ends at once, as there.
import { EventEmitter } from 'node:events';
import type { TransmitResult, TransportFailure } from '../jpki/transport.ts';
import type { ReaderEvent, ReaderSnapshot, ReaderState } from '../reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, ReaderPort } from '../reader/reader-port.ts';
import type { CardSlot, SlotChange } from './card-slot.ts';
import type { DeviceLink } from './device-link.ts';

/** How long the PC/SC reader gets to see the chip of a card the motor has drawn in. */
export const DEFAULT_CHIP_SETTLE_MS = 3000;

/** Failures that, with the card held on the transport, mean the chip cannot be reached, not that the card left. */
const UNREACHABLE: ReadonlySet<string> = new Set<TransportFailure | 'no-card'>([
  'card-removed',
  'reader-unavailable',
  'card-reset',
  'no-card',
]);

export class PcscChipPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  /** The PC/SC reader wired to the contacts: the reader's name on this port too. */
  readonly name: string;
  readonly #pcsc: ReaderPort;
  readonly #link: DeviceLink;
  readonly #slot: CardSlot;
  readonly #settleMs: number;
  /** The card on the transport was reported inserted. */
  #reported = false;
  #settle: NodeJS.Timeout | undefined;
  #available = false;
  #listed = false;
  readonly #onPcsc = (event: ReaderEvent): void => this.#pcscChanged(event);
  readonly #onLink = (): void => this.#availabilityChanged();
  readonly #unsubscribe: () => void;

  constructor(pcsc: ReaderPort, link: DeviceLink, slot: CardSlot, options: { readonly name: string; readonly settleMs?: number }) {
    super();
    this.name = options.name;
    this.#pcsc = pcsc;
    this.#link = link;
    this.#slot = slot;
    this.#settleMs = options.settleMs ?? DEFAULT_CHIP_SETTLE_MS;
    pcsc.on('event', this.#onPcsc);
    link.on('state', this.#onLink);
    this.#unsubscribe = slot.onChange((change) => this.#moved(change));
  }

  snapshot(): ReaderSnapshot {
    const pcsc = this.#pcsc.snapshot();
    const available = this.#usable(pcsc);
    const chip = this.#chipState(pcsc);
    return {
      serviceAvailable: available,
      detail:
        `XFS4IoT ${this.#link.usable ? this.#link.state.detail : `unavailable: ${this.#link.state.detail}`}; chip on PC/SC ${pcsc.detail}`.slice(
          0,
          300,
        ),
      readers: available && chip ? [this.#reader(chip)] : [],
    };
  }

  connect(reader: string, options: ConnectOptions): Promise<ConnectResult> {
    if (reader !== this.name || !this.#link.usable) return Promise.resolve({ ok: false, error: 'reader-unavailable' });
    if (this.#slot.position !== 'transport') return Promise.resolve({ ok: false, error: 'no-card' });
    // In the motor, but its chip is not seen on the contacts: as pcscd reports a mute card.
    if (this.#chipState(this.#pcsc.snapshot())?.card !== 'present') return Promise.resolve({ ok: false, error: 'card-unresponsive' });
    return this.#connect(options);
  }

  close(): Promise<void> {
    clearTimeout(this.#settle);
    this.#unsubscribe();
    this.#pcsc.off('event', this.#onPcsc);
    this.#link.off('state', this.#onLink);
    this.#link.stop();
    this.removeAllListeners();
    return this.#pcsc.close();
  }

  async #connect(options: ConnectOptions): Promise<ConnectResult> {
    const insertion = this.#slot.insertion;
    const held = (): boolean => this.#slot.insertion === insertion && this.#slot.position === 'transport';
    const connected = await this.#pcsc.connect(this.name, options);
    if (!connected.ok) {
      return { ok: false, error: UNREACHABLE.has(connected.error) && held() ? 'card-unresponsive' : connected.error };
    }
    const connection = connected.value;
    return {
      ok: true,
      value: {
        atr: connection.atr,
        transmit: async (command): Promise<TransmitResult> => {
          if (!this.#link.usable) return { ok: false, error: 'reader-unavailable' };
          const answer = await connection.transmit(command);
          if (answer.ok || !UNREACHABLE.has(answer.error)) return answer;
          return { ok: false, error: held() ? 'card-unresponsive' : 'card-removed' };
        },
        disconnect: (disposition) => connection.disconnect(disposition),
      },
    };
  }

  /** Both halves must work: the motor holds the card, the PC/SC reader talks to its chip. */
  #usable(pcsc: ReaderSnapshot): boolean {
    return pcsc.serviceAvailable && this.#link.usable;
  }

  #chipState(pcsc: ReaderSnapshot): ReaderState | undefined {
    return pcsc.readers.find((reader) => reader.name === this.name);
  }

  /** The card as the session sees it: in from the report on, its chip as PC/SC sees it now. */
  #reader(chip: ReaderState): ReaderState {
    if (!this.#reported || this.#slot.position !== 'transport') return { name: this.name, card: 'empty' };
    return chip.card === 'present'
      ? { name: this.name, card: 'present', ...(chip.atr ? { atr: chip.atr } : {}) }
      : { name: this.name, card: 'mute' };
  }

  #pcscChanged(event: ReaderEvent): void {
    if (
      event.type === 'service' ||
      ((event.type === 'reader-attached' || event.type === 'reader-detached') && event.reader === this.name)
    ) {
      this.#availabilityChanged();
      return;
    }
    if (event.type === 'card-inserted' && event.reader === this.name) this.#chipSeen();
  }

  #availabilityChanged(): void {
    const pcsc = this.#pcsc.snapshot();
    const available = this.#usable(pcsc);
    const listed = available && this.#chipState(pcsc) !== undefined;
    if (available !== this.#available) {
      this.#available = available;
      this.emit('event', { type: 'service', available, detail: this.snapshot().detail });
    }
    if (listed !== this.#listed) {
      this.#listed = listed;
      this.emit('event', { type: listed ? 'reader-attached' : 'reader-detached', reader: this.name });
    }
    // A motor that comes back with a card it held, or a PC/SC reader that comes back with the chip.
    this.#chipSeen();
  }

  #moved({ from, to }: SlotChange): void {
    if (to === 'transport') {
      this.#reported = false;
      clearTimeout(this.#settle);
      // Not seen in time: reported all the same, as a card whose chip does not answer.
      this.#settle = setTimeout(() => this.#report(), this.#settleMs);
      this.#chipSeen();
      return;
    }
    if (from !== 'transport') return;
    clearTimeout(this.#settle);
    const reported = this.#reported;
    this.#reported = false;
    // Kept inside by a fault: not seen leaving, so reported as an outage would be.
    if (reported) this.emit('event', { type: 'card-removed', reader: this.name, ...(to === 'kept' ? { outage: true as const } : {}) });
  }

  #chipSeen(): void {
    const chip = this.#chipState(this.#pcsc.snapshot());
    if (chip && chip.card !== 'empty') this.#report();
  }

  #report(): void {
    if (this.#slot.position !== 'transport' || this.#reported) return;
    clearTimeout(this.#settle);
    this.#reported = true;
    const chip = this.#chipState(this.#pcsc.snapshot());
    this.emit('event', { type: 'card-inserted', reader: this.name, atr: chip?.card === 'present' ? (chip.atr ?? '') : '' });
  }
}
