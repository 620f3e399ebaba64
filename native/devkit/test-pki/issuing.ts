// Building blocks shared by issue-certificate.ts and issue-crl.ts: the issuer's name and key
// identifier, signing, times and serial numbers. Test PKI only; the kiosk never issues.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, PublicKeyInfo, Time, TimeType, type RelativeDistinguishedNames } from 'pkijs';
import { OID } from '../../pki/oids.ts';
import { parseCertificate } from '../../pki/parse-der.ts';

export interface Issuer {
  /** DER of the issuing CA certificate. */
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
}

export function publicKeyInfoOf(key: KeyObject): PublicKeyInfo {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return PublicKeyInfo.fromBER(spki);
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(info: PublicKeyInfo): Uint8Array {
  return createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest();
}

export function issuerFacts(issuer: Issuer): { name: RelativeDistinguishedNames; keyIdentifier: Uint8Array } {
  const certificate = parseCertificate(issuer.certificate);
  if (!certificate) throw new Error('issuer certificate does not parse');
  // The subject keeps its original encoding, so the issuer field matches it byte for byte.
  return { name: certificate.subject, keyIdentifier: keyIdentifier(certificate.subjectPublicKeyInfo) };
}

/** sha256WithRSAEncryption with explicit NULL parameters, as production CAs write it. */
export function sha256WithRsa(): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithmId: OID.sha256WithRsaEncryption, algorithmParams: new asn1js.Null() });
}

/**
 * Signs the encoded TBS with WebCrypto. pkijs's own sign() is not used: it would drop the
 * NULL parameters above and depend on its process-wide crypto engine.
 */
export async function signTbs(tbs: Uint8Array, privateKey: KeyObject): Promise<asn1js.BitString> {
  const key = privateKey.toCryptoKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, tbs);
  return new asn1js.BitString({ valueHex: signature });
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function pkiTime(date: Date): Time {
  return new Time({ type: date.getUTCFullYear() < 2050 ? TimeType.UTCTime : TimeType.GeneralizedTime, value: date });
}

export function serialInteger(hex: string): asn1js.Integer {
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length === 0 || bytes.toString('hex') !== hex.toLowerCase()) throw new Error(`bad serial number: ${hex}`);
  // A leading 00 keeps the INTEGER positive when the top bit is set.
  return new asn1js.Integer({ valueHex: (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes });
}
