import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from './describe-certificate.ts';
import type { NameAttribute } from './distinguished-name.ts';
import { issueCertificate } from '../devkit/test-pki/issue-certificate.ts';
import { issueCrl } from '../devkit/test-pki/issue-crl.ts';
import { OID } from './oids.ts';
import type { Issuer } from '../devkit/test-pki/issuing.ts';
import { testKey } from '../devkit/test-pki/test-keys.ts';
import { AUTH_CERTIFICATE_NAMES, loadTestPki, testPkiAnchor, type AuthCertificateName, type TestPki } from '../devkit/test-pki/test-pki.ts';
import { verifyUserCertificate, type CertificateProblem, type VerifyOptions } from './verify-certificate.ts';

const AUTH_CA_NAME: NameAttribute[] = [
  { type: 'C', value: 'JP' },
  { type: 'O', value: 'JPKI-TEST' },
  { type: 'OU', value: 'JPKI-TEST for user authentication' },
  { type: 'OU', value: 'TEST Agency (NOT FOR PRODUCTION)' },
];
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

let pki: TestPki;
let now: Date;
let options: VerifyOptions;
beforeAll(async () => {
  now = new Date();
  pki = await loadTestPki(now);
  options = { trustAnchors: [pki.root], intermediates: [pki.authCa], crls: [pki.crl], now, requiredPolicy: OID.jpkiAuthenticationPolicy };
});

const newKey = async (): Promise<KeyObject> => (await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })).privateKey;
const rootIssuer = (): Issuer => ({ certificate: pki.root, privateKey: testKey('root') });

interface CaOptions {
  readonly validity?: { readonly notBefore: Date; readonly notAfter: Date };
  readonly subject?: NameAttribute[];
}

/** A CA certificate, by default with the 利用者証明用 CA's DN and valid for a year either side of now. */
async function issueCa(
  issuer: Issuer,
  key: KeyObject,
  serialNumber: string,
  { validity, subject = AUTH_CA_NAME }: CaOptions = {},
): Promise<Issuer> {
  const dates = validity ?? { notBefore: new Date(now.getTime() - YEAR_MS), notAfter: new Date(now.getTime() + YEAR_MS) };
  const certificate = await issueCertificate({ serialNumber, subject, ...dates, subjectKey: key, profile: { kind: 'ca' }, issuer });
  return { certificate, privateKey: key };
}

async function issueUser(issuer: Issuer, serialNumber: string, key: KeyObject = testKey('slow')): Promise<Uint8Array> {
  return issueCertificate({
    serialNumber,
    subject: [
      { type: 'C', value: 'JP' },
      { type: 'CN', value: 'ZZZZTESTSECONDGENERATION' },
    ],
    notBefore: new Date(now.getTime() - YEAR_MS),
    notAfter: new Date(now.getTime() + YEAR_MS),
    subjectKey: key,
    profile: { kind: 'user', policy: OID.jpkiAuthenticationPolicy, nonRepudiation: false },
    issuer,
  });
}

async function currentCrl(issuer: Issuer, revokedSerials: string[] = []): Promise<Uint8Array> {
  const anchor = testPkiAnchor(now);
  return issueCrl({
    issuer,
    thisUpdate: anchor,
    nextUpdate: new Date(anchor.getTime() + 60 * 24 * 60 * 60 * 1000),
    crlNumber: 1,
    revoked: revokedSerials.map((serialNumber) => ({ serialNumber, revocationDate: anchor })),
  });
}

