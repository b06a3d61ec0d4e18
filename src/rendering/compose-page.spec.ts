import { describe, expect, it } from '@jest/globals';
import { closeBody, composePage, type PageFacts } from './compose-page.js';

const now = new Date('2026-12-01T03:00:00Z');
const ubnd = { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', code: 'UBND', place: 'Thanh Hóa', superiorName: null, kind: 'agency' as const };
const lines = { kinhGui: ['Kính gửi: Sở Tư pháp.'], noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'] };
const draft: PageFacts = {
  type: 'CV',
  subject: 'giao rà soát, hoàn chỉnh dự thảo Kế hoạch',
  body: 'UBND tỉnh nhận được Tờ trình số 1086/TTr-STTTT.\n\n1. Giao các sở, ngành rà soát.',
  urgency: 'khan',
  confidentiality: 'normal',
  legalNormative: false,
  issuer: ubnd,
  draftingUnitCode: 'CNTT',
  number: null,
  symbol: null,
  dateLine: null,
  signatureBlock: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Đức Thịnh'],
  recipientLines: lines,
};

describe('composePage', () => {
  it('lays out a draft công văn as seed 002 prints it: blank number and date, V/v, the body closed ./.', () => {
    expect(composePage(draft, now)).toEqual({
      marks: { urgency: 'KHẨN', confidentiality: null },
      superior: null,
      issuer: 'ỦY BAN NHÂN DÂN TỈNH THANH HÓA',
      issuerLines: ['ỦY BAN NHÂN DÂN', 'TỈNH THANH HÓA'],
      motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
      numberLine: 'Số:            /UBND-CNTT',
      dateLine: 'Thanh Hóa, ngày      tháng      năm 2026',
      typeName: null,
      subjectLine: 'V/v giao rà soát, hoàn chỉnh dự thảo Kế hoạch',
      kinhGui: ['Kính gửi: Sở Tư pháp.'],
      body: ['UBND tỉnh nhận được Tờ trình số 1086/TTr-STTTT.', '1. Giao các sở, ngành rà soát./.'],
      noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      signatureTitles: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'],
      signerName: 'Nguyễn Đức Thịnh',
      appendix: null,
    });
  });

  it('adds the appendix of the tasks a document gives: sections with their numerals, a Sản phẩm column when one names a product', () => {
    const task = { content: 'Rà soát dữ liệu hộ tịch', lead: 'Sở Tư pháp', coordinating: 'Công an tỉnh', deadline: 'Hoàn thành trong tháng 6/2025', product: '' };
    const page = composePage(
      { ...draft, type: 'KH', tasks: [{ ...task, section: 'I. Về dữ liệu' }, { ...task, section: 'I. Về dữ liệu', product: 'Báo cáo kết quả' }, { ...task, section: null }] },
      now,
    );
    expect(page.appendix).toEqual({
      heading: ['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ'],
      reference: '(Kèm theo Kế hoạch số            /KH-UBND ngày      /12/2026 của Ủy ban nhân dân tỉnh Thanh Hóa)',
      columns: ['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'],
      rows: [
        { kind: 'section', numeral: 'I', text: 'Về dữ liệu' },
        { kind: 'task', cells: ['1', 'Rà soát dữ liệu hộ tịch', 'Sở Tư pháp', 'Công an tỉnh', 'Hoàn thành trong tháng 6/2025', ''] },
        { kind: 'task', cells: ['2', 'Rà soát dữ liệu hộ tịch', 'Sở Tư pháp', 'Công an tỉnh', 'Hoàn thành trong tháng 6/2025', 'Báo cáo kết quả'] },
        { kind: 'task', cells: ['3', 'Rà soát dữ liệu hộ tịch', 'Sở Tư pháp', 'Công an tỉnh', 'Hoàn thành trong tháng 6/2025', ''] },
      ],
    });
  });

  it('prints the number and date once issued', () => {
    const page = composePage({ ...draft, number: 5, symbol: 'UBND-CNTT', dateLine: 'Thanh Hóa, ngày 01 tháng 12 năm 2026' }, now);
    expect(page.numberLine).toBe('Số: 05/UBND-CNTT');
    expect(page.dateLine).toBe('Thanh Hóa, ngày 01 tháng 12 năm 2026');
  });

  it('heads a typed document with its name upper-case and the symbol it will have', () => {
    const page = composePage({ ...draft, type: 'QĐ', subject: 'Về việc ban hành Quy chế', confidentiality: 'mat', urgency: 'normal' }, now);
    expect(page).toMatchObject({ typeName: 'QUYẾT ĐỊNH', subjectLine: 'Về việc ban hành Quy chế', numberLine: 'Số:            /QĐ-UBND' });
    expect(page.marks).toEqual({ urgency: null, confidentiality: 'MẬT' });
    expect(composePage({ ...draft, type: 'QĐ', legalNormative: true }, now).numberLine).toBe('Số:            /2026/QĐ-UBND');
  });

  it('writes an advisory body’s công văn CV-<body> under its superior', () => {
    const tgv = { name: 'Tổ Giúp việc', code: 'TGV', place: 'Thanh Hóa', superiorName: 'Ban Chỉ đạo cấp tỉnh', kind: 'advisory' as const };
    expect(composePage({ ...draft, issuer: tgv }, now)).toMatchObject({ superior: 'BAN CHỈ ĐẠO CẤP TỈNH', issuer: 'TỔ GIÚP VIỆC', issuerLines: ['TỔ GIÚP VIỆC'], numberLine: 'Số:            /CV-TGV' });
  });

  it.each([
    ['Đề nghị các đơn vị thực hiện.', ['Đề nghị các đơn vị thực hiện./.']],
    ['Đề nghị các đơn vị thực hiện./.', ['Đề nghị các đơn vị thực hiện./.']],
    ['Đề nghị thực hiện;', ['Đề nghị thực hiện./.']],
    ['  \n ', []],
  ])('closes the body %j', (body, expected) => {
    expect(closeBody(body)).toEqual(expected);
  });
});
