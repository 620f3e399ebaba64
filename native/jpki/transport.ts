// How the JPKI client reaches a card: one connected card in one reader. Implemented over
// PC/SC (native/pcsc) and over the in-process simulated reader (native/devkit/emulator).
import type { Result } from '../../electron/common/result.ts';

/** Why a command did not reach the card or its answer did not come back. */
export type TransportFailure =
  | 'card-removed' // the card left the reader (or was swapped) since connecting
  | 'card-reset' // another party reset the card: volatile state such as a verified PIN is gone
  | 'reader-unavailable' // reader unplugged, pcscd stopped or the card service is down
  | 'card-unresponsive' // the card is in the reader but did not answer in time (or gave no ATR)
  | 'transport'; // anything else the reader stack reported

export type TransmitResult = Result<Uint8Array, TransportFailure>;

export interface ApduTransport {
  /** ATR of the connected card. */
  readonly atr: Uint8Array;
  /**
   * Sends one C-APDU and returns the R-APDU (data + SW1 SW2). Implementations copy the
   * command where they must and zero their copies afterwards: it may carry a PIN.
   */
  transmit(command: Uint8Array): Promise<TransmitResult>;
}
