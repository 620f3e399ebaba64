// A card that stops answering in the middle of a command (a read, VERIFY, SIGN) must be told
// apart from a card taken out and from a card service that hangs. Under PC/SC the command
// blocks a libuv worker thread, not the service's main thread: the service still answers
// its heartbeat, and only a deadline on the command itself notices. The card is still in
// the reader then, so it is reported 'card-unresponsive', never removed.
import type { TransmitResult } from '../jpki/transport.ts';
import type { CardConnection, Disposition } from './reader-port.ts';

export interface CommandDeadlines {
  /** Longest one command may take. Real cards sign (RSA-2048) in about 1 s, the slow test card in 1.5 s. */
  readonly commandMs: number;
  /**
   * Longest the caller waits for a disconnect. pcsclite serialises it behind the command that
   * hangs, so it only completes once the card answers or leaves: the session goes on meanwhile.
   */
  readonly disconnectMs: number;
}

/** Below the card service client's request timeout, so that a silent card is never taken for a hung service. */
export const CARD_DEADLINES: CommandDeadlines = { commandMs: 10_000, disconnectMs: 2_000 };

function within<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The connection with every command bounded. Once a command has gone unanswered the card is
 * treated as silent for the rest of the connection: later commands would only queue behind
 * the one that hangs, so they are refused at once.
 */
export function withCommandDeadlines(connection: CardConnection, deadlines: CommandDeadlines = CARD_DEADLINES): CardConnection {
  let silent = false;
  const unresponsive: TransmitResult = { ok: false, error: 'card-unresponsive' };
  return {
    atr: connection.atr,
    transmit: (command) => {
      if (silent) return Promise.resolve(unresponsive);
      return within(connection.transmit(command), deadlines.commandMs, () => {
        silent = true;
        return unresponsive;
      });
    },
    disconnect: (disposition: Disposition) => within(connection.disconnect(disposition), deadlines.disconnectMs, () => undefined),
  };
}
