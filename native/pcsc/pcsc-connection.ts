// One connection to the card in a PC/SC reader, as an APDU transport. The kiosk connects
// exclusively: no other application may reset or select on the card while a customer's
// session uses it.
import type { CardReader } from 'pcsclite';
import type { TransmitResult } from '../jpki/transport.ts';
import type { CardConnection, ConnectOptions, ConnectResult } from '../reader/reader-port.ts';
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
      reader.connect({ share_mode: shareMode, protocol: reader.SCARD_PROTOCOL_T1 | reader.SCARD_PROTOCOL_T0 }, (error, protocol) => {
        if (error) {
          resolve({ ok: false, error: pcscCode(error) === SCARD_E_SHARING_VIOLATION ? 'in-use' : pcscFailure(error) });
          return;
        }
        resolve({ ok: true, value: new PcscConnection(reader, protocol, atr) });
      });
    });
  }

  transmit(command: Uint8Array): Promise<TransmitResult> {
    const result = this.#queue.then(() => this.#transmitNow(command));
    this.#queue = result;
    return result;
  }

  /** Leaves the card powered (eject and retain are the card mechanics' business). */
  disconnect(): Promise<void> {
    return new Promise((resolve) => {
      this.#reader.disconnect(this.#reader.SCARD_LEAVE_CARD, () => resolve());
    });
  }

  #transmitNow(command: Uint8Array): Promise<TransmitResult> {
    // pcsclite needs a Buffer: copy, and wipe the copy once sent (it may carry a PIN).
    const buffer = Buffer.from(command);
    return new Promise((resolve) => {
      this.#reader.transmit(buffer, RECEIVE_BUFFER, this.#protocol, (error, response) => {
        buffer.fill(0);
        resolve(error ? { ok: false, error: pcscFailure(error) } : { ok: true, value: new Uint8Array(response) });
      });
    });
  }
}
