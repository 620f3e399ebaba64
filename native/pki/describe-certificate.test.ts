import { constants, createHash, privateEncrypt, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../apdu/hex.ts';
import { derCertificateLength, describeCertificate, publicKeyOf } from './describe-certificate.ts';
import { encodeName, formatName } from './distinguished-name.ts';
import { loadTestPki, type TestPki } from '../devkit/test-pki/test-pki.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

// Small seeded generator, so that a fuzz failure reproduces.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('describeCertificate', () => {
  it('agrees with node:crypto X509Certificate on a test certificate', () => {
    const der = pki.auth.default.certificate;
    const described = describeCertificate(der);
    expect(described.ok).toBe(true);
    if (!described.ok) return;
    const facts = described.value;
    const x509 = new X509Certificate(der);
    expect(facts.subject).toBe(x509.subject.split('\n').join(', '));
    expect(facts.issuer).toBe(x509.issuer.split('\n').join(', '));
    expect(facts.serialNumber).toBe(x509.serialNumber.toUpperCase());
    expect(facts.notBefore.getTime()).toBe(new Date(x509.validFrom).getTime());
    expect(facts.notAfter.getTime()).toBe(new Date(x509.validTo).getTime());
    expect(facts.sha256Fingerprint).toBe(x509.fingerprint256);
    expect(facts.publicKeyAlgorithm).toBe('RSA');
    expect(facts.keyBits).toBe(x509.publicKey.asymmetricKeyDetails?.modulusLength);
  });

  it('reads the certificate policies and Japanese UTF8String names', () => {
    const described = describeCertificate(pki.sign.default.certificate);
    if (!described.ok) throw new Error('test certificate does not describe');
    expect(described.value.policies).toEqual(['1.2.392.200149.8.5.1.1.10']);
    expect(described.value.subject).toBe(new X509Certificate(pki.sign.default.certificate).subject.split('\n').join(', '));
    expect(described.value.subject).toMatch(/^C=JP, CN=テスト .+ \(TEST\)$/);
  });

  it('escapes RFC 4514 special characters in names', () => {
    const name = encodeName([
      { type: 'O', value: 'A, B+C' },
      { type: 'CN', value: ' #lead' },
    ]);
    expect(formatName(name)).toBe('O=A\\, B\\+C, CN=\\ #lead');
  });

  it('refuses a certificate followed by EF padding, but describes it once cut to its DER length', () => {
    const der = pki.auth.default.certificate;
    const ef = new Uint8Array(der.length + 300).fill(0xff);
    ef.set(der);
    expect(describeCertificate(ef)).toEqual({ ok: false, error: 'malformed' });
    const length = derCertificateLength(ef.subarray(0, 4));
    if (!length.ok) throw new Error(length.error);
    expect(describeCertificate(ef.subarray(0, length.value)).ok).toBe(true);
  });

  it('never throws on random bytes, truncations or corrupted certificates', () => {
    const next = random(20240607);
    const der = pki.auth.default.certificate;
    const inputs: Uint8Array[] = [];
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 1500) }, () => Math.floor(next() * 256));
      // Half of them start like a certificate so that the parser gets past the first tag.
      if (i % 2 === 0 && bytes.length >= 4) bytes.set([0x30, 0x82, (bytes.length - 4) >> 8, (bytes.length - 4) & 0xff]);
      inputs.push(bytes);
    }
    const truncations = Array.from({ length: 200 }, () => der.subarray(0, Math.floor(next() * der.length)));
    const corruptions = Array.from({ length: 200 }, () => {
      const copy = der.slice();
      const index = Math.floor(next() * copy.length);
      copy[index] = (copy[index] ?? 0) ^ (1 << Math.floor(next() * 8));
      return copy;
    });

    for (const input of [...inputs, ...truncations]) expect(describeCertificate(input)).toEqual({ ok: false, error: 'malformed' });
    // A flipped bit often leaves a parseable certificate: the point is that it never throws.
    for (const input of corruptions) expect(() => describeCertificate(input)).not.toThrow();
    expect(describeCertificate(new Uint8Array(0))).toEqual({ ok: false, error: 'malformed' });
  });
});

describe('publicKeyOf', () => {
  const SHA256_DIGEST_INFO_PREFIX = fromHex('30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20');

  // What the card does for SIGN: PKCS#1 v1.5 type 01 padding of the DigestInfo, raw RSA.
  function cardSignature(message: Uint8Array, name: 'default' | 'revoked'): Buffer {
    const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(message).digest()]);
    return privateEncrypt({ key: pki.auth[name].privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
  }

  it('verifies a card-style signature with WebCrypto, and only for the signed message and key', async () => {
    const message = new TextEncoder().encode('challenge from the gateway');
    const signature = cardSignature(message, 'default');
    const key = await publicKeyOf(pki.auth.default.certificate);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, message)).toBe(true);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new TextEncoder().encode('another challenge'))).toBe(false);
    const otherKey = await publicKeyOf(pki.auth.revoked.certificate);
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', otherKey, signature, message)).toBe(false);
  });

  it('rejects input that is not a certificate', async () => {
    await expect(publicKeyOf(fromHex('30 03 02 01 01'))).rejects.toThrow();
  });
});

describe('derCertificateLength', () => {
  it.each([
    ['two length bytes', '30 82 04 D2', 4 + 0x04d2],
    ['one length byte', '30 81 90', 3 + 0x90],
    ['short form', '30 45', 2 + 0x45],
    ['extra bytes after the header', '30 82 01 00 30 82', 4 + 0x100],
  ])('reads %s', (_, hex, length) => {
    expect(derCertificateLength(fromHex(hex))).toEqual({ ok: true, value: length });
  });

  it.each([
    ['nothing', ''],
    ['only the tag', '30'],
    ['a cut long-form length', '30 82 04'],
  ])('asks for more bytes given %s', (_, hex) => {
    expect(derCertificateLength(fromHex(hex))).toEqual({ ok: false, error: 'need-more' });
  });

  it.each([
    ['an empty EF (all FF)', 'FF FF FF FF'],
    ['another tag', '04 82 01 00'],
    ['indefinite length', '30 80 00 00'],
    ['an empty SEQUENCE', '30 00'],
    ['a length of more bytes than any EF', '30 84 00 00 01 00'],
  ])('says not-a-certificate for %s', (_, hex) => {
    expect(derCertificateLength(fromHex(hex))).toEqual({ ok: false, error: 'not-a-certificate' });
  });

  it('gives the exact length of every test certificate from its first four bytes', () => {
    for (const der of [pki.root, pki.authCa, pki.signCa, pki.auth.default.certificate, pki.sign.default.certificate]) {
      expect(derCertificateLength(der.subarray(0, 4))).toEqual({ ok: true, value: der.length });
    }
  });
});
