// The session's hold on the card: a session that lets go of the card mid-read leaves nothing
// behind, and only a card that is proven to be another one is called swapped.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../native/apdu/hex.ts';
import type { CardProfileName } from '../../../native/devkit/emulator/card-profiles.ts';
import { createEmulatedCard, type EmulatedCardOptions } from '../../../native/devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../../../native/devkit/emulator/simulated-reader-port.ts';
import { SimulatedReader } from '../../../native/devkit/emulator/simulated-reader.ts';
import { JpkiSession } from '../../../native/jpki/jpki-session.ts';
import type { ApduTransport, TransmitResult } from '../../../native/jpki/transport.ts';
import { PresenceGuard } from '../../../native/reader/presence-guard.ts';
import type { ReaderEvent } from '../../../native/reader/reader-events.ts';
import type { ConnectFailure, ConnectOptions, ConnectResult, ReaderPort } from '../../../native/reader/reader-port.ts';
import { CardAccess } from './card-access.ts';

const READ_BINARY = 0xb0;
const SIGN = 0x2a;

/**
 * The simulated reader with a hand on the wire: connecting can be slowed down, and commands
 * answered by the test (a fault, or another card) instead of the card inside.
 */
class TappedPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly inner = new SimulatedReaderPort(undefined, { deadlines: { commandMs: 100, disconnectMs: 50 } });
  connectDelayMs = 0;
  /** What connecting fails with, as the reader reports it (e.g. no ATR from a card inserted upside down). */
  connectFailure: ConnectFailure | undefined;
  answer: ((command: Uint8Array) => Promise<TransmitResult> | undefined) | undefined;

  constructor() {
    super();
    this.inner.on('event', (event) => this.emit('event', event));
  }

  snapshot(): ReturnType<ReaderPort['snapshot']> {
    return this.inner.snapshot();
  }

  async connect(reader: string, options: ConnectOptions): Promise<ConnectResult> {
    if (this.connectFailure) return { ok: false, error: this.connectFailure };
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

async function setUp(apduMs = 0, options: EmulatedCardOptions = {}): Promise<{ port: TappedPort; card: CardAccess }> {
  const port = new TappedPort();
  port.inner.reader.insert(await createEmulatedCard('default', { latency: { apduMs, signMs: 0 }, ...options }));
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

  /** The session at 確認: card read, PIN verified, the gateway's challenge signed. */
  async function atConsent(): Promise<{ port: TappedPort; card: CardAccess; handle: string; fingerprint: string }> {
    const { port, card } = await setUp();
    const inspected = await card.inspect();
    if (inspected.kind !== 'ready') throw new Error(inspected.kind);
    const { handle, fingerprint } = inspected;
    expect(await card.verifyPin(handle, new TextEncoder().encode('1234'))).toEqual({ kind: 'verified' });
    expect((await card.sign(handle, new Uint8Array(32))).kind).toBe('signed');
    return { port, card, handle, fingerprint };
  }

  /** Another card behind the kiosk's connection (a swap the reader missed), prepared by whoever put it there: PIN verified. */
  async function preparedCard(
    profile: CardProfileName,
    options: EmulatedCardOptions = {},
  ): Promise<{ transport: ApduTransport; certificate: Uint8Array | undefined }> {
    const reader = new SimulatedReader('other');
    reader.insert(await createEmulatedCard(profile, options));
    const transport = reader.connect();
    if (!transport) throw new Error('no card');
    const jpki = new JpkiSession(transport);
    const certificate = await jpki.readAuthCertificate();
    expect(await jpki.verifyPin(new TextEncoder().encode('1234'))).toEqual({ ok: true, value: undefined });
    return { transport, certificate: certificate.ok ? certificate.value : undefined };
  }

  it.each<[string, TransmitResult]>([
    ['the card was reset by another party', { ok: false, error: 'card-reset' }],
    ['the reader stack failed', { ok: false, error: 'transport' }],
    ['the card lost its verified PIN (6982)', { ok: true, value: Uint8Array.of(0x69, 0x82) }],
    ['the card answered an unexpected status word', { ok: true, value: Uint8Array.of(0x6f, 0x00) }],
    ['the card answered garbage', { ok: true, value: Uint8Array.of(0x30, 0x82, 0xff, 0xff, 0x90, 0x00) }],
  ])('does not tell the customer the card was swapped when at 確認 %s', async (_, fault) => {
    const { port, card, handle, fingerprint } = await atConsent();
    port.answer = (command) => (command[1] === SIGN ? Promise.resolve(fault) : undefined);
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'card-lost' });
  });

  it('takes a card reset between the signature and 確認 (its verified PIN gone) as a card that left, not a swap', async () => {
    const { port, card, handle, fingerprint } = await atConsent();
    port.inner.reader.card?.reset();
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'card-lost' });
  });

  it('confirms the card that signed by a fresh signature, and catches another card, also one with a copy of the certificate', async () => {
    const { port, card, handle, fingerprint } = await atConsent();
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'same' });

    // Swapped for another card in the same state: it signs, but with its own key.
    const other = await preparedCard('one-try-left');
    port.answer = (command) => other.transport.transmit(command);
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'swapped' });

    // A clone answers every read as the customer's card does, byte for byte; it cannot sign as it.
    const clone = await preparedCard('default', { authKeyOf: 'one-try-left' });
    expect(clone.certificate).toEqual(card.certificate(handle));
    port.answer = (command) => clone.transport.transmit(command);
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'swapped' });

    port.answer = undefined;
    expect(await card.check(handle, fingerprint)).toEqual({ kind: 'same' });
  });
});

