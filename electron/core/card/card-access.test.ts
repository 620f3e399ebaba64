// The session's hold on the card: a session that lets go of the card mid-read leaves nothing
// behind, and only a card that is proven to be another one is called swapped.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createEmulatedCard } from '../../../native/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../../../native/emulator/simulated-reader-port.ts';
import { SimulatedReader } from '../../../native/emulator/simulated-reader.ts';
import type { ApduTransport, TransmitResult } from '../../../native/jpki/transport.ts';
import { PresenceGuard } from '../../../native/reader/presence-guard.ts';
import type { ReaderEvent } from '../../../native/reader/reader-events.ts';
import type { ConnectOptions, ConnectResult, ReaderPort } from '../../../native/reader/reader-port.ts';
import { CardAccess } from './card-access.ts';

const READ_BINARY = 0xb0;

/**
 * The simulated reader with a hand on the wire: connecting can be slowed down, and commands
 * answered by the test (a fault, or another card) instead of the card inside.
 */
class TappedPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly inner = new SimulatedReaderPort();
  connectDelayMs = 0;
  answer: ((command: Uint8Array) => Promise<TransmitResult> | undefined) | undefined;

  constructor() {
    super();
    this.inner.on('event', (event) => this.emit('event', event));
  }

  snapshot(): ReturnType<ReaderPort['snapshot']> {
    return this.inner.snapshot();
  }

  async connect(reader: string, options: ConnectOptions): Promise<ConnectResult> {
    const connected = await this.inner.connect(reader, options);
    await new Promise((resolve) => setTimeout(resolve, this.connectDelayMs));
    if (!connected.ok) return connected;
    const connection = connected.value;
    return {
      ok: true,
      value: {
        atr: connection.atr,
        transmit: (command) => this.answer?.(command) ?? connection.transmit(command),
        disconnect: (disposition) => connection.disconnect(disposition),
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

async function setUp(apduMs = 0): Promise<{ port: TappedPort; card: CardAccess }> {
  const port = new TappedPort();
  port.inner.reader.insert(await createEmulatedCard('default', { latency: { apduMs, signMs: 0 } }));
  const mechanics = new PresenceGuard(port, port.inner.reader.name);
  const card = new CardAccess({ port, mechanics, reader: port.inner.reader.name, now: () => new Date() });
  return { port, card };
}

describe('the card access of a session', () => {
  it.each([
    ['while it connects', { connectDelayMs: 50, apduMs: 0 }],
    ['while it reads the card', { connectDelayMs: 0, apduMs: 20 }],
  ])('gives the reader back when the customer cancels %s, keeping nothing of the card', async (_, timing) => {
    const { port, card } = await setUp(timing.apduMs);
    port.connectDelayMs = timing.connectDelayMs;
    const reading = card.inspect();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // 取消 (or the idle timeout) while reading: the session releases the card and returns it.
    await card.release();
    await card.eject();

    const outcome = await reading;
    expect(outcome.kind).toBe('card-lost');
    // The next customer's card can be read: no exclusive connection was left behind.
    port.connectDelayMs = 0;
    const next = await port.inner.connect(port.inner.reader.name, { exclusive: true });
    expect(next.ok).toBe(true);
  });

  it.each<[string, TransmitResult]>([
    ['the card was reset by another party', { ok: false, error: 'card-reset' }],
    ['the reader stack failed', { ok: false, error: 'transport' }],
    ['the card answered an unexpected status word', { ok: true, value: Uint8Array.of(0x6f, 0x00) }],
    ['the card answered garbage', { ok: true, value: Uint8Array.of(0x30, 0x82, 0xff, 0xff, 0x90, 0x00) }],
  ])('does not tell the customer the card was swapped when at 確認 %s', async (_, fault) => {
    const { port, card } = await setUp();
    const inspected = await card.inspect();
    if (inspected.kind !== 'ready') throw new Error(inspected.kind);
    port.answer = (command) => (command[1] === READ_BINARY ? Promise.resolve(fault) : undefined);
    expect(await card.check(inspected.handle, inspected.fingerprint)).toEqual({ kind: 'card-lost' });

    // A card that answers with another certificate is still caught as swapped.
    const other = new SimulatedReader('other');
    other.insert(await createEmulatedCard('one-try-left'));
    const otherCard = other.connect() as ApduTransport;
    port.answer = (command) => otherCard.transmit(command);
    expect(await card.check(inspected.handle, inspected.fingerprint)).toEqual({ kind: 'swapped' });
    port.answer = undefined;
    expect(await card.check(inspected.handle, inspected.fingerprint)).toEqual({ kind: 'same' });
  });
});
