// The measurements behind the status page and the self-test, against the real thing where
// it exists here: the reference gateway over mutual TLS (throwaway certificates from openssl),
// an NTP server on loopback answering over UDP as one does, files with real modes, and an
// SQLite file damaged on disk.
import { X509Certificate } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway } from '../../devkit/reference-gateway/test-gateway.ts';
import { makeTlsFixtures, type TlsFixtures } from '../../../test/support/tls-fixtures.ts';
import { openKioskDatabase } from '../storage/kiosk-database.ts';
import type { ReaderEvent, ReaderSnapshot } from '../../../native/reader/reader-events.ts';
import { certificateExpiry, databaseHealth, keyFileProblems, ntpOffset, probeTls, readerPresent } from './probes.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'probes-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the gateway’s TLS handshake', () => {
  let tls: TlsFixtures;
  beforeAll(() => {
    tls = makeTlsFixtures();
  });

  async function gatewayOverTls(): Promise<string> {
    const gateway = await createTestGateway({ processingMs: 0 });
    cleanups.push(() => gateway.close());
    return gateway.listen(0, '127.0.0.1', { cert: tls.server.cert, key: tls.server.key, ca: tls.ca });
  }

  it('reads the gateway certificate’s end of validity through a handshake with the kiosk’s own certificate', async () => {
    const url = await gatewayOverTls();
    const probe = await probeTls(url, { cert: tls.client.cert, key: tls.client.key, ca: tls.ca }, 5000);
    expect(probe).toEqual({
      ok: true,
      value: { handshakeMs: expect.any(Number) as number, peerExpiresAt: new X509Certificate(tls.server.cert).validToDate.toISOString() },
    });
    expect(certificateExpiry(tls.client.cert)).toBe(new X509Certificate(tls.client.cert).validToDate.toISOString());
    expect(certificateExpiry('not a certificate')).toBeUndefined();
  });

  it('says when the gateway is not the one the bank’s CA vouches for, or is not there', async () => {
    const url = await gatewayOverTls();
    expect(await probeTls(url, { cert: tls.client.cert, key: tls.client.key, ca: tls.stranger.cert }, 5000)).toEqual({
      ok: false,
      error: 'untrusted',
    });
    const closed = new URL(url);
    await new Promise((resolve) => setTimeout(resolve, 0));
    closed.port = String(Number(closed.port) + 1);
    const refused = await probeTls(closed.toString(), { cert: tls.client.cert, key: tls.client.key, ca: tls.ca }, 5000);
    expect(refused).toMatchObject({ ok: false });
  });
});

