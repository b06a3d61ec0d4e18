import { describe, expect, it } from '@jest/globals';
import { buildSymbol, formatNumber, formatNumberSymbol, type SymbolFacts } from './build-symbol.js';
import { DOCUMENT_TYPES, findDocumentType } from './document-types.js';
import { seriesFor } from './series.js';

const type = (code: string) => findDocumentType(code)!;
const sym = (code: string, issuerCode: string, unitCode: string, extra: Partial<SymbolFacts> = {}) =>
  buildSymbol({ type: type(code), issuerCode, unitCode, ...extra });

describe('buildSymbol', () => {
  it.each([
    // The seed letters.
    ['CV', 'UBND', 'CNTT', {}, 'UBND-CNTT'],
    ['CV', 'UBND', 'CNXDKH', {}, 'UBND-CNXDKH'],
    ['CV', 'TGV', 'TGV', { advisory: true }, 'CV-TGV'],
    // Unit codes with - and & stay whole.
    ['CV', 'UBND', 'HC-KSTTHC', {}, 'UBND-HC-KSTTHC'],
    ['CV', 'UBND', 'CNTT&CĐS', {}, 'UBND-CNTT&CĐS'],
    ['CV', 'BNV', 'VP', {}, 'BNV-VP'],
    // Typed documents.
    ['QĐ', 'UBND', 'CNTT', {}, 'QĐ-UBND'],
    ['KH', 'UBND', 'CNTT', {}, 'KH-UBND'],
    ['TTr', 'STTTT', 'VP', {}, 'TTr-STTTT'],
    ['QĐ', 'TGV', 'TGV', { advisory: true }, 'QĐ-TGV'],
    // Legal normative: the year in the symbol.
    ['QĐ', 'UBND', 'TH', { legalNormative: true, year: 2026 }, '2026/QĐ-UBND'],
    ['NQ', 'HĐND', 'TH', { legalNormative: true, year: 2025 }, '2025/NQ-HĐND'],
  ] as const)('%s of %s drafted by %s %j → %s', (code, issuer, unit, extra, expected) => {
    expect(sym(code, issuer, unit, extra)).toBe(expected);
  });

  it.each(DOCUMENT_TYPES.filter((t) => t.abbreviation !== null).map((t) => [t.name, t.abbreviation!]))(
    '%s → %s-UBND, written exactly',
    (name, abbreviation) => {
      const t = DOCUMENT_TYPES.find((x) => x.name === name)!;
      expect(buildSymbol({ type: t, issuerCode: 'UBND', unitCode: 'CNTT' })).toBe(`${abbreviation}-UBND`);
    },
  );

  it('reads a legal normative number as the decree writes it', () => {
    expect(formatNumberSymbol(30, sym('QĐ', 'UBND', 'TH', { legalNormative: true, year: 2020 }))).toBe('30/2020/QĐ-UBND');
  });

  it('refuses what cannot be', () => {
    expect(() => sym('CV', 'UBND', '')).toThrow(/unit/);
    expect(() => sym('CV', 'UBND', 'TH', { legalNormative: true, year: 2026 })).toThrow(/công văn/);
    expect(() => sym('QĐ', 'UBND', 'TH', { legalNormative: true })).toThrow(/year/);
    expect(() => sym('QĐ', '', 'TH')).toThrow(/issuer/);
  });
});

describe('numbers', () => {
  it.each([
    ...Array.from({ length: 9 }, (_, i) => [i + 1, `0${i + 1}`] as const),
    [10, '10'],
    [11, '11'],
    [99, '99'],
    [100, '100'],
    [281, '281'],
    [8585, '8585'],
  ])('%i → %s', (n, expected) => expect(formatNumber(n)).toBe(expected));

  it('writes number and symbol as after "Số:"', () => {
    expect(formatNumberSymbol(5, 'UBND-CNTT')).toBe('05/UBND-CNTT');
  });

  it('refuses what is not a positive integer', () => {
    expect(() => formatNumber(0)).toThrow();
    expect(() => formatNumber(-3)).toThrow();
    expect(() => formatNumber(1.5)).toThrow();
  });
});

describe('document types', () => {
  it('writes the abbreviations of Decree 30 exactly, mixed case included', () => {
    expect(Object.fromEntries(DOCUMENT_TYPES.map((t) => [t.name, t.abbreviation]))).toEqual({
      'Công văn': null,
      'Nghị quyết': 'NQ',
      'Quyết định': 'QĐ',
      'Chỉ thị': 'CT',
      'Quy chế': 'QC',
      'Quy định': 'QyĐ',
      'Thông cáo': 'TC',
      'Thông báo': 'TB',
      'Hướng dẫn': 'HD',
      'Chương trình': 'CTr',
      'Kế hoạch': 'KH',
      'Phương án': 'PA',
      'Đề án': 'ĐA',
      'Dự án': 'DA',
      'Báo cáo': 'BC',
      'Biên bản': 'BB',
      'Tờ trình': 'TTr',
      'Hợp đồng': 'HĐ',
      'Công điện': 'CĐ',
      'Bản ghi nhớ': 'BGN',
      'Bản thỏa thuận': 'BTT',
      'Giấy ủy quyền': 'GUQ',
      'Giấy mời': 'GM',
      'Giấy giới thiệu': 'GGT',
      'Giấy nghỉ phép': 'GNP',
      'Phiếu gửi': 'PG',
      'Phiếu chuyển': 'PC',
      'Phiếu báo': 'PB',
    });
    expect(new Set(DOCUMENT_TYPES.map((t) => t.code)).size).toBe(DOCUMENT_TYPES.length);
  });

  it('finds a type whatever the Unicode form of its code', () => {
    expect(findDocumentType('QĐ'.normalize('NFD'))?.name).toBe('Quyết định');
    expect(findDocumentType('QyĐ'.normalize('NFD'))?.name).toBe('Quy định');
  });
});

describe('number series', () => {
  const facts = (code: string, extra: Partial<{ confidentiality: string; legalNormative: boolean }> = {}) => ({
    type: type(code),
    confidentiality: 'normal',
    legalNormative: false,
    ...extra,
  });
  it.each([
    [facts('CV'), 'per-type', 'type:CV', 'Sổ đăng ký công văn đi'],
    [facts('KH'), 'per-type', 'type:KH', 'Sổ đăng ký kế hoạch đi'],
    [facts('CV'), 'shared', 'administrative', 'Sổ đăng ký văn bản hành chính đi'],
    [facts('KH'), 'shared', 'administrative', 'Sổ đăng ký văn bản hành chính đi'],
    [facts('CV', { confidentiality: 'mat' }), 'per-type', 'confidential', 'Sổ đăng ký văn bản mật đi'],
    [facts('QĐ', { legalNormative: true }), 'shared', 'legal:QĐ', 'Sổ đăng ký quyết định (văn bản quy phạm pháp luật)'],
    [facts('QĐ', { legalNormative: true, confidentiality: 'toi-mat' }), 'per-type', 'confidential', 'Sổ đăng ký văn bản mật đi'],
  ] as const)('%j in %s mode → %s', (f, mode, key, name) => {
    expect(seriesFor(f, mode)).toEqual({ key, name });
  });
});
