// The verdict on a card from what was read from it: whether the kiosk can use it, and if not,
// the one reason an operator acts on, in the order the kiosk itself checks a card (a card that
// is no My Number card is that before its certificate matters, an expired certificate before
// the PIN). Pure: the reading is done by card-status.ts.
import type { TokenInfo } from '../jpki/jpki-session.ts';
import type { JpkiError, JpkiResult } from '../jpki/jpki-error.ts';
import type { RevocationStatus } from '../pki/check-revocation.ts';
import type { DescribedCertificate } from '../pki/describe-certificate.ts';

export const VERDICTS = [
  'ok',
  'no-card',
  'in-use',
  'card-not-responding',
  'not-jpki-card',
  'not-my-number-card',
  'smartphone-token',
  'certificate-too-large',
  'unreadable',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-revoked',
  'pin-blocked',
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** 'not-checked': no CRL was given. */
export type Revocation = RevocationStatus | 'not-checked';

export interface Judgement {
  readonly verdict: Verdict;
  /** One line for the operator: protocol facts and dates, never personal data. */
  readonly explanation: string;
}

/** What was read from a card that answered the connection, in the order it was read. */
export interface CardReading {
  readonly application: JpkiResult<void>;
  readonly token?: JpkiResult<TokenInfo>;
  readonly certificate?: JpkiResult<Uint8Array>;
  /** Facts of the certificate read; not ok when it does not parse. */
  readonly facts?: DescribedCertificate;
  readonly revocation: Revocation;
  readonly pinTries?: JpkiResult<number>;
  /** The instruction byte of a command the card did not answer in time (nothing was sent after it). */
  readonly unanswered?: number;
}

const INSTRUCTIONS: Readonly<Record<number, string>> = { 0xa4: 'SELECT', 0xb0: 'READ BINARY', 0x20: 'VERIFY' };

export const describeError = (error: JpkiError): string => {
  switch (error.kind) {
    case 'malformed-response':
    case 'unexpected-status':
      return `${error.kind}: ${error.detail}`;
    case 'certificate-too-large':
      return `${error.kind}: the DER header claims ${String(error.claimedBytes)} bytes`;
    case 'too-many-reads':
      return `${error.kind}: still short after ${String(error.reads)} READ BINARY`;
    case 'wrong-pin':
      return `${error.kind}: ${String(error.triesLeft)} tries left`;
    default:
      return error.kind;
  }
};

const unreadable = (what: string, error: JpkiError): Judgement => ({
  verdict: 'unreadable',
  explanation: `${what} could not be read (${describeError(error)})`,
});

const REVOCATION_NOTE: Readonly<Record<Revocation, string>> = {
  good: 'not revoked (a current CRL of its issuer)',
  revoked: 'revoked',
  unknown: 'revocation unknown: no CRL given is current and signed by the issuer of the certificate',
  'not-checked': 'revocation not checked (no CRL given)',
};

export function judgeCard(reading: CardReading, options: { readonly now: Date; readonly commandTimeoutMs: number }): Judgement {
  if (reading.unanswered !== undefined) {
    const command = INSTRUCTIONS[reading.unanswered] ?? `instruction ${reading.unanswered.toString(16).padStart(2, '0').toUpperCase()}`;
    return {
      verdict: 'card-not-responding',
      explanation: `the card did not answer ${command} within ${String(options.commandTimeoutMs)} ms`,
    };
  }
  const { application, token, certificate, facts, pinTries } = reading;
  if (!application.ok) {
    return application.error.kind === 'not-my-number-card'
      ? { verdict: 'not-jpki-card', explanation: 'no JPKI AP: not a My Number card' }
      : unreadable('the JPKI AP', application.error);
  }
  if (token && !token.ok) return unreadable('the token info (EF 0006)', token.error);
  if (token?.value.kind === 'android-smartphone' || token?.value.kind === 'iphone') {
    return { verdict: 'smartphone-token', explanation: `token ${token.value.label}: the certificate of a smartphone, not a card` };
  }
  if (token && token.value.kind !== 'my-number-card') {
    return {
      verdict: 'not-my-number-card',
      explanation: `token ${token.value.label || '(empty)'} (${token.value.kind}): not a My Number card`,
    };
  }
  if (certificate && !certificate.ok) {
    return certificate.error.kind === 'certificate-too-large'
      ? {
          verdict: 'certificate-too-large',
          explanation: `the DER header of the user-auth certificate claims ${String(certificate.error.claimedBytes)} bytes, more than any real certificate: nothing more was read`,
        }
      : unreadable('the user-auth certificate', certificate.error);
  }
  if (facts && !facts.ok) return { verdict: 'unreadable', explanation: 'the user-auth certificate does not parse' };
  if (facts?.ok) {
    const { notBefore, notAfter, serialNumber } = facts.value;
    if (options.now >= notAfter) {
      return { verdict: 'certificate-expired', explanation: `the user-auth certificate expired at ${notAfter.toISOString()}` };
    }
    if (options.now < notBefore) {
      return {
        verdict: 'certificate-not-yet-valid',
        explanation: `the user-auth certificate is valid only from ${notBefore.toISOString()}`,
      };
    }
    if (reading.revocation === 'revoked') {
      return {
        verdict: 'certificate-revoked',
        explanation: `the user-auth certificate (serial ${serialNumber}) is listed in a CRL of its issuer`,
      };
    }
  }
  if (pinTries && !pinTries.ok) return unreadable('the PIN status', pinTries.error);
  if (pinTries?.value === 0)
    return { verdict: 'pin-blocked', explanation: 'the PIN is blocked (0 tries left): it is reset at the 市区町村窓口' };
  const tries = pinTries ? `${String(pinTries.value)} PIN ${pinTries.value === 1 ? 'try' : 'tries'} left; ` : '';
  return { verdict: 'ok', explanation: `usable: ${tries}${REVOCATION_NOTE[reading.revocation]}` };
}
