/**
 * The official page (compose-page.ts) as an A4 PDF in the layout of Decree 30/2020 App. I (domain notes §5):
 * margins top and bottom 20 mm, left 30 mm, right 15 mm; Tinos, the Times New Roman–metric serif with every
 * Vietnamese glyph (shipped in the npm package @expo-google-fonts/tinos, embedded and subset: nothing is downloaded);
 * the header in two columns (issuer and number on the left, national motto and date line on the right), the type name
 * or `V/v`, Kính gửi, the body justified with a first-line indent, then `Nơi nhận:` on the left and the signature block
 * on the right; urgency and confidentiality marks under the number; page numbers from page 2, centred at the top.
 */
import { createRequire } from 'node:module';
import type { Appendix, OfficialPage } from './compose-page.js';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf'),
};

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** Room left blank for the signature (and, electronically, the signature image and the seal). */
const SIGNATURE_SPACE = 28 * MM;

export interface PdfInfo {
  title: string;
  author: string;
  subject: string | null;
  createdAt: Date;
  /** The signer's handwritten signature (PNG), drawn in the signature space of a signed revision. */
  signatureImage?: Buffer | null;
}

/** A place on a page, in points from the page's top left (pdfkit's coordinates). */
export interface Spot {
  page: number;
  top: number;
  /** The font and size of the line the spot is on. */
  font: Font;
  size: number;
}

/**
 * Where the blanks of an unnumbered page are, so that issuing can write into the signed revision exactly where the
 * number and the date go, in the same font and size (issued-page.ts): the number ends at the slash of `Số:      /…`,
 * the day and month are centred in their blanks; the year, the signature space and the signer's image are kept for
 * the seal and for an issue in another year.
 */
export interface PdfBlanks {
  number: (Spot & { right: number }) | null;
  day: (Spot & { center: number }) | null;
  month: (Spot & { center: number }) | null;
  year: (Spot & { left: number; width: number; text: string }) | null;
  signature: { page: number; left: number; top: number; width: number; height: number };
  signatureImage: { left: number; top: number; width: number; height: number } | null;
}

export type Font = keyof typeof FONTS;

export async function renderPdf(page: OfficialPage, info: PdfInfo): Promise<Buffer> {
  return (await renderPdfWithBlanks(page, info)).pdf;
}

