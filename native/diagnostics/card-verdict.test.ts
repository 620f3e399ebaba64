// The order of verdicts where a card has more than one thing wrong, and the cards no profile
// of the emulator stands for.
import { describe, expect, it } from 'vitest';
import type { CertificateFacts } from '../pki/describe-certificate.ts';
import { judgeCard, type CardReading } from './card-verdict.ts';

const now = new Date('2026-06-01T00:00:00Z');
const facts = (notBefore: string, notAfter: string): NonNullable<CardReading['facts']> => ({
  ok: true,
  value: { notBefore: new Date(notBefore), notAfter: new Date(notAfter), serialNumber: '0A' } as CertificateFacts,
});
const reading = (overrides: Partial<CardReading>): CardReading => ({
  application: { ok: true, value: undefined },
  token: { ok: true, value: { label: 'JPKIAPICCTOKEN2', kind: 'my-number-card' } },
  certificate: { ok: true, value: new Uint8Array(1) },
  facts: facts('2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z'),
  revocation: 'not-checked',
  pinTries: { ok: true, value: 3 },
  ...overrides,
});
const judge = (overrides: Partial<CardReading>): string => judgeCard(reading(overrides), { now, commandTimeoutMs: 5000 }).verdict;

describe('judgeCard', () => {
  it('puts an expired certificate before a blocked PIN, as the kiosk checks it first', () => {
    expect(judge({ facts: facts('2020-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), pinTries: { ok: true, value: 0 } })).toBe(
      'certificate-expired',
    );
    expect(judge({ pinTries: { ok: true, value: 0 } })).toBe('pin-blocked');
  });

  it('puts revocation before a blocked PIN, and a card that went mute before everything', () => {
    expect(judge({ revocation: 'revoked', pinTries: { ok: true, value: 0 } })).toBe('certificate-revoked');
    expect(judge({ revocation: 'revoked', unanswered: 0xb0 })).toBe('card-not-responding');
  });

  it('names an old 住基カード token as not a My Number card', () => {
    expect(
      judgeCard(reading({ token: { ok: true, value: { label: 'JPKIAPICCTOKEN', kind: 'juki-card' } } }), { now, commandTimeoutMs: 5000 }),
    ).toEqual({
      verdict: 'not-my-number-card',
      explanation: 'token JPKIAPICCTOKEN (juki-card): not a My Number card',
    });
  });

  it('calls a card that answered in too many short chunks unreadable', () => {
    expect(
      judgeCard(reading({ certificate: { ok: false, error: { kind: 'too-many-reads', reads: 32 } } }), { now, commandTimeoutMs: 5000 }),
    ).toEqual({
      verdict: 'unreadable',
      explanation: 'the user-auth certificate could not be read (too-many-reads: still short after 32 READ BINARY)',
    });
  });
});
