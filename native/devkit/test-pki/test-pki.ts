// A TEST hierarchy shaped like JPKI's: a root, a 利用者証明用 CA and a 署名用 CA, one user
// certificate of each kind per emulated card, and a CRL. Names say JPKI-TEST and NOT FOR
// PRODUCTION; the keys are the committed test keys. All dates hang off the first day of the
// current UTC month, so two processes on the same day build byte-identical DER and the
// certificates never time-bomb.
import type { KeyObject } from 'node:crypto';
import type { NameAttribute } from '../../pki/distinguished-name.ts';
import { issueCertificate, type CertificateProfile } from './issue-certificate.ts';
import { issueCrl } from './issue-crl.ts';
import { OID } from '../../pki/oids.ts';
import { testKey } from './test-keys.ts';
import { AUTH_CERTIFICATE_NAMES, type AuthCertificateName } from './test-pki-names.ts';

export { AUTH_CERTIFICATE_NAMES, type AuthCertificateName } from './test-pki-names.ts';

export interface IssuedCertificate {
  /** DER. */
  readonly certificate: Uint8Array;
  /** RSA-2048 private key of the certificate (the card's key). */
  readonly privateKey: KeyObject;
}

export interface TestPki {
  /** Self-signed test root, the trust anchor. */
  readonly root: Uint8Array;
  /** 利用者証明用 issuing CA: the content of card EF 000B. */
  readonly authCa: Uint8Array;
  /** 署名用 issuing CA: card EF 0002. */
  readonly signCa: Uint8Array;
  /** 利用者証明用 user certificates: card EF 000A. */
  readonly auth: Readonly<Record<AuthCertificateName, IssuedCertificate>>;
  /** 署名用 user certificates: card EF 0001, all with the one sign-user key. */
  readonly sign: Readonly<Record<AuthCertificateName, IssuedCertificate>>;
  /** CRL of authCa listing the 'revoked' 利用者証明用 certificate. */
  readonly crl: Uint8Array;
}

const TEST_AGENCY = 'TEST Agency (NOT FOR PRODUCTION)';
const ROOT_NAME: NameAttribute[] = [
  { type: 'C', value: 'JP' },
  { type: 'O', value: 'JPKI-TEST' },
  { type: 'OU', value: 'TEST ROOT CA (NOT FOR PRODUCTION)' },
];
const AUTH_CA_NAME: NameAttribute[] = [
  { type: 'C', value: 'JP' },
  { type: 'O', value: 'JPKI-TEST' },
  { type: 'OU', value: 'JPKI-TEST for user authentication' },
  { type: 'OU', value: TEST_AGENCY },
];
const SIGN_CA_NAME: NameAttribute[] = [
  { type: 'C', value: 'JP' },
  { type: 'O', value: 'JPKI-TEST' },
  { type: 'OU', value: 'JPKI-TEST for digital signature' },
  { type: 'OU', value: TEST_AGENCY },
];
const CA_SERIALS = { root: '5A3C0001', authCa: '5A3C0002', signCa: '5A3C0003' } as const;

interface Card {
  /** The 利用者証明用 subject CN: random-looking, no personal data (as in production). */
  readonly authCn: string;
  readonly authSerial: string;
  /** The 署名用 subject CN: a fake name, clearly marked TEST. */
  readonly signCn: string;
  readonly signSerial: string;
}

const CARDS: Readonly<Record<AuthCertificateName, Card>> = {
  default: {
    authCn: 'MX5EBG3CTDI26ZVATRTVRNK',
    authSerial: '1485635BF11247B8',
    signCn: 'テスト 花子 (TEST)',
    signSerial: '7F37474B81DF96A6',
  },
  'one-try-left': {
    authCn: 'FJITEA1FT3DIR2E0LVJGIV5',
    authSerial: '5C10B01E82A2B763',
    signCn: 'テスト 太郎 (TEST)',
    signSerial: '1D6985BE5D10389A',
  },
  'pin-blocked': {
    authCn: '4ES85AO8TY5T5KCJPED2OJJ',
    authSerial: '3270CC46F156130E',
    signCn: 'テスト 一郎 (TEST)',
    signSerial: '1C1550DE770AB2BE',
  },
  expired: {
    authCn: 'JKAF6F7S2MKGK53QGD6WKA6',
    authSerial: '1EB94F32BB49194F',
    signCn: 'テスト 桜 (TEST)',
    signSerial: '1DC686D3EF6906B1',
  },
  revoked: {
    authCn: 'QFR0I2WL2W7XI06VTWH0GXL',
    authSerial: '1AF0E81BB8B54226',
    signCn: 'テスト 次郎 (TEST)',
    signSerial: '3ECD7037E8E4C545',
  },
  'not-yet-valid': {
    authCn: 'X2YKMW8YO6OSOJU2ZR6M5B7',
    authSerial: '311ADA26C12CAC7B',
    signCn: 'テスト 美咲 (TEST)',
    signSerial: '37AA56890F2A37F6',
  },
  smartphone: {
    authCn: '1TYPQXSSD2CJJTND5A2VWLK',
    authSerial: '75E799A850C5C320',
    signCn: 'テスト 健太 (TEST)',
    signSerial: '58F426315017AF50',
  },
  slow: { authCn: 'SZORRRSRD88RYGB829NLZ60', authSerial: '72257EF5F863FAF8', signCn: 'テスト 結衣 (TEST)', signSerial: '5821299F071299B3' },
};

