// Parses untrusted DER (read from a customer's card or a CRL file) into pkijs objects.
// Anything that is not exactly one well-formed structure gives undefined, never an exception.
import * as asn1js from 'asn1js';
import { Certificate, CertificateRevocationList } from 'pkijs';

// A certificate nests about a dozen levels deep; the limits stop hostile input from costing
// unbounded time or stack.
const LIMITS = { maxDepth: 32, maxNodes: 100_000 };

function parse<T>(der: Uint8Array, build: (schema: asn1js.AsnType) => T): T | undefined {
  try {
    const asn1 = asn1js.fromBER(der, LIMITS);
    // Trailing bytes mean the caller cut the EF wrongly or the data is not one object.
    if (asn1.offset !== der.byteLength) return undefined;
    return build(asn1.result);
  } catch {
    return undefined;
  }
}

export function parseCertificate(der: Uint8Array): Certificate | undefined {
  return parse(der, (schema) => new Certificate({ schema }));
}

export function parseCrl(der: Uint8Array): CertificateRevocationList | undefined {
  return parse(der, (schema) => new CertificateRevocationList({ schema }));
}