/** An NTP server on loopback answering each request as `answer` says (or not at all). */
async function ntpServer(answer: (request: Buffer) => Buffer | undefined): Promise<number> {
  const socket: Socket = createSocket('udp4');
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  socket.on('message', (request, peer) => {
    const reply = answer(request);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket.address().port;
}

const NTP_EPOCH = 2_208_988_800;
function ntpTime(packet: Buffer, offset: number, ms: number): void {
  const seconds = Math.floor(ms / 1000);
  packet.writeUInt32BE(seconds + NTP_EPOCH, offset);
  packet.writeUInt32BE(Math.floor(((ms % 1000) / 1000) * 2 ** 32), offset + 4);
}

function serverAnswer(request: Buffer, skewMs: number, stratum = 2): Buffer {
  const reply = Buffer.alloc(48);
  reply[0] = 0x24; // LI 0, version 4, mode 4 (server)
  reply[1] = stratum;
  request.copy(reply, 24, 40, 48); // originate = the client's transmit time
  ntpTime(reply, 32, Date.now() + skewMs);
  ntpTime(reply, 40, Date.now() + skewMs);
  return reply;
}

describe('the clock against an NTP server', () => {
  it('measures how far the kiosk’s clock is from the server’s', async () => {
    const port = await ntpServer((request) => serverAnswer(request, 2500));
    const offset = await ntpOffset('127.0.0.1', port, 2000);
    if (!offset.ok) throw new Error(offset.error);
    expect(Math.abs(offset.value - 2500)).toBeLessThan(100);
  });

  it('tells a server without time, and one that does not answer, from a measurement', async () => {
    const unsynchronised = await ntpServer((request) => serverAnswer(request, 0, 0));
    expect(await ntpOffset('127.0.0.1', unsynchronised, 2000)).toEqual({ ok: false, error: 'unsynchronised' });
    const silent = await ntpServer(() => undefined);
    expect(await ntpOffset('127.0.0.1', silent, 200)).toEqual({ ok: false, error: 'timeout' });
    // An answer to some other request (a spoofed packet) is not taken.
    const stale = await ntpServer(() => Buffer.alloc(48, 0x24));
    expect(await ntpOffset('127.0.0.1', stale, 2000)).toEqual({ ok: false, error: 'bad-answer' });
  });
});

describe('files on disk', () => {
  it('finds key files that are missing or readable by more than they may be', async () => {
    const dir = folder();
    const own = join(dir, 'database.key');
    const loose = join(dir, 'kiosk.key');
    writeFileSync(own, 'x', { mode: 0o600 });
    writeFileSync(loose, 'x');
    chmodSync(loose, 0o644);
    expect(
      await keyFileProblems([
        { path: own, maxMode: 0o600 },
        { path: loose, maxMode: 0o640 },
        { path: join(dir, 'gone.key'), maxMode: 0o600 },
      ]),
    ).toEqual([
      { path: loose, problem: 'mode', mode: 0o644 },
      { path: join(dir, 'gone.key'), problem: 'missing' },
    ]);
  });

  it('runs SQLite’s integrity check, and reports a file damaged on disk', () => {
    const path = join(folder(), 'kiosk.sqlite');
    const db = openKioskDatabase(path);
    for (let i = 0; i < 200; i += 1) db.prepare('INSERT INTO counters (name, value) VALUES (?, ?)').run(`counter-${String(i)}`, i);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseHealth(db, true)).toMatchObject({ ok: true });
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'counters'").get() as { rootpage: number };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // Garbage over the counters' table page of the closed file.
    const file = openSync(path, 'r+');
    writeSync(file, Buffer.alloc(pageSize - 16, 0xa5), 0, pageSize - 16, (rootpage - 1) * pageSize + 8);
    closeSync(file);
    const damaged = openKioskDatabase(path);
    expect(databaseHealth(damaged, true).ok).toBe(false);
    damaged.close();
  });
});

/** The card service as the kiosk core sees it: a snapshot, and events as it changes. */
class CardServiceStandIn extends EventEmitter<{ event: [ReaderEvent] }> {
  #snapshot: ReaderSnapshot = { serviceAvailable: false, detail: 'starting', readers: [] };
  snapshot(): ReaderSnapshot {
    return this.#snapshot;
  }
  /** pcscd answers, with this reader attached. */
  up(reader: string): void {
    this.#snapshot = { serviceAvailable: true, detail: 'pcscd', readers: [{ name: reader, card: 'empty' }] };
    this.emit('event', { type: 'service', available: true, detail: 'pcscd' });
    this.emit('event', { type: 'reader-attached', reader });
  }
}

describe('the configured reader', () => {
  it('counts as present once a card service still starting reports it, rather than failing the start-up self-test', async () => {
    const port = new CardServiceStandIn();
    const started = Date.now();
    setTimeout(() => port.up('Virtual PCD 00 00'), 100);
    expect(await readerPresent(port, 'Virtual PCD 00 00', 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(port.listenerCount('event')).toBe(0);
    // Present already: answered at once.
    expect(await readerPresent(port, 'Virtual PCD 00 00', 0)).toBe(true);
  });

  it('is missing when the card service reports only other readers, or nothing, within the wait', async () => {
    const port = new CardServiceStandIn();
    setTimeout(() => port.up('Other reader'), 20);
    expect(await readerPresent(port, 'Virtual PCD 00 00', 200)).toBe(false);
    expect(await readerPresent(new CardServiceStandIn(), 'Virtual PCD 00 00', 50)).toBe(false);
    expect(port.listenerCount('event')).toBe(0);
  });
});
