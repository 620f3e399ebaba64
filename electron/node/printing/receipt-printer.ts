// The receipt slip a customer may keep (受付番号, date and time, service, recipient) and the
// printer it goes to, injected into the kiosk core. The slip carries no personal data: no
// name, no card, no income, nothing the customer typed.
import type { LocalizedText } from '../../common/income-items.ts';
import type { ReceiptPrintOutcome } from '../session/session-types.ts';

export interface ReceiptSlip {
  readonly receiptId: string;
  readonly printedAt: Date;
  readonly service: LocalizedText;
  readonly recipient: LocalizedText;
}

export interface ReceiptPrinter {
  /** Printed, or why not: never throws. */
  print(slip: ReceiptSlip): Promise<ReceiptPrintOutcome>;
}

/** A printer staff's documents (the day-close report, a PDF) go to: the receipt printer's queue. */
export interface DocumentPrinter {
  /** Printed, or why not: never throws. */
  printDocument(pdf: Buffer): Promise<ReceiptPrintOutcome>;
}
