// Issues X.509 v3 certificates for the test PKI (and for tests that need a certificate the
// test PKI does not have, such as a second CA generation under the same name).
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AuthorityKeyIdentifier, BasicConstraints, Certificate, CertificatePolicies, Extension, PolicyInformation } from 'pkijs';
import { KEY_USAGE } from '../../pki/certificate-extensions.ts';
import { encodeName, type NameAttribute } from '../../pki/distinguished-name.ts';
import { OID } from '../../pki/oids.ts';
import { issuerFacts, keyIdentifier, pkiTime, publicKeyInfoOf, serialInteger, sha256WithRsa, signTbs, type Issuer } from './issuing.ts';

export type CertificateProfile =
  | { readonly kind: 'ca'; readonly pathLength?: number }
  | { readonly kind: 'user'; readonly policy: string; readonly nonRepudiation: boolean }
  /** No basicConstraints and no keyUsage, for tests: a certificate that never claims to be a CA. */
  | { readonly kind: 'bare' };

export interface CertificateRequest {
  /** Hex, as it will appear in the certificate. */
  readonly serialNumber: string;
  readonly subject: readonly NameAttribute[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subject's key; a private key is fine (only its public half is used). */
  readonly subjectKey: KeyObject;
  readonly profile: CertificateProfile;
  /** The issuing CA; 'self' signs with subjectKey, which must then be private. */
  readonly issuer: Issuer | 'self';
}

export async function issueCertificate(request: CertificateRequest): Promise<Uint8Array> {
  const publicKey = publicKeyInfoOf(request.subjectKey);
  const subject = encodeName(request.subject);
  const issuer = request.issuer === 'self' ? { name: subject, keyIdentifier: keyIdentifier(publicKey) } : issuerFacts(request.issuer);
  const signingKey = request.issuer === 'self' ? request.subjectKey : request.issuer.privateKey;

  const certificate = new Certificate({
    version: 2,
    serialNumber: serialInteger(request.serialNumber),
    signature: sha256WithRsa(),
    signatureAlgorithm: sha256WithRsa(),
    issuer: issuer.name,
    subject,
    notBefore: pkiTime(request.notBefore),
    notAfter: pkiTime(request.notAfter),
    subjectPublicKeyInfo: publicKey,
    extensions: [...profileExtensions(request.profile, keyIdentifier(publicKey)), authorityKeyIdentifier(issuer.keyIdentifier)],
  });
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER());
  certificate.signatureValue = await signTbs(certificate.tbsView, signingKey);
  return new Uint8Array(certificate.toSchema().toBER());
}

export function authorityKeyIdentifier(keyId: Uint8Array): Extension {
  const value = new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyId }) });
  return new Extension({ extnID: OID.authorityKeyIdentifier, extnValue: value.toSchema().toBER() });
}

function profileExtensions(profile: CertificateProfile, subjectKeyId: Uint8Array): Extension[] {
  if (profile.kind === 'bare') return [];
  if (profile.kind === 'ca') {
    const constraints = new BasicConstraints(
      profile.pathLength === undefined ? { cA: true } : { cA: true, pathLenConstraint: profile.pathLength },
    );
    return [
      new Extension({ extnID: OID.basicConstraints, critical: true, extnValue: constraints.toSchema().toBER() }),
      keyUsage([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]),
      new Extension({ extnID: OID.subjectKeyIdentifier, extnValue: new asn1js.OctetString({ valueHex: subjectKeyId }).toBER() }),
    ];
  }
  const policies = new CertificatePolicies({ certificatePolicies: [new PolicyInformation({ policyIdentifier: profile.policy })] });
  return [
    // An empty BasicConstraints: cA defaults to false, so this marks an end-entity.
    new Extension({ extnID: OID.basicConstraints, extnValue: new BasicConstraints().toSchema().toBER() }),
    keyUsage(profile.nonRepudiation ? [KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation] : [KEY_USAGE.digitalSignature]),
    new Extension({ extnID: OID.certificatePolicies, extnValue: policies.toSchema().toBER() }),
  ];
}

/** DER BIT STRING of named bits (all below 8 here), trailing zero bits dropped. */
function keyUsage(bits: readonly number[]): Extension {
  const highest = Math.max(...bits);
  const byte = bits.reduce((value, bit) => value | (0x80 >> bit), 0);
  const value = new asn1js.BitString({ valueHex: Uint8Array.of(byte), unusedBits: 7 - highest });
  return new Extension({ extnID: OID.keyUsage, critical: true, extnValue: value.toBER() });
}
