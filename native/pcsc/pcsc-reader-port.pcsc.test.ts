// The card layer through the real PC/SC stack: pcsclite → pcscd → vpcd → emulated card.
import { webcrypto } from 'node:crypto';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeWhenAvailable } from '../../test/support/components.ts';
import { probePcscWithVpcd } from '../../test/support/pcsc-probe.ts';
import { EventLog } from '../../test/support/pcsc-port.ts';
import { createEmulatedCard } from '../devkit/emulator/emulated-card.ts';
import type { MyNumberCard } from '../devkit/emulator/my-number-card.ts';
import { VpcdLink } from '../devkit/emulator/vpcd-link.ts';
import { fromHex, toHex } from '../apdu/hex.ts';
import { sha256DigestInfo } from '../jpki/digest-info.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import { publicKeyOf } from '../pki/describe-certificate.ts';
import { loadTestPki, type TestPki } from '../devkit/test-pki/test-pki.ts';
import type { CardConnection } from '../reader/reader-port.ts';
import type { CardProfileName } from '../devkit/emulator/card-profiles.ts';
import { PcscReaderPort } from './pcsc-reader-port.ts';
import { until } from '../../test/support/until.ts';

const READER = 'Virtual PCD 00 00';

const pin = (digits: string): Uint8Array => new TextEncoder().encode(digits);

/**
 * vpcd takes a new card connection only once it has noticed the previous one closed, which
 * can lag pcscd's "card present": wait until the card really answers (bounded).
 */
