// The slip as a PDF for an 80 mm receipt roll, drawn with pdfkit in Noto Sans CJK JP (the
// font the terminal already has for its screen: Debian's fonts-noto-cjk, SIL OFL; embedded
// as a subset, so the printer needs no Japanese font of its own).
import PDFDocument from 'pdfkit';
import type { SlipLine } from './receipt-slip.ts';

/** Debian's fonts-noto-cjk, and the Japanese face inside its collection. */
export const DEFAULT_SLIP_FONT = { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKjp-Regular' };

const WIDTH = 226.77; // 80 mm
const MARGIN = 14;
const SIZES: Readonly<Record<SlipLine['style'], number>> = { title: 12, label: 8, value: 11, receipt: 20, note: 8 };
const GAP_BEFORE: Readonly<Record<SlipLine['style'], number>> = { title: 0, label: 10, value: 1, receipt: 2, note: 1 };

export function slipPdf(lines: readonly SlipLine[], font: { file: string; face: string } = DEFAULT_SLIP_FONT): Promise<Buffer> {
  const height = MARGIN * 2 + lines.reduce((sum, line) => sum + SIZES[line.style] * 1.6 + GAP_BEFORE[line.style], 0) + 40;
  const doc = new PDFDocument({ size: [WIDTH, height], margin: MARGIN, info: { Title: 'Receipt', Producer: 'mynaportal-kiosk' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(font.file, font.face);
  for (const line of lines) {
    doc.moveDown(GAP_BEFORE[line.style] / SIZES[line.style]);
    // No OpenType features: with them, one character may be drawn with two glyphs (proportional
    // and full-width forms), and a PDF-to-PostScript filter then loses which character it was.
    doc.fontSize(SIZES[line.style]).text(line.text, {
      width: WIDTH - MARGIN * 2,
      align: line.style === 'receipt' ? 'center' : 'left',
      features: [],
    });
  }
  doc.end();
  return done;
}
