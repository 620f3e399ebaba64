// A card that stops answering in the middle of a command (a read, VERIFY, SIGN) must be told
// apart from a card taken out and from a card service that hangs. Under PC/SC the command
// blocks a libuv worker thread, not the process's main thread (vpcd and many readers have no
// timeout of their own): the card service still answers its heartbeat, and only a deadline
// on the command itself notices. The card is still in the reader then, so it is reported
// 'card-unresponsive', never removed. Used by the kiosk's card service and by diagnostics.
import type { TransmitResult } from '../jpki/transport.ts';
import type { CardConnection, Disposition } from './reader-port.ts';
import type { Result } from '../../electron/common/result.ts';

export interface CommandDeadlines {
  /** Longest one command may take. Real cards sign (RSA-2048) in about 1 s, the slow test card in 1.5 s. */
  readonly commandMs: number;
  /**
   * Longest the caller waits for a disconnect. pcsclite serialises it behind the command that
   * hangs, so it only completes once the card answers or leaves: the caller goes on meanwhile.
   */
  readonly disconnectMs: number;
}

/** Below the card service client's request timeout, so that a silent card is never taken for a hung service. */
export const CARD_DEADLINES: CommandDeadlines = { commandMs: 10_000, disconnectMs: 2_000 };

export type Deadlined<T> = Result<T, 'timeout'>;

/** The promise's value, or not ok once `ms` have passed without one; a rejection passes on. */
export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<Deadlined<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Deadlined<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), ms);
  });
  return Promise.race([work.then((value) => ({ ok: true as const, value })), timeout]).finally(() => clearTimeout(timer));
}

export interface DeadlineConnection extends CardConnection {
  /** The instruction byte of the command that went unanswered within the deadline, if one did. */
  readonly unanswered: number | undefined;
}

/**
 * The connection with every command bounded. Once a command has gone unanswered the card is
 * treated as silent for the rest of the connection: later commands would only queue behind
 * the one that hangs, so they are refused at once. The disconnect is still issued (it frees
 * the reader once the card answers or leaves) but not waited for beyond its deadline.
 */
export function withCommandDeadlines(connection: CardConnection, deadlines: CommandDeadlines = CARD_DEADLINES): DeadlineConnection {
  let unanswered: number | undefined;
  const unresponsive: TransmitResult = { ok: false, error: 'card-unresponsive' };
  return {
    atr: connection.atr,
    get unanswered() {
      return unanswered;
    },
    async transmit(command: Uint8Array): Promise<TransmitResult> {
      if (unanswered !== undefined) return unresponsive;
      const instruction = command[1] ?? 0;
      const answer = await withinDeadline(connection.transmit(command), deadlines.commandMs);
      if (answer.ok) return answer.value;
      unanswered = instruction;
      return unresponsive;
    },
    async disconnect(disposition: Disposition): Promise<void> {
      await withinDeadline(connection.disconnect(disposition), deadlines.disconnectMs);
    },
  };
}
