import { execFileSync } from 'node:child_process';
import { createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate, type CertificateFacts } from '../../pki/describe-certificate.ts';
import { OID } from '../../pki/oids.ts';
import { AUTH_CERTIFICATE_NAMES, loadTestPki, testPkiAnchor, type AuthCertificateName, type TestPki } from './test-pki.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

function facts(der: Uint8Array): CertificateFacts {
  const described = describeCertificate(der);
  if (!described.ok) throw new Error('test certificate does not describe');
  return described.value;
}

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365.25 * DAY;
/** Every DER object of a test PKI, as hex, for comparing two builds. */
function hex(of: TestPki): string[] {
  const certificates = AUTH_CERTIFICATE_NAMES.flatMap((name) => [of.auth[name].certificate, of.sign[name].certificate]);
  return [of.root, of.authCa, of.signCa, of.crl, ...certificates].map((der) => Buffer.from(der).toString('hex'));
}

describe('the 利用者証明用 certificates follow the JPKI profile', () => {
  it.each(AUTH_CERTIFICATE_NAMES)('%s', (name) => {
    const { certificate, privateKey } = pki.auth[name];
    const described = facts(certificate);
    expect(described.subject).toMatch(/^C=JP, CN=[0-9A-Z]{23}$/);
    expect(described.publicKeyAlgorithm).toBe('RSA');
    expect(described.keyBits).toBe(2048);
    expect(new X509Certificate(certificate).publicKey.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(described.policies).toContain(OID.jpkiAuthenticationPolicy);
    expect(described.issuer).toBe(facts(pki.authCa).subject);
    expect(described.issuer).toContain('JPKI-TEST');
    expect(described.issuer).not.toContain('Japan Agency');
    expect(described.issuer).not.toMatch(/O=JPKI(,|$)/);
    const years = (described.notAfter.getTime() - described.notBefore.getTime()) / YEAR;
    expect(years).toBeGreaterThan(4.99);
    expect(years).toBeLessThan(5.1);
    // The private key is the one the certificate certifies.
    const message = Buffer.from('proof of possession');
    expect(verify('sha256', message, new X509Certificate(certificate).publicKey, sign('sha256', message, privateKey))).toBe(true);
  });

  it('gives every card its own CN, serial number and key', () => {
    const all = AUTH_CERTIFICATE_NAMES.map((name) => facts(pki.auth[name].certificate));
    expect(new Set(all.map((one) => one.subject)).size).toBe(AUTH_CERTIFICATE_NAMES.length);
    expect(new Set(all.map((one) => one.serialNumber)).size).toBe(AUTH_CERTIFICATE_NAMES.length);
    const keys = AUTH_CERTIFICATE_NAMES.map((name) =>
      createPublicKey(pki.auth[name].privateKey).export({ type: 'spki', format: 'der' }).toString('hex'),
    );
    expect(new Set(keys).size).toBe(AUTH_CERTIFICATE_NAMES.length);
  });

  it('dates the special cards relative to the anchor month', () => {
    const now = new Date();
    const anchor = testPkiAnchor(now);
    expect(anchor.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(anchor.toISOString()).toMatch(/-01T00:00:00\.000Z$/);
    expect(facts(pki.auth.expired.certificate).notAfter.getTime()).toBe(anchor.getTime() - DAY);
    expect(facts(pki.auth['not-yet-valid'].certificate).notBefore.getTime()).toBeGreaterThan(now.getTime());
    const valid = facts(pki.auth.default.certificate);
    expect(valid.notBefore.getTime()).toBeLessThan(now.getTime());
    expect(valid.notAfter.getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('the 署名用 certificates', () => {
  it.each(AUTH_CERTIFICATE_NAMES)(
    '%s: a fake TEST name, the signature policy, the 署名用 CA and the shared key',
    (name: AuthCertificateName) => {
      const described = facts(pki.sign[name].certificate);
      expect(described.subject).toMatch(/^C=JP, CN=テスト .+ \(TEST\)$/);
      expect(described.policies).toEqual([OID.jpkiSignaturePolicy]);
      expect(described.issuer).toBe(facts(pki.signCa).subject);
      expect(
        new X509Certificate(pki.sign[name].certificate).publicKey.equals(new X509Certificate(pki.sign.default.certificate).publicKey),
      ).toBe(true);
      expect(described.notAfter.getTime() - described.notBefore.getTime()).toBe(
        facts(pki.auth[name].certificate).notAfter.getTime() - facts(pki.auth[name].certificate).notBefore.getTime(),
      );
    },
  );
});

describe('the CAs', () => {
  it('chain to the self-signed test root and never use production names', () => {
    const root = new X509Certificate(pki.root);
    const authCa = new X509Certificate(pki.authCa);
    const signCa = new X509Certificate(pki.signCa);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(authCa.verify(root.publicKey)).toBe(true);
    expect(signCa.verify(root.publicKey)).toBe(true);
    expect(root.ca && authCa.ca && signCa.ca).toBe(true);
    expect(new X509Certificate(pki.auth.default.certificate).checkIssued(authCa)).toBe(true);
    for (const der of [pki.root, pki.authCa, pki.signCa, pki.crl]) {
      const text = Buffer.from(der).toString('latin1');
      expect(text).toContain('JPKI-TEST');
      expect(text).toContain('NOT FOR PRODUCTION');
      expect(text).not.toContain('Japan Agency');
    }
    expect(facts(pki.authCa).subject).toContain('OU=JPKI-TEST for user authentication');
    expect(facts(pki.signCa).subject).toContain('OU=JPKI-TEST for digital signature');
  });
});

describe('loadTestPki', () => {
  it('builds byte-identical DER in another process for the same month', async () => {
    const now = new Date();
    const script = `import { loadTestPki, AUTH_CERTIFICATE_NAMES } from ${JSON.stringify(new URL('./test-pki.ts', import.meta.url).href)};
      const pki = await loadTestPki(new Date(${now.getTime()}));
      const all = [pki.root, pki.authCa, pki.signCa, pki.crl, ...AUTH_CERTIFICATE_NAMES.flatMap((n) => [pki.auth[n].certificate, pki.sign[n].certificate])];
      process.stdout.write(JSON.stringify(all.map((der) => Buffer.from(der).toString('hex'))));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(hex(await loadTestPki(now)));
  });

  it('hands out copies, so tampering with one result cannot leak into another', async () => {
    const first = await loadTestPki();
    first.auth.default.certificate.fill(0);
    first.root.fill(0);
    const second = await loadTestPki();
    expect(hex(second)).toEqual(hex(pki));
  });

  it('moves every date with the anchor month, quickly', async () => {
    const started = performance.now();
    const later = await loadTestPki(new Date(Date.UTC(2031, 5, 17, 12)));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(facts(later.auth.default.certificate).notBefore.toISOString()).toBe('2030-06-01T00:00:00.000Z');
    expect(facts(later.auth.expired.certificate).notAfter.toISOString()).toBe('2031-05-31T00:00:00.000Z');
    expect(facts(later.auth['not-yet-valid'].certificate).notBefore.toISOString()).toBe('2031-08-01T00:00:00.000Z');
  });
});
