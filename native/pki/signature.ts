// Checks that a certificate or CRL was signed with a given issuer key. Only the signature
// algorithms JPKI uses (RSA PKCS#1 v1.5 with SHA-2) are accepted; anything else does not verify.
import type * as asn1js from 'asn1js';
import type { AlgorithmIdentifier, PublicKeyInfo } from 'pkijs';
import { OID } from './oids.ts';

const HASH_OF: Readonly<Record<string, string>> = {
  [OID.sha256WithRsaEncryption]: 'SHA-256',
  [OID.sha384WithRsaEncryption]: 'SHA-384',
  [OID.sha512WithRsaEncryption]: 'SHA-512',
};

/** The parts of a certificate or CRL that a signature covers and carries. */
export interface SignedObject {
  readonly tbsView: Uint8Array;
  /** The algorithm inside the signed part; must equal the outer one (RFC 5280 §4.1.1.2). */
  readonly signature: AlgorithmIdentifier;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: asn1js.BitString;
}

export async function isSignedBy(signed: SignedObject, issuerKey: PublicKeyInfo): Promise<boolean> {
  try {
    const algorithm = signed.signatureAlgorithm;
    const hash = HASH_OF[algorithm.algorithmId];
    if (hash === undefined || algorithm.algorithmId !== signed.signature.algorithmId) return false;
    if (issuerKey.algorithm.algorithmId !== OID.rsaEncryption) return false;
    const spki = new Uint8Array(issuerKey.toSchema().toBER());
    const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    const value = signed.signatureValue.valueBlock;
    if (value.unusedBits !== 0) return false;
    return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, value.valueHexView, signed.tbsView);
  } catch {
    // A key or signature WebCrypto cannot even parse is simply not a valid signature.
    return false;
  }
}
