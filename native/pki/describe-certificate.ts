// Facts about a certificate for diagnostics and for the verifier's answer. Describing is not
// trusting: use verifyUserCertificate before acting on any of these facts.
import { createHash, createPublicKey, type webcrypto } from 'node:crypto';
import type * as asn1js from 'asn1js';
import { CertificatePolicies, type Certificate } from 'pkijs';
import { formatName } from './distinguished-name.ts';
import { OID } from './oids.ts';
import { parseCertificate } from './parse-der.ts';
import type { Result } from '../../electron/common/result.ts';

export { derCertificateLength, type CertificateLength } from './der-certificate-length.ts';

export interface CertificateFacts {
  /** RFC 4514 escaping, in encoding order: "C=JP, CN=…". */
  readonly subject: string;
  readonly issuer: string;
  /** Uppercase hex of the serial number's value. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Uppercase hex pairs joined by colons, as certificate viewers show it. */
  readonly sha256Fingerprint: string;
  readonly policies: readonly string[];
  /** 'RSA', 'EC', or the algorithm OID when it is neither. */
  readonly publicKeyAlgorithm: string;
  /** Modulus or curve size; 0 when the key cannot be read. */
  readonly keyBits: number;
}

export type DescribedCertificate = Result<CertificateFacts, 'malformed'>;

export function describeCertificate(der: Uint8Array): DescribedCertificate {
  const certificate = parseCertificate(der);
  if (!certificate) return { ok: false, error: 'malformed' };
  try {
    const notBefore = certificate.notBefore.value;
    const notAfter = certificate.notAfter.value;
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return { ok: false, error: 'malformed' };
    const value: CertificateFacts = {
      subject: formatName(certificate.subject),
      issuer: formatName(certificate.issuer),
      serialNumber: serialHex(certificate.serialNumber),
      notBefore,
      notAfter,
      sha256Fingerprint: createHash('sha256')
        .update(der)
        .digest('hex')
        .toUpperCase()
        .replace(/..(?!$)/g, '$&:'),
      policies: policiesOf(certificate),
      ...publicKeyFacts(certificate),
    };
    return { ok: true, value };
  } catch {
    return { ok: false, error: 'malformed' };
  }
}

/**
 * The certificate's key as a WebCrypto RSASSA-PKCS1-v1_5 / SHA-256 verify key, for checking
 * the card's signatures. Rejects when the input is not a certificate with an RSA key.
 */
export async function publicKeyOf(der: Uint8Array): Promise<webcrypto.CryptoKey> {
  const certificate = parseCertificate(der);
  if (certificate?.subjectPublicKeyInfo.algorithm.algorithmId !== OID.rsaEncryption) throw new Error('not a certificate with an RSA key');
  const spki = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER());
  return crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
}

/** Uppercase hex of a serial number, without the leading zero bytes that only keep it positive. */
export function serialHex(serial: asn1js.Integer): string {
  const bytes = serial.valueBlock.valueHexView;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return Buffer.from(bytes.subarray(start)).toString('hex').toUpperCase();
}

export function policiesOf(certificate: Certificate): string[] {
  const extension = certificate.extensions?.find((candidate) => candidate.extnID === OID.certificatePolicies);
  const parsed: unknown = extension?.parsedValue;
  if (!(parsed instanceof CertificatePolicies) || 'parsingError' in parsed) return [];
  return parsed.certificatePolicies.map((policy) => policy.policyIdentifier);
}

const CURVE_BITS: Readonly<Record<string, number>> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

function publicKeyFacts(certificate: Certificate): Pick<CertificateFacts, 'publicKeyAlgorithm' | 'keyBits'> {
  const info = certificate.subjectPublicKeyInfo;
  const oid = info.algorithm.algorithmId;
  const publicKeyAlgorithm = oid === OID.rsaEncryption ? 'RSA' : oid === OID.ecPublicKey ? 'EC' : oid;
  try {
    const details = createPublicKey({ key: Buffer.from(info.toSchema().toBER()), format: 'der', type: 'spki' }).asymmetricKeyDetails;
    const keyBits = details?.modulusLength ?? CURVE_BITS[details?.namedCurve ?? ''] ?? 0;
    return { publicKeyAlgorithm, keyBits };
  } catch {
    return { publicKeyAlgorithm, keyBits: 0 };
  }
}