/** A new A4 pdfkit document with Tinos registered (also for the issued page's overlay). */
export async function newPdfDocument(info: PdfInfo, size: string | [number, number] = 'A4') {
  // Loaded when the first PDF is asked for: pdfkit and its font engine are tens of MiB the server need not hold before.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size,
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    // Only keys with a value: pdfkit hashes every one of them into the file id.
    info: { Title: info.title, Author: info.author, ...(info.subject ? { Subject: info.subject } : {}), Producer: 'congvan', Creator: 'congvan', CreationDate: info.createdAt },
    lang: 'vi-VN',
    displayTitle: true,
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export async function renderPdfWithBlanks(page: OfficialPage, info: PdfInfo): Promise<{ pdf: Buffer; blanks: PdfBlanks }> {
  const { doc, done } = await newPdfDocument(info);
  const blanks: PdfBlanks = { number: null, day: null, month: null, year: null, signature: { page: 0, left: 0, top: 0, width: 0, height: 0 }, signatureImage: null };

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = doc.page.height - MARGIN.bottom;
  /** Writes centred lines in a column from y; returns the y under them. */
  type Line = { text: string; font: Font; size: number; rule?: 'short' | 'full'; at?: (left: number, top: number) => void };
  const column = (lines: Line[], x: number, w: number, y: number) => {
    for (const l of lines) {
      doc.font(l.font).fontSize(l.size);
      // A centred line starts where pdfkit puts it: half the spare width in.
      l.at?.(x + (w - doc.widthOfString(l.text)) / 2, y);
      doc.text(l.text, x, y, { width: w, align: 'center', lineGap: 1 });
      y = doc.y;
      if (l.rule) {
        const lineWidth = Math.min(w, doc.widthOfString(l.text.split('\n').pop() ?? l.text));
        const ruleWidth = l.rule === 'short' ? Math.max(40, lineWidth / 3) : lineWidth;
        doc.moveTo(x + (w - ruleWidth) / 2, y + 1).lineTo(x + (w + ruleWidth) / 2, y + 1).lineWidth(0.6).stroke();
        y += 5;
      }
    }
    return y;
  };

  // Header: the issuer's column (about 2/5) and the motto's (3/5).
  const leftWidth = width * 0.42;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = MARGIN.top;
  const pageNo = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  /** `Số:      /…` before issue: the number will end at the slash. */
  function numberBlank(x: number, top: number) {
    const m = /^(Số:\s+)\//u.exec(page.numberLine);
    if (m) blanks.number = { page: pageNo(), top, font: 'regular', size: 13, right: x + doc.widthOfString(m[1]) };
  }
  /** `…, ngày      tháng      năm 2026` before issue: the day and the month go in the middle of their blanks. */
  function dateBlanks(x: number, top: number) {
    const m = /^(.*ngày)(\s+)(tháng)(\s+)(năm )(\d{4})$/u.exec(page.dateLine);
    if (!m) return;
    const spot = { page: pageNo(), top, font: 'italic' as const, size: 13.5 };
    const w = (t: string) => doc.widthOfString(t);
    const dayStart = x + w(m[1]);
    blanks.day = { ...spot, center: dayStart + w(m[2]) / 2 };
    const monthStart = dayStart + w(m[2] + m[3]);
    blanks.month = { ...spot, center: monthStart + w(m[4]) / 2 };
    const yearLeft = monthStart + w(m[4] + m[5]);
    blanks.year = { ...spot, left: yearLeft, width: w(m[6]), text: m[6] };
  }
  const leftLines: Line[] = [
    ...(page.superior ? [{ text: page.superior, font: 'regular' as const, size: 12.5 }] : []),
    { text: page.issuerLines.join('\n'), font: 'bold' as const, size: 12.5, rule: 'short' as const },
    { text: page.numberLine, font: 'regular' as const, size: 13, at: numberBlank },
    ...(page.typeName ? [] : [{ text: page.subjectLine, font: 'regular' as const, size: 12 }]),
    ...[page.marks.urgency, page.marks.confidentiality].filter((m): m is string => !!m).map((m) => ({ text: m, font: 'bold' as const, size: 13 })),
  ];
  const leftEnd = column(leftLines, left, leftWidth, top);
  const rightEnd = column(
    [
      { text: page.motto[0], font: 'bold', size: 12.5 },
      { text: page.motto[1], font: 'bold', size: 13, rule: 'full' },
      { text: page.dateLine, font: 'italic', size: 13.5, at: dateBlanks },
    ],
    rightX,
    rightWidth,
    top,
  );
  let y = Math.max(leftEnd, rightEnd) + 14;

  // A typed document's name and trích yếu, centred.
  if (page.typeName) {
    y = column(
      [
        { text: page.typeName, font: 'bold', size: 14 },
        { text: page.subjectLine, font: 'bold', size: 14, rule: 'short' },
      ],
      left,
      width,
      y,
    ) + 10;
  }

  // Kính gửi: one recipient on its line; several one per line under the heading.
  doc.font('regular').fontSize(14);
  if (page.kinhGui.length === 1) {
    doc.text(page.kinhGui[0], left, y, { width, align: 'center' });
    y = doc.y + 8;
  } else if (page.kinhGui.length > 1) {
    const indent = width * 0.18;
    doc.text(page.kinhGui[0], left + indent, y, { width: width - indent });
    const itemsX = left + indent + doc.widthOfString('Kính gửi: ');
    y = doc.y;
    for (const item of page.kinhGui.slice(1)) {
      doc.text(item, itemsX, y, { width: left + width - itemsX });
      y = doc.y;
    }
    y += 8;
  }

  // The body: justified, first-line indent 1 cm, pages added as it runs over.
  doc.font('regular').fontSize(14);
  doc.x = left;
  doc.y = y;
  for (const p of page.body) {
    doc.text(p, left, doc.y, { width, align: 'justify', indent: 10 * MM, lineGap: 2, paragraphGap: 6 });
  }
  y = doc.y + 12;

  // Nơi nhận (left) and the signature block (right), kept together on one page.
  const noiWidth = width * 0.45;
  const signX = left + noiWidth;
  const signWidth = width - noiWidth;
  const measure = () => {
    doc.font('regular').fontSize(11);
    const noi = page.noiNhan.reduce((h, l) => h + doc.heightOfString(l, { width: noiWidth }), 0) + 4;
    doc.font('bold').fontSize(13.5);
    const sign =
      page.signatureTitles.reduce((h, l) => h + doc.heightOfString(l, { width: signWidth }), 0) +
      SIGNATURE_SPACE +
      (page.signerName ? doc.heightOfString(page.signerName, { width: signWidth }) : 0);
    return Math.max(noi, sign);
  };
  if (y + measure() > bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  let noiY = y;
  page.noiNhan.forEach((line, i) => {
    if (i === 0) doc.font('boldItalic').fontSize(12);
    else doc.font('regular').fontSize(11);
    doc.text(line, left, noiY, { width: noiWidth });
    noiY = doc.y;
  });
  let signY = column(
    page.signatureTitles.map((t) => ({ text: t, font: 'bold' as const, size: 13.5 })),
    signX,
    signWidth,
    y,
  );
  blanks.signature = { page: pageNo(), left: signX, top: signY, width: signWidth, height: SIGNATURE_SPACE };
  if (info.signatureImage) {
    // The handwritten signature, centred in the space, at most 2/3 of the column wide.
    const box = { width: signWidth * 0.66, height: SIGNATURE_SPACE - 4 * MM };
    // openImage (not in @types/pdfkit) reads the PNG once: its size places it, doc.image draws it.
    const image = (doc as unknown as { openImage(b: Buffer): { width: number; height: number } }).openImage(info.signatureImage);
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const at = { left: signX + (signWidth - width) / 2, top: signY + (SIGNATURE_SPACE - height) / 2, width, height };
    doc.image(image as unknown as Buffer, at.left, at.top, { width, height });
    blanks.signatureImage = at;
  }
  if (page.signerName) {
    signY += SIGNATURE_SPACE;
    column([{ text: page.signerName, font: 'bold', size: 13.5 }], signX, signWidth, signY);
  }

  if (page.appendix) drawAppendix(doc, page.appendix, left, width, bottom);

  // Page numbers from page 2, centred in the top margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(13).text(String(i + 1), left, MARGIN.top / 2, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return { pdf: await done, blanks };
}

export type PdfDoc = Awaited<ReturnType<typeof newPdfDocument>>['doc'];

/** A row of a ruled table: its cells; `span` merges every cell after the first (a section's title), `bold` for headings. */
export interface TableRow {
  cells: string[];
  bold?: boolean;
  span?: boolean;
}

/**
 * A ruled table from `top` at `left`, columns `widths` wide, in Tinos `size`: each row as tall as its tallest cell,
 * a page added (with the header row again) when the next row would run past `bottom`. `align` per column. Returns
 * the y under it.
 */
export function drawTable(
  doc: PdfDoc,
  t: { left: number; top: number; bottom: number; widths: number[]; header: string[]; rows: TableRow[]; align: Array<'left' | 'center' | 'right'>; size?: number },
): number {
  const pad = 3;
  const size = t.size ?? 11;
  const xs = t.widths.map((_, i) => t.left + t.widths.slice(0, i).reduce((x, w) => x + w, 0));
  const total = t.widths.reduce((x, w) => x + w, 0);
  type Cell = { text: string; x: number; w: number; bold: boolean; align: 'left' | 'center' | 'right' };
  const cellsOf = (r: TableRow, header = false): Cell[] =>
    r.span
      ? [
          { text: r.cells[0], x: xs[0], w: t.widths[0], bold: true, align: 'center' },
          { text: r.cells[1] ?? '', x: xs[1], w: total - t.widths[0], bold: true, align: 'left' },
        ]
      : r.cells.map((text, i) => ({ text, x: xs[i], w: t.widths[i], bold: header || !!r.bold, align: header ? 'center' : t.align[i] }));
  const heightOf = (cells: Cell[]) =>
    Math.max(...cells.map((c) => doc.font(c.bold ? 'bold' : 'regular').fontSize(size).heightOfString(c.text || ' ', { width: c.w - 2 * pad }))) + 2 * pad;
  let y = t.top;
  const draw = (cells: Cell[]) => {
    const h = heightOf(cells);
    for (const c of cells) {
      doc.lineWidth(0.5).rect(c.x, y, c.w, h).stroke();
      doc.font(c.bold ? 'bold' : 'regular').fontSize(size).text(c.text, c.x + pad, y + pad, { width: c.w - 2 * pad, align: c.align });
    }
    y += h;
  };
  const header = cellsOf({ cells: t.header }, true);
  draw(header);
  for (const r of t.rows) {
    const cells = cellsOf(r);
    if (y + heightOf(cells) > t.bottom) {
      doc.addPage();
      y = MARGIN.top;
      draw(header);
    }
    draw(cells);
  }
  return y;
}

/** Column widths of the appendix table, in mm of the 165 mm between the margins (seed 001's proportions). */
const APPENDIX_COLUMNS_MM = { 5: [10, 62, 33, 33, 27], 6: [9, 50, 28, 28, 23, 27] } as Record<number, number[]>;

/** Widths in points for a table `width` wide, from proportions. */
export const columnWidths = (proportions: number[], width: number) => {
  const sum = proportions.reduce((x, w) => x + w, 0);
  return proportions.map((w) => (w / sum) * width);
};

/**
 * The appendix of tasks on pages of its own: heading and reference line centred, then the table with ruled cells,
 * its header row repeated on each page it runs onto; a section row holds its numeral and, across the other columns,
 * its title in bold.
 */
function drawAppendix(doc: PdfDoc, a: Appendix, left: number, width: number, bottom: number): void {
  doc.addPage();
  let y = MARGIN.top;
  doc.font('bold').fontSize(13);
  for (const h of a.heading) {
    doc.text(h, left, y, { width, align: 'center' });
    y = doc.y;
  }
  doc.font('italic').fontSize(12).text(a.reference, left, y, { width, align: 'center' });
  drawTable(doc, {
    left,
    top: doc.y + 8,
    bottom,
    widths: columnWidths(APPENDIX_COLUMNS_MM[a.columns.length], width),
    header: a.columns,
    rows: a.rows.map((r) => (r.kind === 'section' ? { cells: [r.numeral, r.text], span: true } : { cells: r.cells })),
    align: a.columns.map((_, i) => (i === 0 || i === 4 ? 'center' : 'left')),
  });
}

/** The page's margins and usable box, for other documents drawn in the same layout (the task report). */
export const PAGE_BOX = { margin: MARGIN, mm: MM };
