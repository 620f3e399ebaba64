// The status report's verdicts, card by card, through the in-process reader: what an operator
// is told about each kind of card, that a card which never answers costs at most the deadline,
// and that nothing spends a PIN try or touches a card held by a session.
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardProfileName } from '../devkit/emulator/card-profiles.ts';
import { createEmulatedCard, type EmulatedCardOptions } from '../devkit/emulator/emulated-card.ts';
import { SimulatedReaderPort } from '../devkit/emulator/simulated-reader-port.ts';
import { SimulatedReader } from '../devkit/emulator/simulated-reader.ts';
import type { SilentAt } from '../devkit/emulator/my-number-card.ts';
import type { VirtualCard } from '../devkit/emulator/virtual-card.ts';
import { issueCrl } from '../devkit/test-pki/issue-crl.ts';
import { describeCertificate } from '../pki/describe-certificate.ts';
import { testKey } from '../devkit/test-pki/test-keys.ts';
import { loadTestPki, type TestPki } from '../devkit/test-pki/test-pki.ts';
import type { ReaderEvent, ReaderSnapshot } from '../reader/reader-events.ts';
import type { ReaderPort } from '../reader/reader-port.ts';
import { formatStatusReport, inspectReaders, type InspectOptions, type ReaderReport } from './card-status.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

async function statusOf(card: VirtualCard, options: Partial<InspectOptions> = {}, port = new SimulatedReaderPort()): Promise<ReaderReport> {
  port.reader.insert(card);
  const report = await inspectReaders(port, port.snapshot(), { commandTimeoutMs: 200, ...options });
  const [reader] = report.readers;
  if (!reader) throw new Error('no reader reported');
  return reader;
}

const profile = (name: CardProfileName, options?: EmulatedCardOptions): Promise<VirtualCard> => createEmulatedCard(name, options);

describe('verdicts', () => {
  it.each<[CardProfileName, string]>([
    ['default', 'ok'],
    ['one-try-left', 'ok'],
    ['pin-blocked', 'pin-blocked'],
    ['expired', 'certificate-expired'],
    ['not-yet-valid', 'certificate-not-yet-valid'],
    ['not-jpki', 'not-jpki-card'],
    ['smartphone', 'smartphone-token'],
  ])('judges the %s card %s', async (name, verdict) => {
    expect(await statusOf(await profile(name))).toMatchObject({ card: 'present', verdict });
  });

  it('says what a card without the JPKI AP is, and nothing more', async () => {
    expect(await statusOf(await profile('not-jpki'))).toEqual({
      reader: 'Simulated reader 0',
      card: 'present',
      atr: '3B8F8001804F0CA0000003060300030000000068',
      verdict: 'not-jpki-card',
      explanation: 'no JPKI AP: not a My Number card',
      jpkiApplication: 'no',
    });
  });

  it('calls a card dripping its token label a byte at a time unreadable, not another kind of token', async () => {
    expect(await statusOf(await profile('default', { quirks: { maxReadLength: 1 } }))).toMatchObject({
      verdict: 'unreadable',
      explanation: 'the token info (EF 0006) could not be read (too-many-reads: still short after 4 READ BINARY)',
    });
  });

  it('says how many tries are left on a usable card, and that revocation was not checked without a CRL', async () => {
    expect(await statusOf(await profile('one-try-left'))).toMatchObject({
      verdict: 'ok',
      explanation: 'usable: 1 PIN try left; revocation not checked (no CRL given)',
      pinTriesLeft: 1,
      revocation: 'not-checked',
    });
  });

  it('finds the revoked card in the CRL of its issuer, checked with the CA certificate on the card', async () => {
    const revoked = await statusOf(await profile('revoked'), { crls: [pki.crl] });
    expect(revoked).toMatchObject({ verdict: 'certificate-revoked', revocation: 'revoked' });
    expect(revoked.explanation).toContain(revoked.certificate?.serialNumber);
    expect(await statusOf(await profile('default'), { crls: [pki.crl] })).toMatchObject({ verdict: 'ok', revocation: 'good' });
  });

  it("checks the CRL against the CA certificates given instead of the card's, when there are any", async () => {
    expect(await statusOf(await profile('revoked'), { crls: [pki.crl], cas: [pki.authCa] })).toMatchObject({
      verdict: 'certificate-revoked',
    });
    // Another CA did not issue the card's certificate: the CRL cannot be checked.
    expect(await statusOf(await profile('revoked'), { crls: [pki.crl], cas: [pki.signCa] })).toMatchObject({
      verdict: 'ok',
      revocation: 'unknown',
    });
  });

  it('does not believe a CRL its issuer did not sign', async () => {
    const revokedSerial = describeCertificate(pki.auth.revoked.certificate);
    if (!revokedSerial.ok) throw new Error('test certificate does not parse');
    const now = new Date();
    const foreign = await issueCrl({
      issuer: { certificate: pki.signCa, privateKey: testKey('sign-ca') },
      thisUpdate: new Date(now.getTime() - 86_400_000),
      nextUpdate: new Date(now.getTime() + 86_400_000),
      crlNumber: 1,
      revoked: [{ serialNumber: revokedSerial.value.serialNumber, revocationDate: now }],
    });
    expect(await statusOf(await profile('revoked'), { crls: [foreign] })).toMatchObject({ verdict: 'ok', revocation: 'unknown' });
  });

  it('tells a certificate header claiming 60 KB as too large, not as a missing certificate', async () => {
    const report = await statusOf(await profile('default', { certificateLengthClaim: 60 * 1024 }));
    expect(report).toMatchObject({ verdict: 'certificate-too-large', jpkiApplication: 'yes' });
    expect(report.explanation).toContain('61440 bytes');
    expect(report.certificate).toBeUndefined();
  });

  it('reads a card answering short chunks to an ok verdict', async () => {
    const report = await statusOf(await profile('default', { quirks: { maxReadLength: 100 } }));
    expect(report).toMatchObject({ verdict: 'ok' });
    expect(report.certificate?.sha256Fingerprint.replaceAll(':', '').toLowerCase()).toBe(
      Buffer.from(await crypto.subtle.digest('SHA-256', pki.auth.default.certificate)).toString('hex'),
    );
  });

  it('reports an empty reader as no-card', async () => {
    const port = new SimulatedReaderPort();
    const report = await inspectReaders(port, port.snapshot(), { commandTimeoutMs: 200 });
    expect(report.readers).toEqual([{ reader: port.reader.name, card: 'empty', verdict: 'no-card', explanation: 'no card in the reader' }]);
  });

  it('prints the verdict right under the reader', async () => {
    const port = new SimulatedReaderPort();
    port.reader.insert(await profile('pin-blocked'));
    const text = formatStatusReport(await inspectReaders(port, port.snapshot(), { commandTimeoutMs: 200 }));
    expect(text).toContain(
      `Reader: ${port.reader.name}\n  verdict:         pin-blocked: the PIN is blocked (0 tries left): it is reset at the 市区町村窓口\n  card:            present\n`,
    );
  });
});

