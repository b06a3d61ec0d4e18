import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { expectInOrder, pdfText, SEED_002 as seed002, SEED_002_LINES } from '../../test/support/pdf-tools.js';
import { composePage } from './compose-page.js';
import { renderPdf } from './render-pdf.js';

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
    expectInOrder(lines, SEED_002_LINES);
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
