// What a reader and its card look like, for the operator: a verdict (can the kiosk use this
// card, and if not, why), then the facts: reader and card state, whether the JPKI AP answers,
// the token, the user-auth certificate and its revocation when CRLs are given, and the PIN
// tries left. Spends no PIN try, asks for no PIN, and connects shared so it never disturbs a
// session (a card held by the kiosk is reported in use and left alone). Every call into a card
// has a deadline: a card that does not answer is reported, not waited for.
import { z } from 'zod';
import { toHex } from '../apdu/hex.ts';
import type { JpkiResult } from '../jpki/jpki-error.ts';
import { JpkiSession, type TokenInfo } from '../jpki/jpki-session.ts';
import { revocationStatusOf } from '../pki/check-revocation.ts';
import { describeCertificate } from '../pki/describe-certificate.ts';
import type { ReaderSnapshot, ReaderState } from '../reader/reader-events.ts';
import type { ReaderPort } from '../reader/reader-port.ts';
import { withCommandDeadlines, withinDeadline, type DeadlineConnection } from '../reader/command-deadline.ts';
import { describeError, judgeCard, VERDICTS, type CardReading, type Judgement, type Revocation } from './card-verdict.ts';

export const ReaderReportSchema = z.object({
  reader: z.string(),
  card: z.enum(['present', 'empty', 'mute']),
  atr: z.string().optional(),
  verdict: z.enum(VERDICTS),
  explanation: z.string(),
  /** yes / no (not a My Number card) / in-use (held by a session) / error */
  jpkiApplication: z.enum(['yes', 'no', 'in-use', 'error']).optional(),
  tokenLabel: z.string().optional(),
  tokenKind: z.string().optional(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      serialNumber: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      sha256Fingerprint: z.string(),
    })
    .optional(),
  revocation: z.enum(['good', 'revoked', 'unknown', 'not-checked']).optional(),
  pinTriesLeft: z.number().int().optional(),
  /** Protocol-level details of what could not be read. */
  problem: z.string().optional(),
});
export type ReaderReport = z.infer<typeof ReaderReportSchema>;

export const StatusReportSchema = z.object({
  serviceAvailable: z.boolean(),
  detail: z.string(),
  readers: z.array(ReaderReportSchema),
});
export type StatusReport = z.infer<typeof StatusReportSchema>;

export interface InspectOptions {
  /** Longest wait for the card to answer one command (and for a connection). */
  readonly commandTimeoutMs: number;
  /** DER CRLs; with none, revocation is not checked. */
  readonly crls?: readonly Uint8Array[];
  /** DER CA certificates that may have issued the card's certificate; without any, the card's own (EF 000B). */
  readonly cas?: readonly Uint8Array[];
  /** When validity and revocation are judged; now by default. */
  readonly now?: Date;
}

type Context = Required<InspectOptions>;

type Base = Pick<ReaderReport, 'reader' | 'card' | 'atr'>;

const judged = (base: Base, judgement: Judgement, extra: Partial<ReaderReport> = {}): ReaderReport => ({ ...base, ...judgement, ...extra });

async function inspectCard(port: ReaderPort, state: ReaderState, options: Context): Promise<ReaderReport> {
  const base: Base = { reader: state.name, card: state.card, ...(state.atr ? { atr: state.atr } : {}) };
  if (state.card === 'empty') return judged(base, { verdict: 'no-card', explanation: 'no card in the reader' });
  if (state.card === 'mute')
    return judged(base, { verdict: 'card-not-responding', explanation: 'the card gave no ATR (pcscd reports it mute)' });
  const timeoutMs = options.commandTimeoutMs;
  const connecting = port.connect(state.name, { exclusive: false });
  const answered = await withinDeadline(connecting, timeoutMs);
  if (!answered.ok) {
    // Should the connection come after all, it is not left open.
    void connecting.then((late) => (late.ok ? late.value.disconnect('leave') : undefined));
    return judged(base, {
      verdict: 'card-not-responding',
      explanation: `the reader did not connect to the card within ${String(timeoutMs)} ms`,
    });
  }
  const connected = answered.value;
  if (!connected.ok) {
    if (connected.error === 'in-use') {
      return judged(
        base,
        { verdict: 'in-use', explanation: 'held by another application (a customer session?): not touched' },
        { jpkiApplication: 'in-use' },
      );
    }
    if (connected.error === 'no-card' || connected.error === 'card-removed') {
      return judged(base, { verdict: 'no-card', explanation: 'the card left the reader' });
    }
    return judged(
      base,
      { verdict: 'unreadable', explanation: `could not connect (${connected.error})` },
      { jpkiApplication: 'error', problem: connected.error },
    );
  }
  // The report does not wait on a disconnect stuck behind a command that never came back.
  const connection = withCommandDeadlines(connected.value, { commandMs: timeoutMs, disconnectMs: 200 });
  try {
    const reading = await readCard(connection, options);
    return report(base, reading, options);
  } finally {
    await connection.disconnect('leave');
  }
}