describe('a card that does not answer', () => {
  it.each<[string, SilentAt, string]>([
    ['any command', 'any', 'SELECT'],
    ['READ BINARY', 'read', 'READ BINARY'],
  ])('is reported as not responding once it has left %s unanswered for the deadline', async (_, silentAt, command) => {
    const started = Date.now();
    const report = await statusOf(await createEmulatedCard('default', { silentAt }), { commandTimeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(report).toMatchObject({ verdict: 'card-not-responding', explanation: `the card did not answer ${command} within 300 ms` });
    expect(report.problem).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('is reported as not responding when even the connection does not come', async () => {
    const port = new SimulatedReaderPort();
    port.reader.insert(await profile('default'));
    const report = await inspectReaders(new RoutingPort(port.snapshot(), () => new Promise<never>(() => undefined)), port.snapshot(), {
      commandTimeoutMs: 200,
    });
    expect(report.readers[0]).toMatchObject({
      verdict: 'card-not-responding',
      explanation: 'the reader did not connect to the card within 200 ms',
    });
  });

  it('does not keep the other readers from being reported', async () => {
    const mute = new SimulatedReaderPort(new SimulatedReader('Reader A'));
    mute.reader.insert(await createEmulatedCard('default', { silentAt: 'any' }));
    const good = new SimulatedReaderPort(new SimulatedReader('Reader B'));
    good.reader.insert(await profile('default'));
    const snapshot = { ...mute.snapshot(), readers: [...mute.snapshot().readers, ...good.snapshot().readers] };
    const both = new RoutingPort(snapshot, (name, options) => (name === 'Reader B' ? good : mute).connect(name, options));
    const report = await inspectReaders(both, snapshot, { commandTimeoutMs: 200 });
    expect(report.readers.map((reader) => [reader.reader, reader.verdict])).toEqual([
      ['Reader A', 'card-not-responding'],
      ['Reader B', 'ok'],
    ]);
  });
});

/** A port whose connections come from elsewhere: two simulated readers, or none at all. */
class RoutingPort extends EventEmitter<{ event: [ReaderEvent] }> implements ReaderPort {
  readonly #snapshot: ReaderSnapshot;
  readonly connect: ReaderPort['connect'];

  constructor(snapshot: ReaderSnapshot, connect: ReaderPort['connect']) {
    super();
    this.#snapshot = snapshot;
    this.connect = connect;
  }

  snapshot(): ReaderSnapshot {
    return this.#snapshot;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('what status never does', () => {
  it('spends no PIN try', async () => {
    const card = await createEmulatedCard('one-try-left');
    await statusOf(card);
    await statusOf(card);
    expect(card.pinTriesLeft).toBe(1);
  });

  it('leaves a card held by a session alone: in use, no command sent', async () => {
    const card = await createEmulatedCard('default');
    const sent: number[] = [];
    const watched: VirtualCard = {
      atr: card.atr,
      powerOn: () => card.powerOn(),
      powerOff: () => card.powerOff(),
      reset: () => card.reset(),
      transmit: (command) => {
        sent.push(command[1] ?? -1);
        return card.transmit(command);
      },
    };
    const port = new SimulatedReaderPort();
    port.reader.insert(watched);
    const held = await port.connect(port.reader.name, { exclusive: true });
    expect(held.ok).toBe(true);
    const report = await inspectReaders(port, port.snapshot(), { commandTimeoutMs: 200 });
    expect(report.readers[0]).toMatchObject({ verdict: 'in-use', jpkiApplication: 'in-use' });
    expect(sent).toEqual([]);
  });
});
