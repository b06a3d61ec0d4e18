import type { DocumentType } from './document-types.js';

/**
 * The symbol (ký hiệu) after the number, Decree 30/2020 App. I:
 * - công văn: `{ISSUER}-{DRAFTING UNIT or FIELD}`, e.g. `UBND-CNTT`;
 * - typed document: `{TYPE}-{ISSUER}`, e.g. `QĐ-UBND`.
 * Parts are kept whole: a unit code may itself contain `-` or `&` (`HC-KSTTHC`, `CNTT&CĐS`).
 */
export function buildSymbol(type: DocumentType, issuerCode: string, unitCode: string): string {
  if (!issuerCode) throw new Error('issuer code is required');
  if (type.abbreviation === null) {
    if (!unitCode) throw new Error('a công văn symbol needs the drafting unit code');
    return `${issuerCode}-${unitCode}`;
  }
  return `${type.abbreviation}-${issuerCode}`;
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
