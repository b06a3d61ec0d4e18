import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { buildSignatureBlock, type SigningAuthority } from './build-signature-block.js';

describe('buildSignatureBlock', () => {
  it.each<[string, SigningAuthority, string, string[]]>([
    [
      'seed 000: a Phó Chủ tịch signs in place of the Chủ tịch',
      { kind: 'deputy', headTitle: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH' },
      'Mai Xuân Liêm',
      ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Mai Xuân Liêm'],
    ],
    [
      'seed 001: the head of an advisory body prints both titles',
      { kind: 'advisory', bodyTitle: 'TỔ TRƯỞNG', title: 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ' },
      'Nguyễn Văn A',
      ['TỔ TRƯỞNG', 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Nguyễn Văn A'],
    ],
    [
      'seed 002: the Phó Chánh Văn phòng signs by order, in place of the Chánh Văn phòng',
      { kind: 'by-order', headTitle: 'CHỦ TỊCH', unitHeadTitle: 'CHÁNH VĂN PHÒNG', deputyTitle: 'PHÓ CHÁNH VĂN PHÒNG' },
      'Nguyễn Đức Thịnh',
      ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Đức Thịnh'],
    ],
    [
      'the Chánh Văn phòng signs by order',
      { kind: 'by-order', headTitle: 'CHỦ TỊCH', unitHeadTitle: 'CHÁNH VĂN PHÒNG' },
      'Hoàng Văn Tùng',
      ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Hoàng Văn Tùng'],
    ],
    [
      'the Chủ tịch on behalf of the People’s Committee',
      { kind: 'head', title: 'CHỦ TỊCH', collective: 'ỦY BAN NHÂN DÂN' },
      'Đỗ Minh Tuấn',
      ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Minh Tuấn'],
    ],
    [
      'a Phó Chủ tịch, collective regime',
      { kind: 'deputy', headTitle: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', collective: 'ỦY BAN NHÂN DÂN' },
      'Nguyễn Văn Bình',
      ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình'],
    ],
    ['an acting Chủ tịch', { kind: 'acting', headTitle: 'CHỦ TỊCH' }, 'Lê Văn Cường', ['Q. CHỦ TỊCH', 'Lê Văn Cường']],
    [
      'an acting Chủ tịch, collective regime',
      { kind: 'acting', headTitle: 'CHỦ TỊCH', collective: 'ỦY BAN NHÂN DÂN' },
      'Lê Văn Cường',
      ['TM. ỦY BAN NHÂN DÂN', 'Q. CHỦ TỊCH', 'Lê Văn Cường'],
    ],
    [
      'a Giám đốc Sở by written authorisation of the Chủ tịch',
      { kind: 'by-authorisation', grantorTitle: 'CHỦ TỊCH', title: 'GIÁM ĐỐC SỞ TƯ PHÁP' },
      'Trịnh Thị Mai',
      ['TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ TƯ PHÁP', 'Trịnh Thị Mai'],
    ],
    ['a head in his own name', { kind: 'head', title: 'GIÁM ĐỐC' }, 'Phan Văn D', ['GIÁM ĐỐC', 'Phan Văn D']],
  ])('%s', (_name, authority, fullName, expected) => {
    expect(buildSignatureBlock(authority, fullName)).toEqual(expected);
  });

  it('writes titles upper-case in NFC, whatever they were given in', () => {
    expect(buildSignatureBlock({ kind: 'deputy', headTitle: 'Chủ tịch'.normalize('NFD'), title: 'phó chủ tịch' }, ' Mai Xuân Liêm ')).toEqual([
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Mai Xuân Liêm',
    ]);
  });
});

describe('the blocks of the seed letters (test/fixtures/seeds)', () => {
  const seed = (name: string) =>
    fs
      .readFileSync(new URL(`../../test/fixtures/seeds/${name}`, import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);

  it.each<[string, SigningAuthority, string]>([
    ['000_95d4c5341473564f.txt', { kind: 'deputy', headTitle: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH' }, 'Mai Xuân Liêm'],
    ['002_0aa8876984f42317.txt', { kind: 'by-order', headTitle: 'CHỦ TỊCH', unitHeadTitle: 'CHÁNH VĂN PHÒNG', deputyTitle: 'PHÓ CHÁNH VĂN PHÒNG' }, 'Nguyễn Đức Thịnh'],
  ])('%s ends with the block we build', (file, authority, name) => {
    const lines = seed(file);
    const block = buildSignatureBlock(authority, name);
    const at = lines.indexOf(block[0]);
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + block.length)).toEqual(block);
  });

  it('001_fb4da904fd5d5718.txt: the Tổ Giúp việc signs with both titles', () => {
    const lines = seed('001_fb4da904fd5d5718.txt');
    const block = buildSignatureBlock({ kind: 'advisory', bodyTitle: 'TỔ TRƯỞNG', title: 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ' }, 'x').slice(0, 2);
    const at = lines.indexOf(block[0]);
    expect(lines.slice(at, at + 2)).toEqual(block);
  });
});
