// Status words (SW1 SW2) the My Number card answers with, by what they mean.

export const SW = {
  ok: 0x9000,
  verifyFailedBase: 0x63c0, // | tries left
  wrongLength: 0x6700,
  incompatibleFileStructure: 0x6981,
  securityStatusNotSatisfied: 0x6982,
  authenticationBlocked: 0x6983,
  referenceDataNotUsable: 0x6984,
  conditionsNotSatisfied: 0x6985,
  commandNotAllowedNoEf: 0x6986,
  wrongData: 0x6a80,
  functionNotSupported: 0x6a81,
  fileNotFound: 0x6a82,
  incorrectP1P2: 0x6a86,
  lcInconsistent: 0x6a87,
  wrongP1P2: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  noPreciseDiagnosis: 0x6f00,
} as const;

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

export function parseResponseApdu(bytes: Uint8Array): ResponseApdu | undefined {
  if (bytes.length < 2) return undefined;
  const sw = ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0);
  return { data: bytes.slice(0, -2), sw };
}

export function encodeResponseApdu(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
