// Every way a JPKI operation can fail, as a value the session can act on. `detail` is for
// the log only (protocol facts, never PINs or personal data) and is never shown to users.
import { swHex } from '../apdu/status-word.ts';
import type { TransportFailure } from './transport.ts';
import type { Result } from '../../electron/common/result.ts';

export type JpkiError =
  | { readonly kind: 'not-my-number-card' } // no JPKI AP
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'pin-blocked' }
  | { readonly kind: 'security-status-not-satisfied' } // e.g. signing without a verified PIN
  | { readonly kind: 'invalid-pin-format' } // not exactly 4 ASCII digits: never sent to the card
  | { readonly kind: 'malformed-response'; readonly detail: string }
  | { readonly kind: 'certificate-too-large'; readonly claimedBytes: number } // a DER header claiming more than any real certificate
  | { readonly kind: 'too-many-reads'; readonly reads: number } // READ BINARY answers too short to be a real card's
  | { readonly kind: 'unexpected-status'; readonly detail: string }
  | { readonly kind: TransportFailure };

export type JpkiResult<T> = Result<T, JpkiError>;

export const ok = <T>(value: T): JpkiResult<T> => ({ ok: true, value });
export const fail = <T>(error: JpkiError): JpkiResult<T> => ({ ok: false, error });

export function unexpectedStatus<T>(command: string, sw: number): JpkiResult<T> {
  return fail({ kind: 'unexpected-status', detail: `${command} answered ${swHex(sw)}` });
}
