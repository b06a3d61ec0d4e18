/**
 * Issuing completes the signed document (Decree 30/2020 art. 5 and App. I §II; domain notes §4–5). Into the signer's
 * signed revision, without changing its bytes (pdf-update.ts):
 * - the number, ending at the slash of `Số:            /UBND-CNTT`, and the day and month in the blanks of the date
 *   line, in the page's own font and size, where the renderer recorded the blanks (render-pdf.ts `PdfBlanks`); an
 *   issue in a later year than the signing also rewrites the year;
 * - the agency's seal image (red), over the left third of the signer's signature.
 * The agency's digital signature then covers this revision. An attachment in its own file gets the agency's
 * signature as text only, top right of its first page: the number and symbol and the signing time in ISO 8601,
 * Vietnam time (10 pt, upright, black).
 */
import { formatNumber } from '../registers/build-symbol.js';
import { vietnamIso } from '../registers/format-date-line.js';
import { newPdfDocument, type PdfBlanks } from '../rendering/render-pdf.js';
import { pageSize, stampPages } from './pdf-update.js';

const MM = 72 / 25.4;
/** A seal is about 35 mm across. */
const SEAL = 35 * MM;

export interface IssuedFacts {
  number: number;
  /** The issued date line, `Thanh Hóa, ngày 01 tháng 12 năm 2026`: the day, month and year are read from it. */
  dateLine: string;
  /** The agency's seal (PNG), if it has one. */
  seal: Buffer | null;
}

const overlayInfo = { title: 'congvan', author: 'congvan', subject: null, createdAt: new Date(0) };

async function finish(doc: PDFKit.PDFDocument, done: Promise<Buffer>): Promise<Buffer> {
  doc.end();
  return done;
}

export async function completeIssuedPage(signed: Buffer, blanks: PdfBlanks, facts: IssuedFacts): Promise<Buffer> {
  const date = /ngày (\d+) tháng (\d+) năm (\d{4})/u.exec(facts.dateLine);
  if (!date) throw new Error(`not a date line: ${facts.dateLine}`);
  const [, day, month, year] = date;
  const pages = new Set<number>();
  const { doc, done } = await newPdfDocument(overlayInfo);
  const lastPage = Math.max(blanks.number?.page ?? 0, blanks.day?.page ?? 0, blanks.signature.page);
  for (let i = 0; i < lastPage; i++) doc.addPage();
  const on = (page: number) => {
    doc.switchToPage(page);
    pages.add(page);
  };

  if (blanks.number) {
    const n = formatNumber(facts.number);
    on(blanks.number.page);
    doc.font(blanks.number.font).fontSize(blanks.number.size);
    doc.text(n, blanks.number.right - doc.widthOfString(n), blanks.number.top, { lineBreak: false });
  }
  for (const [spot, text] of [[blanks.day, day], [blanks.month, month]] as const) {
    if (!spot) continue;
    on(spot.page);
    doc.font(spot.font).fontSize(spot.size);
    doc.text(text, spot.center - doc.widthOfString(text) / 2, spot.top, { lineBreak: false });
  }
  if (blanks.year && blanks.year.text !== year) {
    // Signed in December, issued in January: the year printed at signing is covered and written anew.
    const y = blanks.year;
    on(y.page);
    doc.font(y.font).fontSize(y.size);
    doc.rect(y.left, y.top, Math.max(y.width, doc.widthOfString(year)) + 1, doc.currentLineHeight()).fill('white');
    doc.fillColor('black').text(year, y.left, y.top, { lineBreak: false });
  }
  if (facts.seal) {
    // Over the left third of the signature: the signer's image, or where it would be in the signature space.
    const s = blanks.signature;
    const signature = blanks.signatureImage ?? { left: s.left + s.width / 6, top: s.top, width: (s.width * 2) / 3, height: s.height };
    const right = signature.left + signature.width / 3;
    on(s.page);
    doc.image(facts.seal, right - SEAL, signature.top + signature.height / 2 - SEAL / 2, { width: SEAL, height: SEAL });
  }
  const overlay = await finish(doc, done);
  return stampPages(signed, overlay, [...pages].sort((a, b) => a - b));
}

/** The agency's signature shown on an attachment: `01/UBND-CNTT` and `2026-12-01T10:15:30+07:00`, top right. */
export async function stampAttachment(pdf: Buffer, numberSymbol: string, at: Date): Promise<Buffer> {
  const size = pageSize(pdf, 0);
  const { doc, done } = await newPdfDocument(overlayInfo, size);
  const time = vietnamIso(at).replace(/\.\d{3}\+/, '+');
  const width = 60 * MM;
  doc.font('regular').fontSize(10).fillColor('black');
  doc.text(numberSymbol, size[0] - 10 * MM - width, 8 * MM, { width, align: 'right', lineBreak: false });
  doc.text(time, size[0] - 10 * MM - width, 8 * MM + 12, { width, align: 'right', lineBreak: false });
  return stampPages(pdf, await finish(doc, done), [0]);
}
