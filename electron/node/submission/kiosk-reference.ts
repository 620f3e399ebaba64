// The kiosk's own number for a submission still on its way to the bank: what the customer
// quotes at the counter or on the phone, and what staff find in the audit trail. Read out and
// copied by hand, so short, grouped, and without characters that look alike (0/O, 1/I/L, 2/Z,
// 5/S, 8/B), in the same alphabet as the bank's receipts.
import { randomInt } from 'node:crypto';
import { RECEIPT_ALPHABET as ALPHABET, RECEIPT_NUMBER } from '../../common/receipt-number.ts';

/** XXXX-XXXX: 25⁸ ≈ 1.5·10¹¹ values, so two of one kiosk's submissions never share one in practice. */
export function kioskReference(): string {
  const block = (): string => Array.from({ length: 4 }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join('');
  return `${block()}-${block()}`;
}

/** The shape of a kiosk reference (and of the reference gateway's receipts). */
export const KIOSK_REFERENCE = RECEIPT_NUMBER;
