/**
 * The outgoing register book (sổ đăng ký văn bản đi), Decree 30/2020 App. IV: its ten columns, as CSV and as a
 * printable book (a cover, then the table). Pure functions of the rows the registers service reads.
 */
import { findDocumentType } from './document-types.js';
import { formatNumberSymbol } from './build-symbol.js';
import { vietnamDate } from './format-date-line.js';
import { CONFIDENTIALITY_MARK, URGENCY_MARK, type Confidentiality, type Urgency } from '../documents/document-marks.js';
import { csvRecord } from '../common/csv.js';

export interface RegisterEntryRow {
  id: string;
  number: number;
  symbol: string;
  issued_at: Date;
  type: string;
  subject: string;
  urgency: Urgency;
  confidentiality: Confidentiality;
  signer_name: string;
  recipients: string[];
  unit_code: string;
  drafter_name: string;
  corrects: string | null;
  replaces: string | null;
  /** Recipients that received and registered the document (status 03 or later), with the day, in order. */
  received: Array<{ name: string; at: string }>;
}

/** The ten columns, headed as the decree names them. */
export const REGISTER_COLUMNS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung văn bản',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
] as const;

export interface RegisterEntry {
  documentId: string;
  numberSymbol: string;
  date: string;
  typeAndSubject: string;
  signer: string;
  recipients: string;
  filedWith: string;
  copies: number;
  sentOn: string;
  receivedBy: string;
  notes: string;
}

/** `05/01/2026`: day and month on two digits, Vietnam time. */
export function registerDate(at: Date): string {
  const d = vietnamDate(at);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

export function toRegisterEntry(r: RegisterEntryRow): RegisterEntry {
  const type = findDocumentType(r.type);
  const typeAndSubject = type?.abbreviation === null ? `Công văn V/v ${r.subject}` : `${type?.name ?? r.type} ${r.subject}`;
  const notes = [
    URGENCY_MARK[r.urgency],
    CONFIDENTIALITY_MARK[r.confidentiality],
    r.corrects ? `Đính chính văn bản số ${r.corrects}` : null,
    r.replaces ? `Thay thế văn bản số ${r.replaces}` : null,
  ].filter(Boolean);
  return {
    documentId: r.id,
    numberSymbol: formatNumberSymbol(r.number, r.symbol),
    date: registerDate(new Date(r.issued_at)),
    typeAndSubject,
    signer: r.signer_name,
    recipients: r.recipients.join('; '),
    // The original stays with the clerk (VT); a copy with the drafting unit, for the drafter.
    filedWith: `VT; ${r.unit_code} (${r.drafter_name})`,
    copies: r.recipients.length + 2,
    // Electronic documents are sent at issue.
    sentOn: registerDate(new Date(r.issued_at)),
    // Ký nhận: on paper the receiver signs; electronically, each recipient's registration (status 03) and its day.
    receivedBy: r.received.map((x) => `${x.name} (${registerDate(new Date(x.at))})`).join('; '),
    notes: notes.join('; '),
  };
}

const ENTRY_FIELDS: Array<keyof RegisterEntry> = [
  'numberSymbol', 'date', 'typeAndSubject', 'signer', 'recipients', 'filedWith', 'copies', 'sentOn', 'receivedBy', 'notes',
];

export function registerCsvHeader(): string {
  return csvRecord(REGISTER_COLUMNS);
}

export function registerCsvLine(e: RegisterEntry): string {
  return csvRecord(ENTRY_FIELDS.map((f) => e[f]));
}

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface BookCover {
  superiorName: string | null;
  agencyName: string;
  registerName: string;
  year: number;
  fromNumber: string | null;
  toNumber: string | null;
}

/** The register as a printable book: a cover page, then the table, A4 landscape; print it from the browser. */
export function renderRegisterBook(cover: BookCover, entries: RegisterEntry[]): string {
  const rows = entries
    .map((e) => `<tr>${ENTRY_FIELDS.map((f) => `<td>${escapeHtml(e[f])}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(cover.registerName)}</title>
<style>
  @page { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: "Times New Roman", "Liberation Serif", "Tinos", serif; font-size: 13pt; color: #000; }
  .cover { height: 165mm; display: flex; flex-direction: column; justify-content: space-between; text-align: center; page-break-after: always; }
  .cover .agency { text-transform: uppercase; font-weight: bold; }
  .cover h1 { font-size: 24pt; margin: 0; }
  table { width: 100%; border-collapse: collapse; font-size: 11pt; }
  thead { display: table-header-group; }
  th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; }
  th { font-weight: bold; text-align: center; }
  tr { page-break-inside: avoid; }
</style>
</head>
<body>
<section class="cover">
  <div>${cover.superiorName ? `<div>${escapeHtml(cover.superiorName)}</div>` : ''}<div class="agency">${escapeHtml(cover.agencyName)}</div></div>
  <div><h1>SỔ ĐĂNG KÝ VĂN BẢN ĐI</h1><p>${escapeHtml(cover.registerName)}</p><p>Năm ${cover.year}</p></div>
  <div><p>Từ số ${escapeHtml(cover.fromNumber ?? '…')} đến số ${escapeHtml(cover.toNumber ?? '…')}</p><p>Quyển số: 01</p></div>
</section>
<table>
<thead>
<tr>${REGISTER_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>
<tr>${REGISTER_COLUMNS.map((_, i) => `<th>(${i + 1})</th>`).join('')}</tr>
</thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
