/**
 * Reading PDFs the way independent tools do, for tests: Debian's poppler-utils (installed by `npm test`) —
 * pdftotext for the text, pdfsig for the signatures, pdfimages for the images — and a công văn built like seed 002.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PageFacts } from '../../src/rendering/compose-page.js';

/** Runs a poppler tool on the PDF; its output even when it exits non-zero (pdfsig does, for a bad signature). */
function poppler(tool: string, args: string[], pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    try {
      return execFileSync(tool, [...args, path.join(dir, 'a.pdf'), ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const out = (err as { stdout?: string }).stdout;
      if (typeof out === 'string' && out.length > 0) return out;
      throw err;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it, layout kept, spaces collapsed, empty lines dropped. */
export function pdfText(pdf: Buffer): string[] {
  return poppler('pdftotext', ['-layout', '-enc', 'UTF-8'], pdf)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Each expected fragment on a line of its own or shared with the other column, in this order. */
export function expectInOrder(lines: string[], fragments: string[]): void {
  let at = 0;
  for (const f of fragments) {
    const found = lines.findIndex((l, i) => i >= at && l.includes(f));
    if (found < 0) throw new Error(`"${f}" not found after line ${at}:\n${lines.join('\n')}`);
    at = found;
  }
}

/** pdfsig's full report. */
export function pdfsigReport(pdf: Buffer): string {
  return poppler('pdfsig', [], pdf);
}

/** What pdfsig says of each signature, in order: `Signature is Valid.`, `Digest Mismatch.` … */
export function pdfsig(pdf: Buffer): string[] {
  return pdfsigReport(pdf)
    .split('\n')
    .filter((l) => l.includes('Signature Validation:'))
    .map((l) => l.split('Signature Validation:')[1].trim());
}

/** The images drawn on the pages (pdfimages -list): page, width, height, type (`image`, `smask`). */
export function pdfImages(pdf: Buffer): Array<{ page: number; width: number; height: number; type: string }> {
  return poppler('pdfimages', ['-list'], pdf)
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map(([page, , type, width, height]) => ({ page: Number(page), width: Number(width), height: Number(height), type }));
}

/** A công văn built like seed 002: UBND tỉnh, drafted in Phòng CNTT, signed TL. / KT. by the Phó Chánh Văn phòng. */
export const SEED_002: PageFacts = {
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

/** The lines of seed 002's first page, in order, as pdftotext reads them (number and date as issued). */
export const SEED_002_LINES = [
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
];
