// Measurements the status page and the self-test share, each bounded in time and each
// answering with a value or a short code of what went wrong (never a thrown error): the
// gateway's TLS handshake and certificate, a certificate file's expiry, the clock's offset
// from an NTP server (SNTP, RFC 4330), free disk space, the database's integrity, the
// presence and modes of the key files, and the configured reader.
import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { statfs, stat } from 'node:fs/promises';
import { connect } from 'node:tls';
import { isIP } from 'node:net';
import { err, ok, type Result } from '../../common/result.ts';
import type { ReaderEvent, ReaderSnapshot } from '../../../native/reader/reader-events.ts';
import type { KioskDatabase } from '../storage/kiosk-database.ts';

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

export interface TlsProbe {
  readonly handshakeMs: number;
  /** The gateway's own certificate's end of validity. */
  readonly peerExpiresAt: string;
}

/**
 * A TLS handshake with the gateway as the kiosk makes it (its client certificate, only the
 * bank's CA trusted). Whether the gateway accepted the client certificate shows in the next
 * request (TLS 1.3 checks it after the handshake): the health call that follows.
 */
export function probeTls(url: string, files: TlsFiles, timeoutMs: number): Promise<Result<TlsProbe, string>> {
  const target = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({
      host: target.hostname,
      port: Number(target.port || 443),
      ...(isIP(target.hostname) ? {} : { servername: target.hostname }),
      cert: files.cert,
      key: files.key,
      ca: files.ca,
      rejectUnauthorized: true,
    });
    const done = (result: Result<TlsProbe, string>): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(err('timeout')), timeoutMs);
    socket.once('secureConnect', () => {
      const peer = socket.getPeerX509Certificate();
      done(
        peer
          ? ok({ handshakeMs: Math.round(performance.now() - started), peerExpiresAt: peer.validToDate.toISOString() })
          : err('no-certificate'),
      );
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(err(tlsProblem(error))));
  });
}

/** A short code for what failed: the operator acts differently on each. */
function tlsProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'refused';
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return 'unknown-host';
  if (error.code === 'CERT_HAS_EXPIRED') return 'certificate-expired';
  if (error.code?.includes('CERT') || error.code?.includes('SIGNATURE') || error.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return 'untrusted';
  return 'handshake-failed';
}

/** The end of validity of a PEM certificate, or undefined when it does not parse. */
export function certificateExpiry(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).validToDate.toISOString();
  } catch {
    return undefined;
  }
}

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_EPOCH_OFFSET = 2_208_988_800;

const readNtpTime = (packet: Buffer, offset: number): number =>
  (packet.readUInt32BE(offset) - NTP_EPOCH_OFFSET) * 1000 + (packet.readUInt32BE(offset + 4) / 2 ** 32) * 1000;

function writeNtpTime(packet: Buffer, offset: number, ms: number): void {
  const seconds = Math.floor(ms / 1000);
  packet.writeUInt32BE(seconds + NTP_EPOCH_OFFSET, offset);
  packet.writeUInt32BE(Math.floor(((ms - seconds * 1000) / 1000) * 2 ** 32), offset + 4);
}

/**
 * How far the kiosk's clock is from the time server's, in ms (positive: the kiosk is behind):
 * one SNTP exchange, offset = ((T2 − T1) + (T3 − T4)) / 2 with the server's receive and
 * transmit times and the kiosk's own send and receive times.
 */
export function ntpOffset(host: string, port: number, timeoutMs: number, now: () => number = Date.now): Promise<Result<number, string>> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    const request = Buffer.alloc(48);
    request[0] = 0x23; // LI 0, version 4, mode 3 (client)
    const done = (result: Result<number, string>): void => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done(err('timeout')), timeoutMs);
    let sentAt = 0;
    socket.on('message', (answer) => {
      const receivedAt = now();
      // A server answer (mode 4) to this request (its originate time is our transmit time).
      if (answer.length < 48 || ((answer[0] ?? 0) & 0x07) !== 4 || !answer.subarray(24, 32).equals(request.subarray(40, 48))) {
        done(err('bad-answer'));
        return;
      }
      if (answer[1] === 0) {
        done(err('unsynchronised')); // stratum 0: a kiss-o'-death or a server without time
        return;
      }
      const serverReceived = readNtpTime(answer, 32);
      const serverSent = readNtpTime(answer, 40);
      done(ok(Math.round((serverReceived - sentAt + (serverSent - receivedAt)) / 2)));
    });
    socket.on('error', () => done(err('unreachable')));
    sentAt = now();
    writeNtpTime(request, 40, sentAt);
    socket.send(request, port, host, (error) => {
      if (error) done(err('unreachable'));
    });
  });
}

export async function diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
  const stats = await statfs(path);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** SQLite's own check of the database file: `full` runs integrity_check (slower), else quick_check. */
export function databaseHealth(db: KioskDatabase, full: boolean): { ok: boolean; sizeBytes: number } {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  try {
    const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    return { ok: rows.length === 1 && Object.values(rows[0] ?? {})[0] === 'ok', sizeBytes: pages * pageSize };
  } catch {
    // A file damaged badly enough makes SQLite refuse the check itself ("malformed").
    return { ok: false, sizeBytes: pages * pageSize };
  }
}

export interface KeyFile {
  readonly path: string;
  /** The loosest mode it may have: 0600 for the kiosk's own, 0640 for root's files the kiosk group reads. */
  readonly maxMode: number;
}

export type KeyFileFinding = { readonly path: string } & (
  { readonly problem: 'missing' } | { readonly problem: 'mode'; readonly mode: number }
);

/** Key files that are missing or readable by more than they may be. */
export async function keyFileProblems(files: readonly KeyFile[]): Promise<KeyFileFinding[]> {
  const findings: KeyFileFinding[] = [];
  for (const file of files) {
    try {
      const mode = (await stat(file.path)).mode & 0o777;
      if (process.platform !== 'win32' && (mode & ~file.maxMode) !== 0) findings.push({ path: file.path, problem: 'mode', mode });
    } catch {
      findings.push({ path: file.path, problem: 'missing' });
    }
  }
  return findings;
}

/** What the card service reports of its readers: a snapshot, and events as it changes. */
export interface ReaderReports {
  snapshot(): ReaderSnapshot;
  on(name: 'event', listener: (event: ReaderEvent) => void): unknown;
  off(name: 'event', listener: (event: ReaderEvent) => void): unknown;
}

/**
 * Whether the card service reports the configured reader, waiting up to `waitMs` for it: at
 * start-up the card service process is still connecting to pcscd when the self-test begins,
 * and a reader not there yet is not a missing reader.
 */
export function readerPresent(port: ReaderReports, reader: string, waitMs: number): Promise<boolean> {
  const present = (): boolean => {
    const snapshot = port.snapshot();
    return snapshot.serviceAvailable && snapshot.readers.some((candidate) => candidate.name === reader);
  };
  if (present()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (found: boolean): void => {
      clearTimeout(timer);
      port.off('event', onEvent);
      resolve(found);
    };
    const onEvent = (): void => {
      if (present()) done(true);
    };
    const timer = setTimeout(() => done(present()), waitMs);
    timer.unref();
    port.on('event', onEvent);
  });
}
