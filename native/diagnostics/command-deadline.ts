// A deadline on every call into a card, for diagnostics that must finish whatever the card
// does. Behind pcscd a card that never answers blocks SCardTransmit for ever (vpcd and many
// readers have no timeout of their own), and the native call cannot be taken back: once one
// command has gone unanswered the connection is stalled, every later command fails at once
// instead of queueing behind it, and the connection is left alone (disconnecting would wait
// behind the stuck call too).
import type { TransmitResult } from '../jpki/transport.ts';
import type { CardConnection, Disposition } from '../reader/reader-port.ts';

export type Deadlined<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/** The promise's value, or not ok once timeoutMs have passed without one; a rejection passes on. */
export function withinDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<Deadlined<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ ok: false }), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export interface DeadlineConnection extends CardConnection {
  /** The instruction byte of the command that went unanswered within the deadline, if one did. */
  readonly unanswered: number | undefined;
}

export function withCommandDeadline(connection: CardConnection, timeoutMs: number): DeadlineConnection {
  let unanswered: number | undefined;
  let stuck = false; // also set by a disconnect that never ended
  return {
    atr: connection.atr,
    get unanswered() {
      return unanswered;
    },
    async transmit(command: Uint8Array): Promise<TransmitResult> {
      if (stuck) return { ok: false, error: 'transport' };
      const instruction = command[1];
      const answer = await withinDeadline(connection.transmit(command), timeoutMs);
      if (answer.ok) return answer.value;
      stuck = true;
      unanswered = instruction;
      return { ok: false, error: 'transport' };
    },
    async disconnect(disposition: Disposition): Promise<void> {
      if (stuck) return;
      stuck = !(await withinDeadline(connection.disconnect(disposition), timeoutMs)).ok;
    },
  };
}
