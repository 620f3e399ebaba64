// Object identifiers the test PKI writes and the verifier reads.
export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsaEncryption: '1.2.840.113549.1.1.11',
  sha384WithRsaEncryption: '1.2.840.113549.1.1.12',
  sha512WithRsaEncryption: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',

  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',

  /** JPKI 利用者証明用電子証明書 (user authentication). */
  jpkiAuthenticationPolicy: '1.2.392.200149.8.5.1.3.30',
  /** JPKI 署名用電子証明書 (digital signature). */
  jpkiSignaturePolicy: '1.2.392.200149.8.5.1.1.10',
} as const;
