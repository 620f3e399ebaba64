// pcsclite reports failures as Error messages ending in the PC/SC return code, e.g.
// "SCardTransmit error: Card was removed.(0x80100069)". The code decides what it means.
import type { TransportFailure } from '../jpki/transport.ts';

const CODES: Readonly<Record<number, TransportFailure>> = {
  0x80100069: 'card-removed', // SCARD_W_REMOVED_CARD
  0x8010000c: 'card-removed', // SCARD_E_NO_SMARTCARD
  0x80100068: 'card-reset', // SCARD_W_RESET_CARD
  0x80100066: 'card-unresponsive', // SCARD_W_UNRESPONSIVE_CARD: no answer to reset (mute)
  0x80100003: 'reader-unavailable', // SCARD_E_INVALID_HANDLE: the context died with pcscd
  0x80100013: 'reader-unavailable', // SCARD_F_COMM_ERROR: pcscd went away mid-call
  0x80100009: 'reader-unavailable', // SCARD_E_UNKNOWN_READER
  0x80100017: 'reader-unavailable', // SCARD_E_READER_UNAVAILABLE
  0x8010001d: 'reader-unavailable', // SCARD_E_NO_SERVICE
  0x8010001e: 'reader-unavailable', // SCARD_E_SERVICE_STOPPED
  0x8010002e: 'reader-unavailable', // SCARD_E_NO_READERS_AVAILABLE
};

export const SCARD_E_SHARING_VIOLATION = 0x8010000b;

export function pcscCode(error: unknown): number | undefined {
  const match = /\(0x([0-9a-f]{8})\)\s*$/i.exec(error instanceof Error ? error.message : String(error));
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

export function pcscFailure(error: unknown): TransportFailure {
  const code = pcscCode(error);
  return (code !== undefined ? CODES[code] : undefined) ?? 'transport';
}
