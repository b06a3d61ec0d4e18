import { describe, expect, it } from '@jest/globals';
import { buildSymbol, formatNumber, formatNumberSymbol } from './build-symbol.js';
import { DOCUMENT_TYPES, findDocumentType } from './document-types.js';

const type = (code: string) => findDocumentType(code)!;

describe('buildSymbol', () => {
  it.each([
    ['CV', 'UBND', 'CNTT', 'UBND-CNTT'],
    ['CV', 'UBND', 'HC-KSTTHC', 'UBND-HC-KSTTHC'],
    ['CV', 'UBND', 'CNTT&CĐS', 'UBND-CNTT&CĐS'],
    ['QĐ', 'UBND', 'CNTT', 'QĐ-UBND'],
    ['KH', 'UBND', 'CNTT', 'KH-UBND'],
    ['TTr', 'STTTT', 'VP', 'TTr-STTTT'],
    ['QyĐ', 'UBND', 'TH', 'QyĐ-UBND'],
    ['CTr', 'UBND', 'TH', 'CTr-UBND'],
  ])('%s of %s drafted by %s → %s', (code, issuer, unit, expected) => {
    expect(buildSymbol(type(code), issuer, unit)).toBe(expected);
  });

  it('refuses a công văn without a unit code', () => {
    expect(() => buildSymbol(type('CV'), 'UBND', '')).toThrow(/unit/);
  });
});

describe('numbers', () => {
  it.each([
    [1, '01'],
    [9, '09'],
    [10, '10'],
    [281, '281'],
    [8585, '8585'],
  ])('%i → %s', (n, expected) => expect(formatNumber(n)).toBe(expected));

  it('writes number and symbol as after "Số:"', () => {
    expect(formatNumberSymbol(5, 'UBND-CNTT')).toBe('05/UBND-CNTT');
  });

  it('refuses what is not a positive integer', () => {
    expect(() => formatNumber(0)).toThrow();
    expect(() => formatNumber(1.5)).toThrow();
  });
});

describe('document types', () => {
  it('writes the abbreviations of Decree 30 exactly, mixed case included', () => {
    const abbr = Object.fromEntries(DOCUMENT_TYPES.map((t) => [t.name, t.abbreviation]));
    expect(abbr).toMatchObject({
      'Quy định': 'QyĐ',
      'Chương trình': 'CTr',
      'Tờ trình': 'TTr',
      'Quyết định': 'QĐ',
      'Đề án': 'ĐA',
      'Dự án': 'DA',
      'Công văn': null,
    });
    expect(new Set(DOCUMENT_TYPES.map((t) => t.code)).size).toBe(DOCUMENT_TYPES.length);
  });

  it('finds a type whatever the Unicode form of its code', () => {
    expect(findDocumentType('QĐ'.normalize('NFD'))?.name).toBe('Quyết định');
  });
});
