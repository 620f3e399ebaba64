// X.500 names: building them for the test PKI and printing them for diagnostics.
import * as asn1js from 'asn1js';
import { RelativeDistinguishedNames } from 'pkijs';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};
const TYPE_OIDS = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;

export interface NameAttribute {
  readonly type: keyof typeof TYPE_OIDS;
  readonly value: string;
}

/**
 * Encodes one attribute per RDN, in the order given. PrintableString where the value allows
 * it (as CAs do for ASCII names), UTF8String otherwise (Japanese test names).
 */
export function encodeName(attributes: readonly NameAttribute[]): RelativeDistinguishedNames {
  const rdns = attributes.map(({ type, value }) => {
    const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value);
    const text = printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    return new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: TYPE_OIDS[type] }), text] })] });
  });
  // pkijs would put every attribute into a single multi-valued RDN; pass the encoding instead.
  return RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER());
}

/**
 * RFC 4514 escaping and attribute names, but in encoding order (country first, as the names
 * are usually written in Japan): "C=JP, O=JPKI-TEST, CN=…".
 */
export function formatName(name: RelativeDistinguishedNames): string {
  const sequence = asn1js.fromBER(name.valueBeforeDecode).result;
  if (!(sequence instanceof asn1js.Sequence)) return '';
  return sequence.valueBlock.value
    .map((rdn) => (rdn instanceof asn1js.Set ? rdn.valueBlock.value.map(formatAttribute).join('+') : '?'))
    .join(', ');
}

function formatAttribute(attribute: asn1js.BaseBlock): string {
  if (!(attribute instanceof asn1js.Sequence)) return '?';
  const [type, value] = attribute.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || value === undefined) return '?';
  const oid = type.getValue();
  if (value instanceof asn1js.BaseStringBlock) return `${SHORT_NAMES[oid] ?? oid}=${escapeValue(value.getValue())}`;
  return `${oid}=#${Buffer.from(value.valueBeforeDecodeView).toString('hex')}`;
}

function escapeValue(value: string): string {
  return value
    .replace(/["+,;<>\\]/g, (char) => `\\${char}`)
    .replace(/^[ #]/, (char) => `\\${char}`)
    .replace(/ $/, '\\ ')
    .replace(/\0/g, '\\00');
}
