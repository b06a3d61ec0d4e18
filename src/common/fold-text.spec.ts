import { describe, expect, it } from '@jest/globals';
import { foldText, likePattern } from './fold-text.js';

describe('foldText', () => {
  it.each([
    ['Chuyển đổi số', 'chuyen doi so'],
    ['chuyen doi so', 'chuyen doi so'],
    ['Thanh Hóa', 'thanh hoa'],
    ['Thanh Hoá', 'thanh hoa'],
    ['Thanh Hóa'.normalize('NFD'), 'thanh hoa'],
    ['Thanh Hoá'.normalize('NFD'), 'thanh hoa'],
    ['ĐỀ ÁN 06', 'de an 06'],
    ['  Sở   Tư pháp\n', 'so tu phap'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Uỷ ban nhân dân', 'uy ban nhan dan'],
  ])('%j → %j', (input, expected) => expect(foldText(input)).toBe(expected));
});

describe('likePattern', () => {
  it('matches wildcards literally', () => {
    expect(likePattern('50% ke_hoach')).toBe('%50\\% ke\\_hoach%');
  });
});
