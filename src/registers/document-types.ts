/**
 * Document types of Decree 30/2020 (Appendix III) with their official abbreviations, written exactly
 * (mixed case included: `QyĐ`, `CTr`, `TTr`). A công văn has no abbreviation: its API code is `CV`.
 */
export interface DocumentType {
  /** API code: the official abbreviation, or `CV` for a công văn. */
  code: string;
  /** Name as printed (upper-cased in the heading of a typed document). */
  name: string;
  /** Official abbreviation used in the symbol; null for công văn. */
  abbreviation: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { code: 'CV', name: 'Công văn', abbreviation: null },
  { code: 'NQ', name: 'Nghị quyết', abbreviation: 'NQ' },
  { code: 'QĐ', name: 'Quyết định', abbreviation: 'QĐ' },
  { code: 'CT', name: 'Chỉ thị', abbreviation: 'CT' },
  { code: 'QC', name: 'Quy chế', abbreviation: 'QC' },
  { code: 'QyĐ', name: 'Quy định', abbreviation: 'QyĐ' },
  { code: 'TC', name: 'Thông cáo', abbreviation: 'TC' },
  { code: 'TB', name: 'Thông báo', abbreviation: 'TB' },
  { code: 'HD', name: 'Hướng dẫn', abbreviation: 'HD' },
  { code: 'CTr', name: 'Chương trình', abbreviation: 'CTr' },
  { code: 'KH', name: 'Kế hoạch', abbreviation: 'KH' },
  { code: 'PA', name: 'Phương án', abbreviation: 'PA' },
  { code: 'ĐA', name: 'Đề án', abbreviation: 'ĐA' },
  { code: 'DA', name: 'Dự án', abbreviation: 'DA' },
  { code: 'BC', name: 'Báo cáo', abbreviation: 'BC' },
  { code: 'BB', name: 'Biên bản', abbreviation: 'BB' },
  { code: 'TTr', name: 'Tờ trình', abbreviation: 'TTr' },
  { code: 'HĐ', name: 'Hợp đồng', abbreviation: 'HĐ' },
  { code: 'CĐ', name: 'Công điện', abbreviation: 'CĐ' },
  { code: 'BGN', name: 'Bản ghi nhớ', abbreviation: 'BGN' },
  { code: 'BTT', name: 'Bản thỏa thuận', abbreviation: 'BTT' },
  { code: 'GUQ', name: 'Giấy ủy quyền', abbreviation: 'GUQ' },
  { code: 'GM', name: 'Giấy mời', abbreviation: 'GM' },
  { code: 'GGT', name: 'Giấy giới thiệu', abbreviation: 'GGT' },
  { code: 'GNP', name: 'Giấy nghỉ phép', abbreviation: 'GNP' },
  { code: 'PG', name: 'Phiếu gửi', abbreviation: 'PG' },
  { code: 'PC', name: 'Phiếu chuyển', abbreviation: 'PC' },
  { code: 'PB', name: 'Phiếu báo', abbreviation: 'PB' },
];

const BY_CODE = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

/** Looks a type up by its API code; the code is compared in Unicode NFC (a decomposed `Đ` still matches). */
export function findDocumentType(code: string): DocumentType | undefined {
  return BY_CODE.get(code.normalize('NFC'));
}

export const DOCUMENT_TYPE_CODES = DOCUMENT_TYPES.map((t) => t.code);
