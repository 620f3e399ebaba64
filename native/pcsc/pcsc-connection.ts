// One connection to the card in a PC/SC reader, as an APDU transport. The kiosk connects
// exclusively: no other application may reset or select on the card while a customer's
// session uses it.
import type { CardReader } from 'pcsclite';
import type { TransmitResult } from '../jpki/transport.ts';
import type { CardConnection, ConnectOptions, ConnectResult, Disposition } from '../reader/reader-port.ts';
import { pcscCode, pcscFailure, SCARD_E_SHARING_VIOLATION } from './pcsc-failure.ts';

/** Short APDUs answer at most 256 data bytes + SW1 SW2. */
const RECEIVE_BUFFER = 258;

export class PcscConnection implements CardConnection {
  readonly atr: Uint8Array;
  readonly #reader: CardReader;
  readonly #protocol: number;
  /** pcsclite must not get two transmits on one handle at once. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(reader: CardReader, protocol: number, atr: Uint8Array) {
    this.#reader = reader;
    this.#protocol = protocol;
    this.atr = atr;
  }

  static connect(reader: CardReader, atr: Uint8Array, options: ConnectOptions): Promise<ConnectResult> {
    const shareMode = options.exclusive ? reader.SCARD_SHARE_EXCLUSIVE : reader.SCARD_SHARE_SHARED;
    return new Promise((resolve) => {
      // pcsclite answers a connect on an already connected reader object with no error and
      // no protocol: that would be somebody else's handle, so it is refused.
      if (reader.connected) {
        resolve({ ok: false, error: 'in-use' });
        return;
      }
      reader.connect({ share_mode: shareMode, protocol: reader.SCARD_PROTOCOL_T1 | reader.SCARD_PROTOCOL_T0 }, (error, protocol) => {
        if (error) {
          resolve({ ok: false, error: pcscCode(error) === SCARD_E_SHARING_VIOLATION ? 'in-use' : pcscFailure(error) });
          return;
        }
        if (typeof protocol !== 'number') {
          resolve({ ok: false, error: 'in-use' });
          return;
        }
        resolve({ ok: true, value: new PcscConnection(reader, protocol, atr) });
      });
    });
  }

  transmit(command: Uint8Array): Promise<TransmitResult> {
    const result = this.#queue.then(() => this.#transmitNow(command));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** 'reset' clears the card's security state (a verified PIN); eject and retain belong to the card mechanics. */
  disconnect(disposition: Disposition): Promise<void> {
    const how = disposition === 'reset' ? this.#reader.SCARD_RESET_CARD : this.#reader.SCARD_LEAVE_CARD;
    return new Promise((resolve) => {
      this.#reader.disconnect(how, () => resolve());
    });
  }

  #transmitNow(command: Uint8Array): Promise<TransmitResult> {
    // pcsclite needs a Buffer: copy, and wipe the copy once sent (it may carry a PIN).
    // (pcsclite's own C++ copy is freed unwiped: see README, "What is simulated".)
    const buffer = Buffer.alloc(command.length);
    buffer.set(command);
    return new Promise<TransmitResult>((resolve) => {
      try {
        this.#reader.transmit(buffer, RECEIVE_BUFFER, this.#protocol, (error, response) => {
          buffer.fill(0);
          resolve(error ? { ok: false, error: pcscFailure(error) } : { ok: true, value: new Uint8Array(response) });
        });
      } catch {
        buffer.fill(0);
        resolve({ ok: false, error: 'transport' });
      }
    });
  }
}
