// Issues v2 CRLs for the test PKI.
import * as asn1js from 'asn1js';
import { CertificateRevocationList, Extension, Extensions, RevokedCertificate } from 'pkijs';
import { authorityKeyIdentifier } from './issue-certificate.ts';
import { OID } from '../../pki/oids.ts';
import { issuerFacts, pkiTime, serialInteger, sha256WithRsa, signTbs, type Issuer } from './issuing.ts';

export interface CrlRequest {
  readonly issuer: Issuer;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly crlNumber: number;
  readonly revoked: readonly { readonly serialNumber: string; readonly revocationDate: Date }[];
}

export async function issueCrl(request: CrlRequest): Promise<Uint8Array> {
  const issuer = issuerFacts(request.issuer);
  const crl = new CertificateRevocationList({
    version: 1, // v2: needed for CRL extensions
    signature: sha256WithRsa(),
    signatureAlgorithm: sha256WithRsa(),
    issuer: issuer.name,
    thisUpdate: pkiTime(request.thisUpdate),
    nextUpdate: pkiTime(request.nextUpdate),
    ...(request.revoked.length > 0 && {
      revokedCertificates: request.revoked.map(
        (entry) =>
          new RevokedCertificate({ userCertificate: serialInteger(entry.serialNumber), revocationDate: pkiTime(entry.revocationDate) }),
      ),
    }),
    crlExtensions: new Extensions({
      extensions: [
        authorityKeyIdentifier(issuer.keyIdentifier),
        new Extension({ extnID: OID.crlNumber, extnValue: new asn1js.Integer({ value: request.crlNumber }).toBER() }),
      ],
    }),
  });
  // toSchema(true) encodes from the fields (encodeTBS is not public); its first element is the TBS.
  const tbs = sequence(crl.toSchema(true)).valueBlock.value[0];
  if (!tbs) throw new Error('pkijs encoded an empty CRL');
  crl.tbsView = new Uint8Array(tbs.toBER());
  crl.signatureValue = await signTbs(crl.tbsView, request.issuer.privateKey);
  return new Uint8Array(sequence(crl.toSchema()).toBER());
}

// pkijs types CertificateRevocationList.toSchema as any.
function sequence(schema: unknown): asn1js.Sequence {
  if (!(schema instanceof asn1js.Sequence)) throw new Error('pkijs did not encode the CRL as a SEQUENCE');
  return schema;
}
