// Verifies a user certificate read from a card against configured trust anchors, CA
// certificates and CRLs. Checks, in order: it parses ('malformed'); it chains by signature to
// an anchor through CA certificates valid at `now` ('untrusted'); it is itself valid at `now`
// ('expired', 'not-yet-valid'); it is an end-entity certificate of the required policy
// ('wrong-profile'); a current CRL of its issuer does not list it ('revoked',
// 'revocation-unknown').
//
// 'expired' and 'not-yet-valid' always mean the customer's own certificate, since that is what
// the kiosk tells them to renew. An expired CA certificate cannot be used, so a certificate
// that depends on one is 'untrusted'.
import type { Certificate } from 'pkijs';
import { findTrustedIssuer, type CaCandidate } from './certificate-path.ts';
import { hasUnknownCriticalExtension, isCa, KEY_USAGE, keyUsageAllows } from './certificate-extensions.ts';
import { revocationStatus } from './check-revocation.ts';
import { describeCertificate, type CertificateFacts } from './describe-certificate.ts';
import { parseCertificate } from './parse-der.ts';
import type { Result } from '../../electron/common/result.ts';

export type CertificateProblem =
  'malformed' | 'untrusted' | 'expired' | 'not-yet-valid' | 'revoked' | 'revocation-unknown' | 'wrong-profile';

export interface VerifyOptions {
  /** DER certificates trusted as path ends (the JPKI roots). */
  readonly trustAnchors: readonly Uint8Array[];
  /** DER CA certificates that may link the user certificate to an anchor (e.g. card EF 000B). */
  readonly intermediates: readonly Uint8Array[];
  /** DER CRLs; only current ones signed by the certificate's issuer are used. */
  readonly crls: readonly Uint8Array[];
  readonly now: Date;
  /** Certificate policy OID the certificate must carry, e.g. 1.2.392.200149.8.5.1.3.30. */
  readonly requiredPolicy?: string;
}

export type VerifiedCertificate = Result<CertificateFacts, CertificateProblem>;

export async function verifyUserCertificate(der: Uint8Array, options: VerifyOptions): Promise<VerifiedCertificate> {
  try {
    return await verify(der, options);
  } catch {
    // Nothing below should throw; if a hostile input finds a way, it still only fails.
    return { ok: false, error: 'malformed' };
  }
}

async function verify(der: Uint8Array, options: VerifyOptions): Promise<VerifiedCertificate> {
  const facts = describeCertificate(der);
  const leaf = parseCertificate(der);
  if (!facts.ok || !leaf) return { ok: false, error: 'malformed' };

  const issuer = await findTrustedIssuer(leaf, candidates(options), options.now);
  if (!issuer) return { ok: false, error: 'untrusted' };

  const now = options.now.getTime();
  if (!(now >= facts.value.notBefore.getTime())) return { ok: false, error: 'not-yet-valid' };
  if (!(now <= facts.value.notAfter.getTime())) return { ok: false, error: 'expired' };

  if (!userProfile(leaf, facts.value, options.requiredPolicy)) return { ok: false, error: 'wrong-profile' };

  const status = await revocationStatus(leaf, issuer, options.crls, options.now);
  if (status === 'revoked') return { ok: false, error: 'revoked' };
  if (status === 'unknown') return { ok: false, error: 'revocation-unknown' };
  return { ok: true, value: facts.value };
}

function candidates(options: VerifyOptions): CaCandidate[] {
  const parse = (list: readonly Uint8Array[], anchor: boolean): CaCandidate[] =>
    list.flatMap((der) => {
      const certificate = parseCertificate(der);
      return certificate ? [{ certificate, anchor }] : [];
    });
  return [...parse(options.intermediates, false), ...parse(options.trustAnchors, true)];
}

/** An end-entity signing key with the required policy and nothing critical we do not understand. */
function userProfile(leaf: Certificate, facts: CertificateFacts, requiredPolicy: string | undefined): boolean {
  if (isCa(leaf) || !keyUsageAllows(leaf, KEY_USAGE.digitalSignature) || hasUnknownCriticalExtension(leaf)) return false;
  return requiredPolicy === undefined || facts.policies.includes(requiredPolicy);
}