describe('the token label', () => {
  const TOKEN_INFO_EF = Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, 0x00, 0x06);
  const selectsTokenInfo = (commands: readonly Uint8Array[]): boolean =>
    commands.some((command) => TOKEN_INFO_EF.every((byte, i) => command[i] === byte));

  async function inspectRecording(profile: CardProfileName, options: EmulatedCardOptions = {}) {
    const { port, card } = await setUp();
    port.inner.reader.insert(await createEmulatedCard(profile, options));
    const sent: Uint8Array[] = [];
    port.answer = (command) => {
      sent.push(command.slice());
      return undefined;
    };
    return { outcome: await card.inspect(), sent };
  }

  it('is not read from a card in contact with the reader: 8 + ⌈T/256⌉ APDUs up to the PIN screen', async () => {
    const { outcome, sent } = await inspectRecording('default');
    expect(outcome.kind).toBe('ready');
    expect(selectsTokenInfo(sent)).toBe(false);
    // SELECT AP, SELECT + 4 READ BINARY of the 901-byte certificate, SELECT PIN + VERIFY (tries left).
    expect(sent.map((command) => command[1])).toEqual([0xa4, 0xa4, 0xb0, 0xb0, 0xb0, 0xb0, 0xa4, 0x20]);
  });

  it('is read from a token on a contactless reader, where a smartphone is told apart from a card', async () => {
    const phone = await inspectRecording('smartphone');
    expect(phone.outcome).toEqual({ kind: 'problem', problem: 'smartphone' });
    expect(selectsTokenInfo(phone.sent)).toBe(true);

    const contactless = await inspectRecording('default', { atr: fromHex('3B 88 80 01 00 00 00 00 33 81 81 00 3A') });
    expect(contactless.outcome.kind).toBe('ready');
    expect(selectsTokenInfo(contactless.sent)).toBe(true);
  });
});

describe('what the customer is told about a faulty card', () => {
  const SELECT_FILE = Uint8Array.of(0x00, 0xa4, 0x02);
  const VERIFY = 0x20;
  const startsWith = (command: Uint8Array, prefix: Uint8Array): boolean => prefix.every((byte, i) => command[i] === byte);

  it.each<[string, ConnectFailure]>([
    ['gives no answer to reset (upside down: SCARD_W_UNRESPONSIVE_CARD)', 'card-unresponsive'],
    ['cannot be connected to', 'transport'],
  ])('asks to check the orientation of a card that %s', async (_, failure) => {
    const { port, card } = await setUp();
    port.connectFailure = failure;
    expect(await card.inspect()).toEqual({ kind: 'problem', problem: 'mute' });
  });

  it('says a card without the JPKI application is not a My Number card', async () => {
    const { port, card } = await setUp();
    port.inner.reader.insert(await createEmulatedCard('not-jpki'));
    expect(await card.inspect()).toEqual({ kind: 'problem', problem: 'not-my-number-card' });
  });

  it.each<[string, (command: Uint8Array) => Promise<TransmitResult> | undefined]>([
    [
      'a certificate that is not DER',
      // Certificate chunks are read 256 bytes at a time (Le 00); the token label is read with Le 20.
      (command) =>
        command[1] === READ_BINARY && command[4] === 0x00
          ? Promise.resolve({ ok: true, value: Uint8Array.of(0x04, 0x01, 0xff, 0x90, 0x00) })
          : undefined,
    ],
    [
      'an unexpected status word',
      (command) => (startsWith(command, SELECT_FILE) ? Promise.resolve({ ok: true, value: Uint8Array.of(0x6f, 0x00) }) : undefined),
    ],
  ])('calls a card that answers %s possibly damaged, not upside down', async (_, answer) => {
    const { port, card } = await setUp();
    port.answer = answer;
    expect(await card.inspect()).toEqual({ kind: 'problem', problem: 'damaged' });
  });

  it('says a card that stops answering while it is read did not respond, and lets go of it in time', async () => {
    const { card } = await setUp(0, { silentAt: 'read' });
    expect(await card.inspect()).toEqual({ kind: 'problem', problem: 'unresponsive' });
  });

  it('says a card that stops answering at VERIFY or at the signature did not respond, instead of calling it removed', async () => {
    for (const silentAt of ['verify', 'sign'] as const) {
      const { card } = await setUp(0, { silentAt });
      const inspected = await card.inspect();
      if (inspected.kind !== 'ready') throw new Error(inspected.kind);
      const verified = await card.verifyPin(inspected.handle, new TextEncoder().encode('1234'));
      const outcome = silentAt === 'verify' ? verified : await card.sign(inspected.handle, new Uint8Array(32));
      expect({ silentAt, outcome }).toEqual({ silentAt, outcome: { kind: 'problem', problem: 'unresponsive' } });
      const started = Date.now();
      await card.eject();
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });

  it('calls a card that answers VERIFY with a status word no My Number card uses possibly damaged', async () => {
    const { port, card } = await setUp();
    const inspected = await card.inspect();
    if (inspected.kind !== 'ready') throw new Error(inspected.kind);
    port.answer = (command) => (command[1] === VERIFY ? Promise.resolve({ ok: true, value: Uint8Array.of(0x6a, 0x88) }) : undefined);
    expect(await card.verifyPin(inspected.handle, new TextEncoder().encode('1234'))).toEqual({ kind: 'problem', problem: 'damaged' });
  });

  it('says a card that stops answering at the consent check did not respond', async () => {
    const { port, card } = await setUp();
    const inspected = await card.inspect();
    if (inspected.kind !== 'ready') throw new Error(inspected.kind);
    // Read fine before; at 確認 its chip no longer answers.
    const chip = port.inner.reader.card;
    if (!chip) throw new Error('no card');
    chip.transmit = () => new Promise<Uint8Array>(() => undefined);
    expect(await card.check(inspected.handle, inspected.fingerprint)).toEqual({ kind: 'problem', problem: 'unresponsive' });
  });
});
