// Certificates and CRLs as a hostile card or file hands them over: random bytes, and real test
// certificates with bytes flipped, cut short or lengthened. Parsing, describing and verifying
// settle with a value or a typed problem — never a throw, never a hang.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestPki, type TestPki } from '../../native/devkit/test-pki/test-pki.ts';
import { revocationStatusOf } from '../../native/pki/check-revocation.ts';
import { derCertificateLength } from '../../native/pki/der-certificate-length.ts';
import { describeCertificate } from '../../native/pki/describe-certificate.ts';
import { derObjects } from '../../native/pki/pem.ts';
import { verifyUserCertificate } from '../../native/pki/verify-certificate.ts';
import { fuzzParameters, settlesWithin } from './fuzz-runs.ts';

let pki: TestPki;
beforeAll(async () => {
  pki = await loadTestPki();
});

/** A real certificate or CRL of the test PKI, damaged: bytes flipped, cut, or padded. */
function damaged(pick: (pki: TestPki) => Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      tail: fc.uint8Array({ maxLength: 64 }),
    })
    .map(({ flips, cut, tail }) => {
      const bytes = Uint8Array.from(pick(pki));
      for (const [at, mask] of flips) bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ mask;
      const kept = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      return Uint8Array.of(...kept, ...tail);
    });
}

const anyDer = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  damaged((p) => p.auth.default.certificate),
  damaged((p) => p.authCa),
);
const PROBLEMS = ['malformed', 'untrusted', 'expired', 'not-yet-valid', 'revoked', 'revocation-unknown', 'wrong-profile'];

describe('certificates from an untrusted source', () => {
  it('are measured from their header, described and verified without a throw, to a value or a typed problem', async () => {
    await fc.assert(
      fc.asyncProperty(anyDer, async (der) => {
        const length = derCertificateLength(der.subarray(0, 8));
        if (length.ok) expect(length.value).toBeGreaterThan(0);
        else expect(['not-a-certificate', 'need-more']).toContain(length.error);
        const described = describeCertificate(der);
        if (!described.ok) expect(described.error).toBe('malformed');
        const verified = await settlesWithin(
          verifyUserCertificate(der, { trustAnchors: [pki.root], intermediates: [pki.authCa], crls: [pki.crl], now: new Date() }),
          2000,
          'verification',
        );
        if (!verified.ok) expect(PROBLEMS).toContain(verified.error);
      }),
      fuzzParameters(0.3),
    );
  });

  it('only the undamaged certificate verifies: a flipped byte in the signed part never passes', async () => {
    await fc.assert(
      fc.asyncProperty(
        damaged((p) => p.auth.default.certificate),
        async (der) => {
          const original = pki.auth.default.certificate;
          const verified = await verifyUserCertificate(der, {
            trustAnchors: [pki.root],
            intermediates: [pki.authCa],
            crls: [],
            now: new Date(),
          });
          const same = der.length >= original.length && original.every((byte, index) => der[index] === byte);
          if (verified.ok) expect(same).toBe(true);
        },
      ),
      fuzzParameters(0.3),
    );
  });

  it('CRL files of any content settle to a revocation status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 1024 }),
          damaged((p) => p.crl),
        ),
        async (crl) => {
          const crls = derObjects(crl, 'X509 CRL');
          const status = await settlesWithin(
            revocationStatusOf(pki.auth.default.certificate, [pki.authCa], crls, new Date()),
            2000,
            'revocation',
          );
          expect(['good', 'revoked', 'unknown']).toContain(status);
        },
      ),
      fuzzParameters(0.3),
    );
  });
});
