// Promise helpers over raw pcsclite, for tests that check what pcscd itself reports.
import type { CardReader, PCSCLite, ReaderStatus } from 'pcsclite';

type Waiter = { name: RegExp; predicate: (status: ReaderStatus, reader: CardReader) => boolean; resolve: (reader: CardReader) => void };

/** Records every reader's latest status, so a test can wait for a state that already holds. */
export class ReaderWatch {
  readonly #latest = new Map<CardReader, ReaderStatus>();
  readonly #waiters = new Set<Waiter>();

  constructor(pcsc: PCSCLite) {
    pcsc.on('error', () => undefined); // the context is closed by the test; errors then are expected
    pcsc.on('reader', (reader) => {
      reader.on('error', () => undefined);
      reader.on('status', (status) => {
        this.#latest.set(reader, status);
        for (const waiter of this.#waiters) {
          if (waiter.name.test(reader.name) && waiter.predicate(status, reader)) {
            this.#waiters.delete(waiter);
            waiter.resolve(reader);
          }
        }
      });
      reader.on('end', () => this.#latest.delete(reader));
    });
  }

  latest(reader: CardReader): ReaderStatus | undefined {
    return this.#latest.get(reader);
  }

  /** Resolves with the first matching reader whose status satisfies the predicate. */
  waitFor(name: RegExp, predicate: Waiter['predicate'], timeoutMs = 5000): Promise<CardReader> {
    for (const [reader, status] of this.#latest) {
      if (name.test(reader.name) && predicate(status, reader)) return Promise.resolve(reader);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { name, predicate, resolve };
      this.#waiters.add(waiter);
      setTimeout(() => {
        if (this.#waiters.delete(waiter)) reject(new Error(`no matching status on ${name.source} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }
}

export const isPresent = (status: ReaderStatus, reader: CardReader): boolean => (status.state & reader.SCARD_STATE_PRESENT) !== 0;
export const isEmpty = (status: ReaderStatus, reader: CardReader): boolean => (status.state & reader.SCARD_STATE_EMPTY) !== 0;

export function connectShared(reader: CardReader): Promise<number> {
  return new Promise((resolve, reject) => {
    reader.connect({ share_mode: reader.SCARD_SHARE_SHARED, protocol: reader.SCARD_PROTOCOL_T1 }, (error, protocol) =>
      error ? reject(error) : resolve(protocol),
    );
  });
}

export function transmit(reader: CardReader, protocol: number, apdu: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    reader.transmit(Buffer.from(apdu), 258, protocol, (error, response) => (error ? reject(error) : resolve(new Uint8Array(response))));
  });
}

export function disconnect(reader: CardReader): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.disconnect(reader.SCARD_LEAVE_CARD, (error) => (error ? reject(error) : resolve()));
  });
}
