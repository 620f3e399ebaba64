// CRL and CA files as operators get them: DER as is, PEM with one or more blocks.
import { describe, expect, it } from 'vitest';
import { derObjects } from './pem.ts';

const pem = (label: string, der: Uint8Array): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

describe('derObjects', () => {
  const first = Uint8Array.from({ length: 100 }, (_, i) => i);
  const second = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01);

  it('takes a DER file as it is', () => {
    expect(derObjects(first, 'X509 CRL')).toEqual([first]);
  });

  it('decodes every block of the label in a PEM file, and only those', () => {
    const text = `comment\n${pem('CERTIFICATE', first)}${pem('X509 CRL', second)}${pem('CERTIFICATE', second)}`;
    expect(derObjects(new TextEncoder().encode(text), 'CERTIFICATE')).toEqual([first, second]);
    expect(derObjects(new TextEncoder().encode(text), 'X509 CRL')).toEqual([second]);
  });

  it('finds nothing in a PEM file without a block of the label', () => {
    expect(derObjects(new TextEncoder().encode(pem('PRIVATE KEY', first)), 'X509 CRL')).toEqual([]);
  });
});
