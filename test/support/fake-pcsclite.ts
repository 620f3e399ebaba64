// Just enough of pcsclite for the PC/SC reader port: readers that report status and end, and
// a context a test attaches them to. For the bookkeeping that pcscd/vpcd cannot be made to
// show on demand (context loss mid-session, two status changes in one report). It implements
// the package's declared types (native/types/pcsclite.d.ts), so an API drift fails the
// type-check; what a test never needs (connecting to a card) fails as pcsclite would.
import { EventEmitter } from 'node:events';
import type { CardReader, ConnectOptions, PCSCLite, ReaderStatus } from 'pcsclite';

export const PRESENT = 0x20;
export const EMPTY = 0x10;
const NO_CARD = (): Error => Object.assign(new Error('SCardConnect error: No smart card inserted. (0x8010000c)'), { code: 0x8010000c });

export class FakePcscReader extends EventEmitter implements CardReader {
  readonly name: string;
  readonly connected = false;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_EMPTY = EMPTY;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_CHANGED = 0x2;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_STATE_UNAVAILABLE = 0x8;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  readonly SCARD_EJECT_CARD = 3;
  constructor(name: string) {
    super();
    this.name = name;
  }
  connect(_options: ConnectOptions, callback: (error: Error | null | undefined, protocol: number) => void): void {
    callback(NO_CARD(), 0);
  }
  disconnect(_disposition: number, callback: (error?: Error | null) => void): void {
    callback(null);
  }
  transmit(_data: Buffer, _length: number, _protocol: number, callback: (error: Error | null | undefined, response: Buffer) => void): void {
    callback(NO_CARD(), Buffer.alloc(0));
  }
  close(): void {
    this.emit('end');
  }
  /** `events` is pcscd's event counter, which moves on with every insertion and removal. */
  status(state: number, events: number, atr?: string): void {
    const status: ReaderStatus = { state: (events << 16) | state, ...(atr ? { atr: Buffer.from(atr, 'hex') } : {}) };
    this.emit('status', status);
  }
}

export class FakePcscContext extends EventEmitter implements PCSCLite {
  readonly readers: Record<string, FakePcscReader> = {};
  closed = false;
  attach(name: string): FakePcscReader {
    const reader = new FakePcscReader(name);
    this.readers[name] = reader;
    this.emit('reader', reader);
    return reader;
  }
  close(): void {
    this.closed = true;
  }
}