function flipByte(der: Uint8Array, index: number): Uint8Array {
  const copy = der.slice();
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe('each test card verifies exactly as its name says', () => {
  const expected: Record<AuthCertificateName, CertificateProblem | 'ok'> = {
    default: 'ok',
    'one-try-left': 'ok',
    'pin-blocked': 'ok',
    expired: 'expired',
    revoked: 'revoked',
    'not-yet-valid': 'not-yet-valid',
    smartphone: 'ok',
    slow: 'ok',
  };

  it.each(AUTH_CERTIFICATE_NAMES)('%s', async (name) => {
    const der = pki.auth[name].certificate;
    const want = expected[name];
    // A valid certificate comes back with the same facts describeCertificate reads.
    expect(await verifyUserCertificate(der, options)).toEqual(want === 'ok' ? describeCertificate(der) : { ok: false, error: want });
  });
});

describe('revocation', () => {
  it('is unknown without a CRL', async () => {
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, crls: [] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
    expect(await verifyUserCertificate(pki.auth.revoked.certificate, { ...options, crls: [] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
  });

  it('is unknown when the only CRL is past its nextUpdate or before its thisUpdate', async () => {
    const anchor = testPkiAnchor(now);
    const afterNextUpdate = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() + 2, 1));
    const beforeThisUpdate = new Date(anchor.getTime() - 1);
    for (const at of [afterNextUpdate, beforeThisUpdate]) {
      expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, now: at })).toEqual({
        ok: false,
        error: 'revocation-unknown',
      });
    }
  });

  it('ignores a tampered CRL, also for a revoked certificate', async () => {
    const tampered = flipByte(pki.crl, -1);
    expect(await verifyUserCertificate(pki.auth.revoked.certificate, { ...options, crls: [tampered] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, crls: [tampered] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
  });

  it('ignores a CRL signed by another CA', async () => {
    const signCaCrl = await currentCrl({ certificate: pki.signCa, privateKey: testKey('sign-ca') });
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, crls: [signCaCrl] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
  });

  it('ignores garbage among the CRLs', async () => {
    const crls = [new Uint8Array([0x30, 0x82, 0xff]), pki.crl];
    expect(await verifyUserCertificate(pki.auth.revoked.certificate, { ...options, crls })).toEqual({ ok: false, error: 'revoked' });
    expect((await verifyUserCertificate(pki.auth.default.certificate, { ...options, crls })).ok).toBe(true);
  });
});

describe('chains are built by signature, not by name', () => {
  let secondGeneration: Issuer;
  let secondGenerationLeaf: Uint8Array;
  let secondGenerationCrl: Uint8Array;
  beforeAll(async () => {
    secondGeneration = await issueCa(rootIssuer(), await newKey(), '5A3C0102');
    secondGenerationLeaf = await issueUser(secondGeneration, '2B00000000000001');
    secondGenerationCrl = await currentCrl(secondGeneration);
  }, 30_000);

  it('the second generation has the same DN as the first', () => {
    const first = describeCertificate(pki.authCa);
    const second = describeCertificate(secondGeneration.certificate);
    expect(first.ok && second.ok && first.value.subject === second.value.subject).toBe(true);
    const leaf = describeCertificate(secondGenerationLeaf);
    expect(leaf.ok && first.ok && leaf.value.issuer === first.value.subject).toBe(true);
  });

  it('verifies a certificate of the second generation when that CA is offered, in either order', async () => {
    const crls = [pki.crl, secondGenerationCrl];
    for (const intermediates of [
      [pki.authCa, secondGeneration.certificate],
      [secondGeneration.certificate, pki.authCa],
    ]) {
      expect((await verifyUserCertificate(secondGenerationLeaf, { ...options, intermediates, crls })).ok).toBe(true);
    }
    // The first generation still verifies its own certificates alongside.
    const both = { ...options, intermediates: [secondGeneration.certificate, pki.authCa], crls };
    expect((await verifyUserCertificate(pki.auth.default.certificate, both)).ok).toBe(true);
  });

  it('is untrusted when only the same-name CA with the other key is offered', async () => {
    const crls = [pki.crl, secondGenerationCrl];
    expect(await verifyUserCertificate(secondGenerationLeaf, { ...options, intermediates: [pki.authCa], crls })).toEqual({
      ok: false,
      error: 'untrusted',
    });
    expect(
      await verifyUserCertificate(pki.auth.default.certificate, { ...options, intermediates: [secondGeneration.certificate], crls }),
    ).toEqual({
      ok: false,
      error: 'untrusted',
    });
  });

  it('does not use a CRL of the same-name CA with the other key', async () => {
    const intermediates = [pki.authCa, secondGeneration.certificate];
    // The first generation's CRL names the same issuer, and even lists this serial number.
    const firstGenerationCrl = await currentCrl({ certificate: pki.authCa, privateKey: testKey('auth-ca') }, ['2B00000000000001']);
    expect(await verifyUserCertificate(secondGenerationLeaf, { ...options, intermediates, crls: [firstGenerationCrl] })).toEqual({
      ok: false,
      error: 'revocation-unknown',
    });
    expect(
      (await verifyUserCertificate(secondGenerationLeaf, { ...options, intermediates, crls: [firstGenerationCrl, secondGenerationCrl] }))
        .ok,
    ).toBe(true);
  });
});

describe('the path', () => {
  it('is untrusted without the issuing CA, with the wrong CA, or without the root', async () => {
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, intermediates: [] })).toEqual({
      ok: false,
      error: 'untrusted',
    });
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, intermediates: [pki.signCa] })).toEqual({
      ok: false,
      error: 'untrusted',
    });
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, trustAnchors: [] })).toEqual({
      ok: false,
      error: 'untrusted',
    });
    // An intermediate offered as an anchor is not a substitute for the root it should chain to.
    expect(await verifyUserCertificate(pki.auth.default.certificate, { ...options, trustAnchors: [pki.signCa] })).toEqual({
      ok: false,
      error: 'untrusted',
    });
  });

  it('rejects a certificate whose signature or signed content was tampered with', async () => {
    const der = pki.auth.default.certificate;
    expect(await verifyUserCertificate(flipByte(der, -1), options)).toEqual({ ok: false, error: 'untrusted' });
    const cn = Buffer.from(der).indexOf('MX5EBG3CTDI26ZVATRTVRNK');
    expect(cn).toBeGreaterThan(0);
    expect(await verifyUserCertificate(flipByte(der, cn), options)).toEqual({ ok: false, error: 'untrusted' });
    expect(await verifyUserCertificate(flipByte(der, 0), options)).toEqual({ ok: false, error: 'malformed' });
  });

  it('does not let an end-entity certificate act as a CA', async () => {
    const fakeCa: Issuer = pki.auth.default;
    const leaf = await issueUser(fakeCa, '2B00000000000002');
    const crls = [pki.crl, await currentCrl(fakeCa)];
    expect(await verifyUserCertificate(leaf, { ...options, intermediates: [pki.authCa, fakeCa.certificate], crls })).toEqual({
      ok: false,
      error: 'untrusted',
    });
  });

  it('does not let a certificate without basicConstraints act as a CA', async () => {
    const key = await newKey();
    const bare = await issueCertificate({
      serialNumber: '5A3C0601',
      subject: [{ type: 'CN', value: 'TEST NOT A CA (NOT FOR PRODUCTION)' }],
      notBefore: new Date(now.getTime() - YEAR_MS),
      notAfter: new Date(now.getTime() + YEAR_MS),
      subjectKey: key,
      profile: { kind: 'bare' },
      issuer: rootIssuer(),
    });
    const issuer = { certificate: bare, privateKey: key };
    const leaf = await issueUser(issuer, '2B00000000000006');
    expect(await verifyUserCertificate(leaf, { ...options, intermediates: [bare], crls: [await currentCrl(issuer)] })).toEqual({
      ok: false,
      error: 'untrusted',
    });
  }, 30_000);

  it('enforces the issuing CA path length of 0', async () => {
    const authCa: Issuer = { certificate: pki.authCa, privateKey: testKey('auth-ca') };
    // Another DN: a same-DN (self-issued) CA certificate would not count towards the length.
    const subCa = await issueCa(authCa, await newKey(), '5A3C0201', {
      subject: [{ type: 'CN', value: 'TEST SUB CA (NOT FOR PRODUCTION)' }],
    });
    const leaf = await issueUser(subCa, '2B00000000000003');
    const crls = [pki.crl, await currentCrl(subCa)];
    expect(await verifyUserCertificate(leaf, { ...options, intermediates: [pki.authCa, subCa.certificate], crls })).toEqual({
      ok: false,
      error: 'untrusted',
    });
  }, 30_000);

  it('is untrusted when the issuing CA certificate has expired (expired means the user certificate)', async () => {
    const validity = { notBefore: new Date(now.getTime() - 6 * YEAR_MS), notAfter: new Date(now.getTime() - 24 * 60 * 60 * 1000) };
    const expiredCa = await issueCa(rootIssuer(), await newKey(), '5A3C0301', { validity });
    const leaf = await issueUser(expiredCa, '2B00000000000004');
    const crls = [await currentCrl(expiredCa)];
    expect(await verifyUserCertificate(leaf, { ...options, intermediates: [expiredCa.certificate], crls })).toEqual({
      ok: false,
      error: 'untrusted',
    });
  }, 30_000);

  it('accepts four CAs above the certificate, not five', async () => {
    const keys = await Promise.all([newKey(), newKey(), newKey(), newKey()]);
    const chain: Issuer[] = [rootIssuer()];
    for (const [index, key] of keys.entries()) {
      chain.push(
        await issueCa(chain[index] as Issuer, key, `5A3C040${index}`, { subject: [{ type: 'CN', value: `TEST CA ${index + 1}` }] }),
      );
    }
    const intermediates = chain.slice(1).map((ca) => ca.certificate);
    const deepest = async (depth: number) => {
      const issuer = chain[depth] as Issuer;
      const leaf = await issueUser(issuer, `2B0000000000010${depth}`);
      return verifyUserCertificate(leaf, { ...options, intermediates, crls: [await currentCrl(issuer)] });
    };
    expect((await deepest(3)).ok).toBe(true); // leaf ← CA3 ← CA2 ← CA1 ← root
    expect(await deepest(4)).toEqual({ ok: false, error: 'untrusted' }); // one CA more
  }, 30_000);

  it('terminates on CAs that certify each other', async () => {
    const [keyA, keyB] = await Promise.all([newKey(), newKey()]);
    const selfB = await issueCertificate({
      serialNumber: '5A3C0501',
      subject: [{ type: 'CN', value: 'LOOP B' }],
      notBefore: new Date(now.getTime() - YEAR_MS),
      notAfter: new Date(now.getTime() + YEAR_MS),
      subjectKey: keyB,
      profile: { kind: 'ca' },
      issuer: 'self',
    });
    const caA = await issueCa({ certificate: selfB, privateKey: keyB }, keyA, '5A3C0502');
    const caB = await issueCa(caA, keyB, '5A3C0503');
    const leaf = await issueUser(caA, '2B00000000000005');
    const result = await verifyUserCertificate(leaf, {
      ...options,
      intermediates: [caA.certificate, caB.certificate, selfB],
      crls: [await currentCrl(caA)],
    });
    expect(result).toEqual({ ok: false, error: 'untrusted' });
  }, 30_000);
});