/** Reads in the order the kiosk does, stopping at a card without the JPKI AP or one that went mute. */
async function readCard(connection: DeadlineConnection, options: Context): Promise<CardReading> {
  const { crls } = options;
  const jpki = new JpkiSession(connection);
  const stalled = (): boolean => connection.unanswered !== undefined;
  const stalledOn = (): { unanswered?: number } => (connection.unanswered === undefined ? {} : { unanswered: connection.unanswered });
  const application = await jpki.selectApplication();
  if (!application.ok || stalled()) return { application, revocation: 'not-checked', ...stalledOn() };
  const token = printable(await jpki.readTokenInfo());
  const certificate = stalled() ? undefined : await jpki.readAuthCertificate();
  const facts = certificate?.ok ? describeCertificate(certificate.value) : undefined;
  let revocation: Revocation = 'not-checked';
  if (certificate?.ok && crls.length > 0 && !stalled()) {
    revocation = await revocationStatusOf(certificate.value, await issuingCas(jpki, options.cas), crls, options.now);
  }
  const pinTries = stalled() ? undefined : await jpki.pinTriesLeft();
  return {
    application,
    token,
    ...(certificate ? { certificate } : {}),
    ...(facts ? { facts } : {}),
    revocation,
    ...(pinTries ? { pinTries } : {}),
    ...stalledOn(),
  };
}

/** The CA certificates given, else the one the card carries (the CRL must verify against its key either way). */
async function issuingCas(jpki: JpkiSession, given: readonly Uint8Array[]): Promise<readonly Uint8Array[]> {
  if (given.length > 0) return given;
  const onCard = await jpki.readAuthCaCertificate();
  return onCard.ok ? [onCard.value] : [];
}

/** The label comes from the card: only printable ASCII reaches a terminal or a screen. */
function printable(token: JpkiResult<TokenInfo>): JpkiResult<TokenInfo> {
  return token.ok ? { ok: true, value: { ...token.value, label: token.value.label.replace(/[^\x20-\x7e]/g, '?') } } : token;
}

function report(base: Base, reading: CardReading, options: Context): ReaderReport {
  const judgement = judgeCard(reading, options);
  const { application, token, certificate, facts, pinTries } = reading;
  // A card without the JPKI AP has no problem to detail: the verdict says it all.
  const problems = [application, token, certificate, pinTries].flatMap((result) =>
    result && !result.ok && result.error.kind !== 'not-my-number-card' ? [describeError(result.error)] : [],
  );
  if (facts && !facts.ok) problems.push('the user-auth certificate does not parse');
  const stalled = reading.unanswered !== undefined;
  const jpkiApplication = application.ok ? 'yes' : application.error.kind === 'not-my-number-card' ? 'no' : 'error';
  return judged(base, judgement, {
    ...(application.ok || !stalled ? { jpkiApplication } : {}),
    ...(token?.ok ? { tokenLabel: token.value.label, tokenKind: token.value.kind } : {}),
    ...(facts?.ok
      ? {
          certificate: {
            subject: facts.value.subject,
            issuer: facts.value.issuer,
            serialNumber: facts.value.serialNumber,
            notBefore: facts.value.notBefore.toISOString(),
            notAfter: facts.value.notAfter.toISOString(),
            sha256Fingerprint: facts.value.sha256Fingerprint,
          },
          revocation: reading.revocation,
        }
      : {}),
    ...(pinTries?.ok ? { pinTriesLeft: pinTries.value } : {}),
    ...(problems.length > 0 && !stalled ? { problem: problems.join('; ') } : {}),
  });
}

export async function inspectReaders(port: ReaderPort, snapshot: ReaderSnapshot, options: InspectOptions): Promise<StatusReport> {
  const context: Context = { crls: [], cas: [], now: new Date(), ...options };
  const readers: ReaderReport[] = [];
  for (const state of snapshot.readers) readers.push(await inspectCard(port, state, context));
  return { serviceAvailable: snapshot.serviceAvailable, detail: snapshot.detail, readers };
}

/** The report as text; `service` names what the readers are reached through. */
export function formatStatusReport(report: StatusReport, service = 'PC/SC service'): string {
  const lines = [`${service}: ${report.serviceAvailable ? 'available' : 'NOT AVAILABLE'} (${report.detail})`];
  if (report.readers.length === 0) lines.push('No card readers.');
  for (const reader of report.readers) {
    lines.push('', `Reader: ${reader.reader}`);
    const field = (label: string, value: string | number | undefined): void => {
      if (value !== undefined) lines.push(`  ${label.padEnd(16)} ${value}`);
    };
    field('verdict:', `${reader.verdict}: ${reader.explanation}`);
    field('card:', reader.card);
    field('ATR:', reader.atr && toHex(Uint8Array.from(Buffer.from(reader.atr, 'hex'))));
    field('JPKI AP:', reader.jpkiApplication);
    field('token:', reader.tokenLabel && `${reader.tokenLabel} (${reader.tokenKind ?? 'unknown'})`);
    field('subject:', reader.certificate?.subject);
    field('issuer:', reader.certificate?.issuer);
    field('serial number:', reader.certificate?.serialNumber);
    field('valid from:', reader.certificate?.notBefore);
    field('valid until:', reader.certificate?.notAfter);
    field('SHA-256:', reader.certificate?.sha256Fingerprint);
    field('revocation:', reader.revocation);
    field('PIN tries left:', reader.pinTriesLeft);
    field('problem:', reader.problem);
  }
  return `${lines.join('\n')}\n`;
}
