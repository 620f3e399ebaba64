// The alphabet of the numbers a customer quotes (the bank's receipt, the kiosk's reference):
// read out and copied by hand, so without characters that look alike (0/O, 1/I/L, 2/Z, 5/S,
// 8/B). Shared by the kiosk core, which makes and checks them, and the menu's receipt lookup,
// whose on-screen keys are exactly these.
export const RECEIPT_KEYS = [
  '3',
  '4',
  '6',
  '7',
  '9',
  'A',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'J',
  'K',
  'M',
  'N',
  'P',
  'Q',
  'R',
  'T',
  'U',
  'V',
  'W',
  'X',
  'Y',
] as const;
export const RECEIPT_ALPHABET = RECEIPT_KEYS.join('');

/** The characters of a number's two blocks, XXXX-XXXX. */
export const RECEIPT_BLOCK = 4;

/** The shape of a kiosk reference (and of the reference gateway's receipts). */
export const RECEIPT_NUMBER = /^[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/;

/** The characters typed so far as the number reads (the hyphen after the first block), e.g. "AB7C-D". */
export function receiptShown(typed: string): string {
  return typed.length > RECEIPT_BLOCK ? `${typed.slice(0, RECEIPT_BLOCK)}-${typed.slice(RECEIPT_BLOCK)}` : typed;
}
