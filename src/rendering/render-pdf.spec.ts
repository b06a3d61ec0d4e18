import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composePage, type PageFacts } from './compose-page.js';
import { renderPdf } from './render-pdf.js';

/** The text of a PDF as Debian's pdftotext reads it (poppler-utils, installed by `npm test`), layout kept, lines trimmed. */
function pdfText(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'a.pdf'), path.join(dir, 'a.txt')]);
    return fs
      .readFileSync(path.join(dir, 'a.txt'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each expected fragment on a line of its own or shared with the other column, in this order. */
function expectInOrder(lines: string[], fragments: string[]) {
  let at = 0;
  for (const f of fragments) {
    const found = lines.findIndex((l, i) => i >= at && l.includes(f));
    if (found < 0) throw new Error(`"${f}" not found after line ${at}:\n${lines.join('\n')}`);
    at = found;
  }
}

/** A công văn built like seed 002: UBND tỉnh, drafted in Phòng CNTT, signed TL. / KT. by the Phó Chánh Văn phòng. */
const seed002: PageFacts = {
  type: 'CV',
  subject: 'giao rà soát, hoàn chỉnh dự thảo Kế hoạch ứng dụng và phát triển CNTT nâng cao hiệu quả quản lý, khai thác và sử dụng nguồn lực cơ sở vật chất, hạ tầng kinh tế - xã hội tỉnh Thanh Hóa đến năm 2025',
  body: [
    'UBND tỉnh nhận được Tờ trình số 1086/TTr-STTTT ngày 24/6/2020 của Sở Thông tin và Truyền thông về việc ban hành Kế hoạch ứng dụng và phát triển CNTT; Phó Chủ tịch UBND tỉnh Mai Xuân Liêm có ý kiến chỉ đạo như sau:',
    '1. Giao các sở, ngành, đơn vị căn cứ chức năng, nhiệm vụ được giao, rà soát các mục tiêu, nhiệm vụ thuộc ngành, lĩnh vực quản lý theo dự thảo Kế hoạch; thời gian hoàn thành trước ngày 31/7/2020.',
    '2. Giao Sở Kế hoạch và Đầu tư thẩm định Kế hoạch và trình Chủ tịch UBND tỉnh xem xét, phê duyệt trước ngày 10/8/2020.',
  ].join('\n'),
  urgency: 'normal',
  confidentiality: 'normal',
  legalNormative: false,
  issuer: { name: 'Ủy ban nhân dân tỉnh Thanh Hóa', code: 'UBND', place: 'Thanh Hóa', superiorName: null, kind: 'agency' },
  draftingUnitCode: 'CNTT',
  number: 1,
  symbol: 'UBND-CNTT',
  dateLine: 'Thanh Hóa, ngày 20 tháng 7 năm 2020',
  signatureBlock: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Đức Thịnh'],
  recipientLines: {
    kinhGui: [
      'Kính gửi:',
      '- Các sở: Thông tin và Truyền thông, Giáo dục và Đào tạo, Nông nghiệp và Phát triển nông thôn, Y tế, Văn hóa Thể thao và Du lịch;',
      '- Văn phòng UBND tỉnh.',
    ],
    noiNhan: ['Nơi nhận:', '- Như trên;', '- PCT Mai Xuân Liêm (để b/c);', '- Lưu: VT, CNTT.'],
  },
};

const info = { title: 'Công văn', author: 'Ủy ban nhân dân tỉnh Thanh Hóa', subject: '01/UBND-CNTT', createdAt: new Date('2020-07-20T03:00:00Z') };

describe('renderPdf', () => {
  it('prints a công văn like seed 002, line by line as pdftotext reads it', async () => {
    const pdf = await renderPdf(composePage(seed002, new Date('2020-07-20T03:00:00Z')), info);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept for a look: test-artifacts/pdf/seed-002.pdf.
    const artifacts = new URL('../../test-artifacts/pdf/', import.meta.url);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(new URL('seed-002.pdf', artifacts), pdf);
    const lines = pdfText(pdf);
    expectInOrder(lines, [
      'ỦY BAN NHÂN DÂN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH THANH HÓA',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 01/UBND-CNTT',
      'Thanh Hóa, ngày 20 tháng 7 năm 2020',
      'V/v giao rà soát',
      'Kính gửi:',
      '- Văn phòng UBND tỉnh.',
      'UBND tỉnh nhận được Tờ trình số 1086/TTr-STTTT',
      'phê duyệt trước ngày 10/8/2020./.',
      'Nơi nhận:',
      'TL. CHỦ TỊCH',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      '- Lưu: VT, CNTT.',
      'Nguyễn Đức Thịnh',
    ]);
    expect(lines[0]).toMatch(/^ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    expect(lines[1]).toMatch(/^TỈNH THANH HÓA Độc lập - Tự do - Hạnh phúc$/);
    // One page: no page number printed.
    expect(lines).not.toContain('2');
  });

  it('leaves the number and the day blank on a draft, as signed drafts print', async () => {
    const lines = pdfText(await renderPdf(composePage({ ...seed002, number: null, symbol: null, dateLine: null }, new Date('2026-12-01T03:00:00Z')), { ...info, subject: null }));
    expect(lines.some((l) => /Số: \/UBND-CNTT/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Thanh Hóa, ngày tháng năm 2026'))).toBe(true);
  });

  it('numbers the pages from page 2, and prints the marks and a typed document’s name', async () => {
    const long = { ...seed002, type: 'QĐ', subject: 'Về việc ban hành Quy chế làm việc', urgency: 'hoa-toc', confidentiality: 'mat', symbol: 'QĐ-UBND', body: Array(40).fill('Điều khoản của quy chế được trình bày đầy đủ, rõ ràng và đúng thể thức văn bản hành chính.').join('\n') };
    const lines = pdfText(await renderPdf(composePage(long, new Date('2026-12-01T03:00:00Z')), info));
    expectInOrder(lines, ['Số: 01/QĐ-UBND', 'HỎA TỐC', 'MẬT', 'QUYẾT ĐỊNH', 'Về việc ban hành Quy chế làm việc', '2']);
    expect(lines).toContain('2');
    expect(lines).not.toContain('1');
  });
});
