import type { DocumentType } from './document-types.js';

export interface SymbolFacts {
  type: DocumentType;
  /** Issuer code: `UBND`, `STTTT`, `TGV`. */
  issuerCode: string;
  /** Drafting unit or field code, for a công văn: `CNTT`, `HC-KSTTHC`, `CNTT&CĐS`. */
  unitCode: string;
  /** An advisory body (Hội đồng, Ban, Tổ): its công văn read `CV-{BODY}` (seed 001: `CV-TGV`). */
  advisory?: boolean;
  /** A legal normative document carries its year: `30/2020/NĐ-CP`. */
  legalNormative?: boolean;
  year?: number;
}

/**
 * The symbol (ký hiệu) after the number, Decree 30/2020 App. I; written after `Số: {number}/`:
 * - typed document: `{TYPE}-{ISSUER}`, e.g. `QĐ-UBND`, `TTr-STTTT`;
 * - công văn: `{ISSUER}-{DRAFTING UNIT or FIELD}`, e.g. `UBND-CNTT`; of an advisory body `CV-{BODY}`;
 * - legal normative: `{YEAR}/{TYPE}-{ISSUER}`, so that the whole reads `30/2020/NĐ-CP`.
 * Parts are kept whole: a unit code may itself contain `-` or `&`.
 */
export function buildSymbol(f: SymbolFacts): string {
  if (!f.issuerCode) throw new Error('issuer code is required');
  if (f.type.abbreviation === null) {
    if (f.legalNormative) throw new Error('a công văn is not a legal normative document');
    if (f.advisory) return `CV-${f.issuerCode}`;
    if (!f.unitCode) throw new Error('a công văn symbol needs the drafting unit or field code');
    return `${f.issuerCode}-${f.unitCode}`;
  }
  const typed = `${f.type.abbreviation}-${f.issuerCode}`;
  if (!f.legalNormative) return typed;
  if (!f.year) throw new Error('a legal normative symbol needs the year');
  return `${f.year}/${typed}`;
}

/** Numbers are written with at least two digits: `01` … `09`, `10`, `11` … */
export function formatNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`a document number is a positive integer, got ${n}`);
  return String(n).padStart(2, '0');
}

/** `05/UBND-CNTT`: what follows `Số:` on the page. */
export function formatNumberSymbol(n: number, symbol: string): string {
  return `${formatNumber(n)}/${symbol}`;
}
