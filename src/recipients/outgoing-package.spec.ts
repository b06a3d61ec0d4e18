import { describe, expect, it } from '@jest/globals';
import { organIdOf, PRIORITY_OF, signerInfoOf, toPlacesOf } from './outgoing-package.js';

describe('the edXML facts of an outgoing document', () => {
  it.each([
    [['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Đức Thịnh'], 'TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Đức Thịnh'],
    [['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Mai Xuân Liêm'], 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Mai Xuân Liêm'],
    [['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Minh Tuấn'], 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Minh Tuấn'],
    [['GIÁM ĐỐC', 'Trịnh Thị Mai'], '', 'GIÁM ĐỐC', 'Trịnh Thị Mai'],
  ])('SignerInfo of %j', (block, competence, position, fullName) => {
    expect(signerInfoOf(block)).toEqual({ competence, position, fullName });
  });

  it('refuses a block without a title', () => {
    expect(() => signerInfoOf(['Nguyễn Văn A'])).toThrow(/title and a name/);
  });

  it('lists the places it goes to, addressees first, notes kept once', () => {
    const r = (name: string, role: 'addressee' | 'copy', note: string | null = null) => ({ id: name, code: name, name, role, note, kind: 'agency', shortName: null, category: null });
    expect(toPlacesOf({ recipients: [r('PCT Mai Xuân Liêm', 'copy', 'để b/c'), r('Sở Y tế', 'addressee'), r('Công an tỉnh', 'copy', '(để biết)')] })).toEqual([
      'Sở Y tế',
      'PCT Mai Xuân Liêm (để b/c)',
      'Công an tỉnh (để biết)',
    ]);
  });

  it('maps urgency to Priority and falls back to the agency code without an identifier', () => {
    expect(PRIORITY_OF).toEqual({ normal: 0, khan: 1, 'thuong-khan': 2, 'hoa-toc': 3 });
    expect(organIdOf({ organId: '000.00.00.H56', code: 'UBND' })).toBe('000.00.00.H56');
    expect(organIdOf({ organId: null, code: 'TGV' })).toBe('TGV');
  });
});
