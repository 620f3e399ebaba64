// What a reader and its card look like, for the operator: reader and card state, whether
// the JPKI AP answers, the token, the user-auth certificate's facts and the PIN tries left.
// Spends no PIN try, asks for no PIN, and connects shared so it never disturbs a session
// (a card held by the kiosk is reported as in use).
import { toHex } from '../apdu/hex.ts';
import type { JpkiError } from '../jpki/jpki-error.ts';
import { JpkiSession } from '../jpki/jpki-session.ts';
import { describeCertificate } from '../pki/describe-certificate.ts';
import type { ReaderSnapshot, ReaderState } from '../reader/reader-events.ts';
import type { ReaderPort } from '../reader/reader-port.ts';

export interface CertificateReport {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha256Fingerprint: string;
}

export interface ReaderReport {
  readonly reader: string;
  readonly card: ReaderState['card'];
  readonly atr?: string;
  /** yes / no (not a My Number card) / in-use (held by a session) / error */
  readonly jpkiApplication?: 'yes' | 'no' | 'in-use' | 'error';
  readonly tokenLabel?: string;
  readonly tokenKind?: string;
  readonly certificate?: CertificateReport;
  readonly pinTriesLeft?: number;
  /** A protocol-level explanation when something could not be read. */
  readonly problem?: string;
}

export interface StatusReport {
  readonly serviceAvailable: boolean;
  readonly detail: string;
  readonly readers: readonly ReaderReport[];
}

const describeError = (error: JpkiError): string => ('detail' in error ? `${error.kind}: ${error.detail}` : error.kind);

async function inspectCard(port: ReaderPort, state: ReaderState): Promise<ReaderReport> {
  const base = { reader: state.name, card: state.card, ...(state.atr ? { atr: state.atr } : {}) };
  if (state.card !== 'present') return base;
  const connection = await port.connect(state.name, { exclusive: false });
  if (!connection.ok) return { ...base, jpkiApplication: connection.error === 'in-use' ? 'in-use' : 'error', problem: connection.error };
  try {
    const jpki = new JpkiSession(connection.value);
    const selected = await jpki.selectApplication();
    if (!selected.ok) {
      return selected.error.kind === 'not-my-number-card'
        ? { ...base, jpkiApplication: 'no' }
        : { ...base, jpkiApplication: 'error', problem: describeError(selected.error) };
    }
    const token = await jpki.readTokenInfo();
    const certificate = await jpki.readAuthCertificate();
    const tries = await jpki.pinTriesLeft();
    const facts = certificate.ok ? describeCertificate(certificate.value) : undefined;
    const problems = [token, certificate, tries].flatMap((result) => (result.ok ? [] : [describeError(result.error)]));
    if (facts && !facts.ok) problems.push('the user-auth certificate does not parse');
    return {
      ...base,
      jpkiApplication: 'yes',
      // The label comes from the card: only printable ASCII reaches a terminal or a screen.
      ...(token.ok ? { tokenLabel: token.value.label.replace(/[^\x20-\x7e]/g, '?'), tokenKind: token.value.kind } : {}),
      ...(facts?.ok
        ? {
            certificate: {
              subject: facts.value.subject,
              issuer: facts.value.issuer,
              notBefore: facts.value.notBefore.toISOString(),
              notAfter: facts.value.notAfter.toISOString(),
              sha256Fingerprint: facts.value.sha256Fingerprint,
            },
          }
        : {}),
      ...(tries.ok ? { pinTriesLeft: tries.value } : {}),
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
    };
  } finally {
    await connection.value.disconnect('leave');
  }
}

export async function inspectReaders(port: ReaderPort, snapshot: ReaderSnapshot = port.snapshot()): Promise<StatusReport> {
  const readers: ReaderReport[] = [];
  for (const state of snapshot.readers) readers.push(await inspectCard(port, state));
  return { serviceAvailable: snapshot.serviceAvailable, detail: snapshot.detail, readers };
}

export function formatStatusReport(report: StatusReport): string {
  const lines = [`PC/SC service: ${report.serviceAvailable ? 'available' : 'NOT AVAILABLE'} (${report.detail})`];
  if (report.readers.length === 0) lines.push('No card readers.');
  for (const reader of report.readers) {
    lines.push('', `Reader: ${reader.reader}`, `  card:            ${reader.card}`);
    const field = (label: string, value: string | number | undefined): void => {
      if (value !== undefined) lines.push(`  ${label.padEnd(16)} ${value}`);
    };
    field('ATR:', reader.atr && toHex(Uint8Array.from(Buffer.from(reader.atr, 'hex'))));
    field('JPKI AP:', reader.jpkiApplication);
    field('token:', reader.tokenLabel && `${reader.tokenLabel} (${reader.tokenKind ?? 'unknown'})`);
    field('subject:', reader.certificate?.subject);
    field('issuer:', reader.certificate?.issuer);
    field('valid from:', reader.certificate?.notBefore);
    field('valid until:', reader.certificate?.notAfter);
    field('SHA-256:', reader.certificate?.sha256Fingerprint);
    field('PIN tries left:', reader.pinTriesLeft);
    field('problem:', reader.problem);
  }
  return `${lines.join('\n')}\n`;
}
