/**
 * The official page (thể thức, Decree 30/2020 App. I; domain notes §5) as text blocks, for every stage of a document:
 * what the web app's preview lays out and what the PDF will print. Pure.
 *
 * - Top left: the superior body (if any) and the issuer, upper-case; under them `Số: 05/UBND-CNTT` — before issue
 *   the number is left blank with the symbol it will have (`Số:            /UBND-CNTT`, as signed drafts print).
 * - Top right: the national motto, then the place-and-date line — before issue `Thanh Hóa, ngày      tháng      năm
 *   2026`.
 * - A công văn: `V/v <trích yếu>` under `Số:`, then `Kính gửi:`; a typed document: its type name upper-case, then the
 *   trích yếu (a tờ trình also has `Kính gửi:`).
 * - The body, ending `./.`.
 * - Bottom left `Nơi nhận:`, bottom right the signature block: the mark and title lines, then the signer's name.
 * - Marks: urgency (`HỎA TỐC`, `THƯỢNG KHẨN`, `KHẨN`) and confidentiality (`MẬT` …).
 * - When the document gives tasks, the appendix (phụ lục, seed 001) on pages of its own: `PHỤ LỤC`, `DANH MỤC NHIỆM
 *   VỤ`, `(Kèm theo Kế hoạch số            /KH-UBND ngày      /6/2025 của …)` — number and day left blank, as on
 *   electronic documents the agency's signature carries them (domain notes §5) — then the table: TT, Nội dung nhiệm vụ,
 *   Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành (and Sản phẩm when a task names one); a section opens with its
 *   Roman numeral.
 */
import { buildSymbol, formatNumber } from '../registers/build-symbol.js';
import { findDocumentType } from '../registers/document-types.js';
import { vietnamDate } from '../registers/format-date-line.js';
import { CONFIDENTIALITY_MARK, URGENCY_MARK, type Confidentiality, type Urgency } from '../documents/document-marks.js';
import type { RecipientLines } from '../recipients/compose-recipient-lines.js';

export interface PageFacts {
  type: string;
  subject: string;
  body: string;
  urgency: string;
  confidentiality: string;
  legalNormative: boolean;
  issuer: { name: string; code: string; place: string; superiorName: string | null; kind: 'agency' | 'advisory' };
  draftingUnitCode: string;
  number: number | null;
  symbol: string | null;
  dateLine: string | null;
  signatureBlock: string[] | null;
  recipientLines: RecipientLines;
  /** The tasks the document gives, in order (document-tasks/). */
  tasks?: TaskLine[];
}

export interface TaskLine {
  section: string | null;
  content: string;
  lead: string;
  coordinating: string;
  deadline: string;
  product: string;
}

export type AppendixRow = { kind: 'section'; numeral: string; text: string } | { kind: 'task'; cells: string[] };

export interface Appendix {
  heading: [string, string];
  reference: string;
  columns: string[];
  rows: AppendixRow[];
}

export interface OfficialPage {
  marks: { urgency: string | null; confidentiality: string | null };
  superior: string | null;
  issuer: string;
  /** The issuer as printed, one element per line: a People's Committee's name breaks before its place (seed 000). */
  issuerLines: string[];
  motto: [string, string];
  numberLine: string;
  dateLine: string;
  /** A typed document's name, upper-case (`QUYẾT ĐỊNH`); null for a công văn. */
  typeName: string | null;
  /** The trích yếu: `V/v …` for a công văn, the subject line under the type name otherwise. */
  subjectLine: string;
  kinhGui: string[];
  /** Paragraphs of the body, the last one ending `./.`. */
  body: string[];
  noiNhan: string[];
  /** The mark and title lines of the signature block (the signature goes under them). */
  signatureTitles: string[];
  signerName: string | null;
  /** The appendix of tasks, or null when the document gives none. */
  appendix: Appendix | null;
}

