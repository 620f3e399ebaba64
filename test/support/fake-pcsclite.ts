// Just enough of pcsclite for the PC/SC reader port: readers that report status and end, and
// a context a test attaches them to. For the bookkeeping that pcscd/vpcd cannot be made to
// show on demand (context loss mid-session, two status changes in one report).
import { EventEmitter } from 'node:events';
import type { ReaderStatus } from 'pcsclite';

export const PRESENT = 0x20;
export const EMPTY = 0x10;

export class FakePcscReader extends EventEmitter {
  readonly name: string;
  readonly connected = false;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_EMPTY = EMPTY;
  readonly SCARD_STATE_MUTE = 0x200;
  constructor(name: string) {
    super();
    this.name = name;
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

export class FakePcscContext extends EventEmitter {
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
