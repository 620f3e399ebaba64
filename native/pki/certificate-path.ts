// Finds who issued a certificate by signature, not by name: several JPKI CA generations share
// one DN, so the only reliable link is a signature that verifies with the candidate's key.
// A candidate with the right name and the wrong key never counts.
import type { Certificate } from 'pkijs';
import { hasUnknownCriticalExtension, isCa, KEY_USAGE, keyUsageAllows, pathLength } from './certificate-extensions.ts';
import { isSignedBy } from './signature.ts';

export interface CaCandidate {
  readonly certificate: Certificate;
  /** Trusted by configuration: the path ends here. */
  readonly anchor: boolean;
}

/** CA certificates above the leaf, anchor included. JPKI needs 2 (3 across a root rollover). */
export const MAX_PATH_CAS = 4;

/**
 * The CA certificate that signed `leaf`, when it leads to a trust anchor through CA
 * certificates that are all valid at `now`; undefined when no such path exists.
 * Intermediates are tried before anchors, each candidate at most once per path.
 */
export async function findTrustedIssuer(
  leaf: Certificate,
  candidates: readonly CaCandidate[],
  now: Date,
): Promise<Certificate | undefined> {
  const issuer = await trustedIssuer(leaf, candidates, now, []);
  return issuer?.certificate;
}

async function trustedIssuer(
  child: Certificate,
  candidates: readonly CaCandidate[],
  now: Date,
  below: readonly CaCandidate[],
): Promise<CaCandidate | undefined> {
  for (const candidate of candidates) {
    if (below.includes(candidate) || !usableCa(candidate.certificate, now, below)) continue;
    if (!(await isSignedBy(child, candidate.certificate.subjectPublicKeyInfo))) continue;
    if (candidate.anchor) return candidate;
    if (below.length + 1 >= MAX_PATH_CAS) continue;
    if (await trustedIssuer(candidate.certificate, candidates, now, [...below, candidate])) return candidate;
  }
  return undefined;
}

/** `below`: the CA certificates already on the path between this one and the leaf. */
function usableCa(certificate: Certificate, now: Date, below: readonly CaCandidate[]): boolean {
  // Written so that an invalid `now` fails every comparison, and so the check.
  const valid = certificate.notBefore.value.getTime() <= now.getTime() && now.getTime() <= certificate.notAfter.value.getTime();
  if (!valid || !isCa(certificate) || !keyUsageAllows(certificate, KEY_USAGE.keyCertSign)) return false;
  if (hasUnknownCriticalExtension(certificate)) return false;
  // Self-issued CA certificates (root rollover links) do not count (RFC 5280 §4.2.1.9).
  const counted = below.filter((candidate) => !selfIssued(candidate.certificate)).length;
  return counted <= pathLength(certificate);
}

function selfIssued(certificate: Certificate): boolean {
  return Buffer.from(certificate.subject.valueBeforeDecode).equals(Buffer.from(certificate.issuer.valueBeforeDecode));
}
