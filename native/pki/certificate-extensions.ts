// The extensions path validation acts on (RFC 5280 §4.2), read defensively: an extension that
// is present but does not parse never grants anything.
import * as asn1js from 'asn1js';
import { BasicConstraints, type Certificate, type Extension } from 'pkijs';
import { OID } from './oids.ts';

export const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;

// Extensions this module understands, or that carry no constraint for a relying party.
// Any other extension marked critical makes the certificate unusable (RFC 5280 §4.2).
const UNDERSTOOD = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.certificatePolicies,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.crlDistributionPoints,
  OID.authorityInfoAccess,
]);

function extension(certificate: Certificate, oid: string): Extension | undefined {
  return certificate.extensions?.find((candidate) => candidate.extnID === oid);
}

export function hasUnknownCriticalExtension(certificate: Certificate): boolean {
  return (certificate.extensions ?? []).some((candidate) => candidate.critical && !UNDERSTOOD.has(candidate.extnID));
}

function basicConstraints(certificate: Certificate): BasicConstraints | undefined {
  const parsed: unknown = extension(certificate, OID.basicConstraints)?.parsedValue;
  return parsed instanceof BasicConstraints && !('parsingError' in parsed) ? parsed : undefined;
}

export function isCa(certificate: Certificate): boolean {
  return basicConstraints(certificate)?.cA === true;
}

/** How many CA certificates may follow this one towards the leaf; Infinity when unconstrained. */
export function pathLength(certificate: Certificate): number {
  const constraint = basicConstraints(certificate)?.pathLenConstraint;
  return typeof constraint === 'number' ? constraint : Infinity;
}

/** True when the key may be used for `bit`; a certificate without keyUsage allows every use. */
export function keyUsageAllows(certificate: Certificate, bit: number): boolean {
  const found = extension(certificate, OID.keyUsage);
  if (!found) return true;
  const bits = asn1js.fromBER(found.extnValue.valueBlock.valueHexView).result;
  if (!(bits instanceof asn1js.BitString)) return false;
  const byte = bits.valueBlock.valueHexView[bit >> 3] ?? 0;
  return (byte & (0x80 >> (bit & 7))) !== 0;
}
