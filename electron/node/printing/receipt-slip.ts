// What the receipt slip says, line by line, in Japanese with English beneath: pure, so that
// what goes on paper (and into the print spool) is checked without a printer.
import { toTokyo } from '../hours/tokyo-time.ts';
import type { ReceiptSlip } from './receipt-printer.ts';

export interface SlipLine {
  readonly text: string;
  readonly style: 'title' | 'label' | 'value' | 'receipt' | 'note';
}

/** "2026年11月24日 14:05（日本時間）": the slip's date in Japan, whatever the machine's zone. */
export function slipDateTime(at: Date): string {
  const t = toTokyo(at);
  return `${String(t.year)}年${String(t.month)}月${String(t.day)}日 ${String(t.hour)}:${String(t.minute).padStart(2, '0')}（日本時間）`;
}

export function slipLines(slip: ReceiptSlip): SlipLine[] {
  return [
    { text: 'マイナポータルからの情報提出 受付控え', style: 'title' },
    { text: 'Receipt: information from Mynaportal', style: 'note' },
    { text: '受付番号 Receipt number', style: 'label' },
    { text: slip.receiptId, style: 'receipt' },
    { text: '受付日時 Date and time', style: 'label' },
    { text: slipDateTime(slip.printedAt), style: 'value' },
    { text: 'お手続き Service', style: 'label' },
    { text: slip.service.ja, style: 'value' },
    { text: slip.service.en, style: 'note' },
    { text: '提供先 Recipient', style: 'label' },
    { text: slip.recipient.ja, style: 'value' },
    { text: slip.recipient.en, style: 'note' },
    { text: 'お問い合わせの際は受付番号をお伝えください。', style: 'note' },
    { text: 'Please quote the receipt number if you contact the bank.', style: 'note' },
  ];
}