const BLANK = '      ';
/** Wide enough for a five-digit number written in at issue (issued-page.ts), as the seeds leave it. */
const NUMBER_BLANK = ' '.repeat(12);

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** `./.` closes the body: added after its last sentence when the drafter did not write it. */
export function closeBody(body: string): string[] {
  const paragraphs = body
    .normalize('NFC')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (paragraphs.length === 0) return [];
  const last = paragraphs[paragraphs.length - 1];
  if (!last.endsWith('./.')) paragraphs[paragraphs.length - 1] = `${last.replace(/[.;:,]+$/, '')}./.`;
  return paragraphs;
}

/** `ỦY BAN NHÂN DÂN` / `TỈNH THANH HÓA`: an elected body's name on its own line, its place under it, as the seeds print. */
export function issuerLines(issuer: string): string[] {
  const m = /^(ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN) (.+)$/u.exec(issuer);
  return m ? [m[1], m[2]] : [issuer];
}

export function composePage(f: PageFacts, now: Date): OfficialPage {
  const type = findDocumentType(f.type);
  const cong = !type || type.abbreviation === null;
  const year = vietnamDate(now).year;
  const symbol =
    f.symbol ??
    (type
      ? buildSymbol({
          type,
          issuerCode: f.issuer.code,
          unitCode: f.draftingUnitCode,
          advisory: f.issuer.kind === 'advisory',
          legalNormative: f.legalNormative,
          year,
        })
      : f.issuer.code);
  const block = f.signatureBlock ?? [];
  return {
    marks: {
      urgency: URGENCY_MARK[f.urgency as Urgency] ?? null,
      confidentiality: CONFIDENTIALITY_MARK[f.confidentiality as Confidentiality] ?? null,
    },
    superior: f.issuer.superiorName ? upper(f.issuer.superiorName) : null,
    issuer: upper(f.issuer.name),
    issuerLines: issuerLines(upper(f.issuer.name)),
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    numberLine: f.number === null ? `Số:${NUMBER_BLANK}/${symbol}` : `Số: ${formatNumber(f.number)}/${symbol}`,
    dateLine: f.dateLine ?? `${f.issuer.place}, ngày${BLANK}tháng${BLANK}năm ${year}`,
    typeName: cong ? null : upper(type!.name),
    subjectLine: cong ? `V/v ${f.subject}` : f.subject,
    kinhGui: f.recipientLines.kinhGui,
    body: closeBody(f.body),
    noiNhan: f.recipientLines.noiNhan,
    signatureTitles: block.slice(0, -1),
    signerName: block.length > 0 ? block[block.length - 1] : null,
    appendix: appendixOf(f.tasks ?? [], { typeName: type?.name ?? 'Văn bản', symbol, issuerName: f.issuer.name, now }),
  };
}

/** The appendix of tasks (phụ lục): heading, the reference line with its blanks, the table's columns and rows. */
export function appendixOf(tasks: readonly TaskLine[], d: { typeName: string; symbol: string; issuerName: string; now: Date }): Appendix | null {
  if (tasks.length === 0) return null;
  const withProduct = tasks.some((t) => t.product);
  const { month, year } = vietnamDate(d.now);
  const rows: AppendixRow[] = [];
  let section: string | null = null;
  tasks.forEach((t, i) => {
    if (t.section && t.section !== section) {
      section = t.section;
      const m = /^([IVXLC]+)\.\s*(.*)$/u.exec(t.section);
      rows.push({ kind: 'section', numeral: m ? m[1] : '', text: m ? m[2] : t.section });
    }
    rows.push({ kind: 'task', cells: [String(i + 1), t.content, t.lead, t.coordinating, t.deadline, ...(withProduct ? [t.product] : [])] });
  });
  return {
    heading: ['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ'],
    reference: `(Kèm theo ${d.typeName} số${NUMBER_BLANK}/${d.symbol} ngày${BLANK}/${month}/${year} của ${d.issuerName.normalize('NFC')})`,
    columns: ['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', ...(withProduct ? ['Sản phẩm'] : [])],
    rows,
  };
}
