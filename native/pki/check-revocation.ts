// Revocation status of a user certificate from CRLs. A CRL counts only when its signature
// verifies with the key of the certificate's own issuer (again by key, not by name) and it is
// current; an out-of-date or foreign CRL says nothing.
import type { Certificate, CertificateRevocationList } from 'pkijs';
import { KEY_USAGE, keyUsageAllows } from './certificate-extensions.ts';
import { findTrustedIssuer } from './certificate-path.ts';
import { serialHex } from './describe-certificate.ts';
import { OID } from './oids.ts';
import { parseCertificate, parseCrl } from './parse-der.ts';
import { isSignedBy } from './signature.ts';

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

// Critical CRL extensions that leave the CRL a complete list for its issuer. Anything else
// (a delta CRL, a partitioned CRL's issuing distribution point) is not relied on.
const UNDERSTOOD_CRITICAL = new Set<string>([OID.authorityKeyIdentifier, OID.crlNumber]);

export async function revocationStatus(
  leaf: Certificate,
  issuer: Certificate,
  crls: readonly Uint8Array[],
  now: Date,
): Promise<RevocationStatus> {
  if (!keyUsageAllows(issuer, KEY_USAGE.cRLSign)) return 'unknown';
  const serial = serialHex(leaf.serialNumber);
  let covered = false;
  for (const der of crls) {
    const crl = parseCrl(der);
    if (!crl || !current(crl, now) || !complete(crl)) continue;
    if (!(await isSignedBy(crl, issuer.subjectPublicKeyInfo))) continue;
    if (crl.revokedCertificates?.some((entry) => serialHex(entry.userCertificate) === serial)) return 'revoked';
    covered = true;
  }
  return covered ? 'good' : 'unknown';
}

/**
 * Revocation status of a DER certificate issued by one of `cas` (DER CA certificates valid at
 * `now`), its issuer found by signature as the verifier does. 'unknown' when none issued it.
 */
export async function revocationStatusOf(
  der: Uint8Array,
  cas: readonly Uint8Array[],
  crls: readonly Uint8Array[],
  now: Date,
): Promise<RevocationStatus> {
  const leaf = parseCertificate(der);
  if (!leaf) return 'unknown';
  const candidates = cas.flatMap((ca) => {
    const certificate = parseCertificate(ca);
    return certificate ? [{ certificate, anchor: true }] : [];
  });
  const issuer = await findTrustedIssuer(leaf, candidates, now);
  return issuer ? revocationStatus(leaf, issuer, crls, now) : 'unknown';
}

/** thisUpdate ≤ now < nextUpdate; a CRL without nextUpdate is never current. */
function current(crl: CertificateRevocationList, now: Date): boolean {
  const next = crl.nextUpdate?.value.getTime();
  return next !== undefined && crl.thisUpdate.value.getTime() <= now.getTime() && now.getTime() < next;
}

function complete(crl: CertificateRevocationList): boolean {
  return !(crl.crlExtensions?.extensions ?? []).some((extension) => extension.critical && !UNDERSTOOD_CRITICAL.has(extension.extnID));
}
