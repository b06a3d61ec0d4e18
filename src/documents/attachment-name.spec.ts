import { describe, expect, it } from '@jest/globals';
import { attachmentName } from './attachment-name.js';

describe('attachmentName', () => {
  it.each([
    ['Dự thảo kế hoạch.docx', 'Dự thảo kế hoạch.docx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ha\\Phụ lục 1.pdf', 'Phụ lục 1.pdf'],
    ['Tờ trình\u0000\u0007.pdf', 'Tờ trình.pdf'],
    ['Te\u0302\u0301p.pdf', 'Tếp.pdf'],
    ['..', null],
    ['   ', null],
    ['dir/', null],
    [Buffer.from('Phụ lục 1.pdf', 'utf8').toString('latin1'), 'Phụ lục 1.pdf'],
    ['Résumé.pdf', 'Résumé.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(attachmentName(raw)).toBe(expected);
  });

  it('keeps at most 200 characters', () => {
    expect(attachmentName(`${'a'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});
