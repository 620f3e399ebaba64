// A card command that never comes back is reported as a card that does not answer, within
// the deadline; the disconnect that pcsclite would queue behind it does not hold the caller.
import { describe, expect, it } from 'vitest';
import type { TransmitResult } from '../jpki/transport.ts';
import { withCommandDeadlines } from './command-deadline.ts';
import type { CardConnection } from './reader-port.ts';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const OK: TransmitResult = { ok: true, value: Uint8Array.of(0x90, 0x00) };
const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c);

/** A card whose answers the test hands out, one command at a time. */
function scriptedCard(answers: (() => Promise<TransmitResult>)[], disconnect: () => Promise<void> = () => Promise.resolve()) {
  const sent: Uint8Array[] = [];
  const connection: CardConnection = {
    atr: Uint8Array.of(0x3b),
    transmit: (command) => {
      sent.push(command);
      return (answers.shift() ?? (() => Promise.resolve(OK)))();
    },
    disconnect,
  };
  return { connection, sent };
}

describe('card commands with a deadline', () => {
  it('passes answers through that come in time', async () => {
    const { connection } = scriptedCard([() => new Promise((resolve) => setTimeout(() => resolve(OK), 20))]);
    const bounded = withCommandDeadlines(connection, { commandMs: 200, disconnectMs: 50 });
    expect(await bounded.transmit(SELECT)).toEqual(OK);
    expect(await bounded.transmit(SELECT)).toEqual(OK);
  });

  it('reports a command the card never answers as unresponsive, and refuses the next at once', async () => {
    const { connection, sent } = scriptedCard([never]);
    const bounded = withCommandDeadlines(connection, { commandMs: 50, disconnectMs: 50 });
    const started = Date.now();
    expect(await bounded.transmit(SELECT)).toEqual({ ok: false, error: 'card-unresponsive' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    // It would only queue behind the command that hangs.
    expect(await bounded.transmit(SELECT)).toEqual({ ok: false, error: 'card-unresponsive' });
    expect(sent).toHaveLength(1);
  });

  it('does not wait forever for a disconnect stuck behind that command', async () => {
    let disconnected = false;
    const { connection } = scriptedCard([never], async () => {
      await never();
      disconnected = true;
    });
    const bounded = withCommandDeadlines(connection, { commandMs: 30, disconnectMs: 40 });
    await bounded.transmit(SELECT);
    const started = Date.now();
    await bounded.disconnect('reset');
    expect(Date.now() - started).toBeLessThan(500);
    expect(disconnected).toBe(false);
  });
});