/** The first instant of `now`'s UTC month: every date of the test PKI is relative to it. */
export function testPkiAnchor(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

interface Offset {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

function shift(anchor: Date, { years = 0, months = 0, days = 0 }: Offset): Date {
  return new Date(Date.UTC(anchor.getUTCFullYear() + years, anchor.getUTCMonth() + months, anchor.getUTCDate() + days));
}

function userValidity(name: AuthCertificateName, anchor: Date): { notBefore: Date; notAfter: Date } {
  switch (name) {
    case 'expired':
      return { notBefore: shift(anchor, { years: -5, months: -1 }), notAfter: shift(anchor, { days: -1 }) };
    case 'not-yet-valid':
      return { notBefore: shift(anchor, { months: 2 }), notAfter: shift(anchor, { years: 5, months: 2 }) };
    default:
      // Five years, as the real certificate (to the 5th birthday after issuance).
      return { notBefore: shift(anchor, { years: -1 }), notAfter: shift(anchor, { years: 4 }) };
  }
}

const built = new Map<number, Promise<TestPki>>();

/**
 * Builds (once per anchor month) and returns the test PKI. Each call gets its own copies of
 * the DER, so a test that tampers with a certificate cannot affect another.
 */
export async function loadTestPki(now: Date = new Date()): Promise<TestPki> {
  const anchor = testPkiAnchor(now);
  let pki = built.get(anchor.getTime());
  if (!pki) {
    pki = build(anchor);
    built.set(anchor.getTime(), pki);
    pki.catch(() => built.delete(anchor.getTime()));
  }
  return copy(await pki);
}

async function build(anchor: Date): Promise<TestPki> {
  const caValidity = { notBefore: shift(anchor, { years: -10 }), notAfter: shift(anchor, { years: 15 }) };
  const root = await issueCertificate({
    serialNumber: CA_SERIALS.root,
    subject: ROOT_NAME,
    notBefore: shift(anchor, { years: -10 }),
    notAfter: shift(anchor, { years: 20 }),
    subjectKey: testKey('root'),
    profile: { kind: 'ca' },
    issuer: 'self',
  });
  const rootIssuer = { certificate: root, privateKey: testKey('root') };
  const [authCa, signCa] = await Promise.all([
    issueCertificate({
      serialNumber: CA_SERIALS.authCa,
      subject: AUTH_CA_NAME,
      ...caValidity,
      subjectKey: testKey('auth-ca'),
      profile: { kind: 'ca', pathLength: 0 },
      issuer: rootIssuer,
    }),
    issueCertificate({
      serialNumber: CA_SERIALS.signCa,
      subject: SIGN_CA_NAME,
      ...caValidity,
      subjectKey: testKey('sign-ca'),
      profile: { kind: 'ca', pathLength: 0 },
      issuer: rootIssuer,
    }),
  ]);
  const authIssuer = { certificate: authCa, privateKey: testKey('auth-ca') };
  const signIssuer = { certificate: signCa, privateKey: testKey('sign-ca') };
  const authProfile: CertificateProfile = { kind: 'user', policy: OID.jpkiAuthenticationPolicy, nonRepudiation: false };
  const signProfile: CertificateProfile = { kind: 'user', policy: OID.jpkiSignaturePolicy, nonRepudiation: true };

  const [auth, sign, crl] = await Promise.all([
    issueAll(async (name) => {
      const privateKey = testKey(name);
      const certificate = await issueCertificate({
        serialNumber: CARDS[name].authSerial,
        subject: [
          { type: 'C', value: 'JP' },
          { type: 'CN', value: CARDS[name].authCn },
        ],
        ...userValidity(name, anchor),
        subjectKey: privateKey,
        profile: authProfile,
        issuer: authIssuer,
      });
      return { certificate, privateKey };
    }),
    issueAll(async (name) => {
      const privateKey = testKey('sign-user');
      const certificate = await issueCertificate({
        serialNumber: CARDS[name].signSerial,
        subject: [
          { type: 'C', value: 'JP' },
          { type: 'CN', value: CARDS[name].signCn },
        ],
        ...userValidity(name, anchor),
        subjectKey: privateKey,
        profile: signProfile,
        issuer: signIssuer,
      });
      return { certificate, privateKey };
    }),
    issueCrl({
      issuer: authIssuer,
      thisUpdate: anchor,
      nextUpdate: shift(anchor, { months: 2 }),
      crlNumber: anchor.getUTCFullYear() * 100 + anchor.getUTCMonth() + 1,
      revoked: [{ serialNumber: CARDS.revoked.authSerial, revocationDate: shift(anchor, { days: -7 }) }],
    }),
  ]);
  return { root, authCa, signCa, auth, sign, crl };
}

async function issueAll(
  issue: (name: AuthCertificateName) => Promise<IssuedCertificate>,
): Promise<Record<AuthCertificateName, IssuedCertificate>> {
  const entries = await Promise.all(AUTH_CERTIFICATE_NAMES.map(async (name) => [name, await issue(name)] as const));
  return Object.fromEntries(entries) as Record<AuthCertificateName, IssuedCertificate>;
}

function copy(pki: TestPki): TestPki {
  const copyIssued = (issued: Readonly<Record<AuthCertificateName, IssuedCertificate>>) =>
    Object.fromEntries(
      AUTH_CERTIFICATE_NAMES.map((name) => [name, { certificate: issued[name].certificate.slice(), privateKey: issued[name].privateKey }]),
    ) as Record<AuthCertificateName, IssuedCertificate>;
  return {
    root: pki.root.slice(),
    authCa: pki.authCa.slice(),
    signCa: pki.signCa.slice(),
    auth: copyIssued(pki.auth),
    sign: copyIssued(pki.sign),
    crl: pki.crl.slice(),
  };
}