describe('profile and input', () => {
  it('rejects a 署名用 certificate where the 利用者証明用 policy is required', async () => {
    const signOptions = {
      ...options,
      intermediates: [pki.signCa],
      crls: [await currentCrl({ certificate: pki.signCa, privateKey: testKey('sign-ca') })],
    };
    expect(await verifyUserCertificate(pki.sign.default.certificate, signOptions)).toEqual({ ok: false, error: 'wrong-profile' });
    expect(
      (await verifyUserCertificate(pki.sign.default.certificate, { ...signOptions, requiredPolicy: OID.jpkiSignaturePolicy })).ok,
    ).toBe(true);
  });

  it('rejects a CA certificate presented as a user certificate', async () => {
    expect(
      await verifyUserCertificate(pki.authCa, {
        trustAnchors: options.trustAnchors,
        intermediates: options.intermediates,
        crls: options.crls,
        now,
      }),
    ).toEqual({
      ok: false,
      error: 'wrong-profile',
    });
  });

  it('reports garbage as malformed and never throws', async () => {
    const inputs = [
      new Uint8Array(0),
      new Uint8Array(256).fill(0xff),
      pki.auth.default.certificate.subarray(0, 500),
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01),
    ];
    for (const input of inputs) expect(await verifyUserCertificate(input, options)).toEqual({ ok: false, error: 'malformed' });
  });
});