async function answering(port: PcscReaderPort): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const connection = await port.connect(READER, { exclusive: false });
    if (connection.ok) {
      const answer = await connection.value.transmit(fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
      await connection.value.disconnect('reset');
      if (answer.ok) return;
    }
    if (Date.now() > deadline) throw new Error('the emulated card never answered through pcscd');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWhenAvailable('the PC/SC reader port with an emulated card in vpcd', await probePcscWithVpcd(), () => {
  let pki: TestPki;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    pki = await loadTestPki();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function attached(
    profile: CardProfileName,
    latency?: { apduMs: number; signMs: number },
  ): Promise<{ port: PcscReaderPort; log: EventLog; link: VpcdLink; card: MyNumberCard }> {
    const port = new PcscReaderPort({ backoff: { initialMs: 100, maxMs: 500 } });
    const log = new EventLog(port);
    port.start();
    cleanups.push(() => port.close());
    await log.waitFor((event) => event.type === 'reader-attached' && event.reader === READER);
    // pcscd notices a detached vpcd card at its next poll: start from an empty reader.
    await until(() => port.snapshot().readers.some((reader) => reader.name === READER && reader.card === 'empty'));
    const card = await createEmulatedCard(profile, latency ? { latency } : {});
    const link = new VpcdLink({ card });
    cleanups.push(() => link.stop());
    const from = log.events.length;
    await link.start();
    await log.waitFor((event) => event.type === 'card-inserted' && event.reader === READER, 8000, from);
    await answering(port);
    return { port, log, link, card };
  }

  async function connected(port: PcscReaderPort): Promise<CardConnection> {
    const connection = await port.connect(READER, { exclusive: true });
    if (!connection.ok) throw new Error(`connect failed: ${connection.error}`);
    cleanups.push(() => connection.value.disconnect('reset'));
    return connection.value;
  }

  it('reports the reader, the card with its ATR, and its removal', async () => {
    const { port, log, link } = await attached('default');
    expect(log.events).toContainEqual({ type: 'service', available: true, detail: 'pcscd connected' });
    expect(log.events).toContainEqual({ type: 'card-inserted', reader: READER, atr: '3BE000FF8131FE4514' });
    expect(port.snapshot().readers).toContainEqual({ name: READER, card: 'present', atr: '3BE000FF8131FE4514' });
    await link.stop();
    await log.waitFor((event) => event.type === 'card-removed' && event.reader === READER);
    expect(port.snapshot().readers).toContainEqual({ name: READER, card: 'empty' });
  });

  it('reads the certificate and PIN status, verifies the PIN and signs a challenge that WebCrypto verifies', async () => {
    const { port } = await attached('default');
    const jpki = new JpkiSession(await connected(port));
    const certificate = await jpki.readAuthCertificate();
    expect(certificate.ok && Buffer.from(certificate.value).equals(pki.auth.default.certificate)).toBe(true);
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 3 });
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: true, value: undefined });
    const challenge = new TextEncoder().encode('single-use challenge from the gateway');
    const signature = await jpki.signWithAuthKey(challenge);
    if (!signature.ok) throw new Error(signature.error.kind);
    const key = await publicKeyOf(pki.auth.default.certificate);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature.value, challenge)).toBe(true);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature.value, new TextEncoder().encode('another challenge'))).toBe(
      false,
    );
  });

  it('decrements on each wrong PIN, spends nothing on status reads, and locks at zero', async () => {
    const { port, card } = await attached('default');
    const jpki = new JpkiSession(await connected(port));
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 2 } });
    expect(await jpki.pinTriesLeft()).toEqual({ ok: true, value: 2 });
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'wrong-pin', triesLeft: 1 } });
    expect(await jpki.verifyPin(pin('0000'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
    expect(await jpki.verifyPin(pin('1234'))).toEqual({ ok: false, error: { kind: 'pin-blocked' } });
    expect(await jpki.signWithAuthKey(new Uint8Array(8))).toEqual({ ok: false, error: { kind: 'security-status-not-satisfied' } });
    expect(card.pinTriesLeft).toBe(0);
  });

  it('holds the card exclusively: another PC/SC context is refused by pcscd itself', async () => {
    const { port } = await attached('default');
    await connected(port);
    const other = new PcscReaderPort();
    const otherLog = new EventLog(other);
    other.start();
    cleanups.push(() => other.close());
    await otherLog.waitFor((event) => event.type === 'card-inserted' && event.reader === READER);
    expect(await other.connect(READER, { exclusive: false })).toEqual({ ok: false, error: 'in-use' });
  });

  it('leaves no verified PIN behind: after the session, signing without the PIN is refused', async () => {
    const { port } = await attached('default');
    const session = await port.connect(READER, { exclusive: true });
    if (!session.ok) throw new Error(session.error);
    cleanups.push(() => session.value.disconnect('reset'));
    const jpki = new JpkiSession(session.value);
    expect(await jpki.verifyPin(pin('1234'))).toMatchObject({ ok: true });
    expect(await jpki.signWithAuthKey(new Uint8Array(8))).toMatchObject({ ok: true });
    await session.value.disconnect('reset');

    const next = await connected(port);
    const raw = async (hex: string): Promise<string> => {
      const result = await next.transmit(fromHex(hex));
      return result.ok ? toHex(result.value.slice(-2), '') : result.error;
    };
    expect(await raw('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01')).toBe('9000');
    expect(await raw('00 A4 02 0C 02 00 17')).toBe('9000');
    expect(await raw(`80 2A 00 80 33 ${toHex(sha256DigestInfo(new Uint8Array(8)))} 00`)).toBe('6982');
  });

  it('ends a certificate read cleanly when the card is pulled out in the middle', async () => {
    const { port, link, log } = await attached('default', { apduMs: 40, signMs: 0 });
    const counting = await connected(port);
    let reads = 0;
    const jpki = new JpkiSession({
      atr: counting.atr,
      transmit: (command) => {
        if (command[1] === 0xb0 && ++reads === 2) void link.stop();
        return counting.transmit(command);
      },
    });
    // pcscd fails the transmit in flight (SCARD_E_NOT_TRANSACTED) or reports the removal.
    const from = log.events.length;
    const result = await jpki.readAuthCertificate();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['card-removed', 'transport']).toContain(result.error.kind);
    await log.waitFor((event) => event.type === 'card-removed', 8000, from);
    expect(await jpki.pinTriesLeft()).toEqual({ ok: false, error: { kind: 'card-removed' } });
  });
});
