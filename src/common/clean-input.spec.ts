import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cleanInput, MAX_DEPTH } from './clean-input.js';

describe('cleanInput', () => {
  it('turns decomposed and mixed Vietnamese into NFC, deep in objects and arrays', () => {
    const nfd = 'Thanh Hóa, Chuyển đổi số'.normalize('NFD');
    const mixed = `${'Ủy ban'.normalize('NFD')} nhân dân ${'tỉnh'.normalize('NFC')}`;
    expect(cleanInput({ subject: nfd, copiesTo: [{ note: mixed }] })).toEqual({
      value: { subject: 'Thanh Hóa, Chuyển đổi số', copiesTo: [{ note: 'Ủy ban nhân dân tỉnh' }] },
      problems: [],
    });
  });

  it('refuses control characters with the field named, and keeps tabs and line breaks', () => {
    expect(cleanInput({ body: 'dòng 1\r\ndòng 2\tcột' }).problems).toEqual([]);
    expect(cleanInput({ subject: 'a\u0000b', copiesTo: [{ note: 'x\u001b[31m' }] }).problems).toEqual([
      { field: 'subject', reason: 'must not contain control characters' },
      { field: 'copiesTo.0.note', reason: 'must not contain control characters' },
    ]);
  });

  it('refuses objects nested deeper than any request needs', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH + 2; i++) deep = { a: deep };
    expect(cleanInput(deep).problems).toEqual([{ field: 'a.a.a.a.a.a.a.a', reason: `must not nest deeper than ${MAX_DEPTH} levels` }]);
  });

  it('leaves any string free of control characters in NFC, and equal to the input up to normalisation (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const { value, problems } = cleanInput({ s });
        if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u.test(s)) return problems.length === 1;
        const out = (value as { s: string }).s;
        return problems.length === 0 && out === s.normalize('NFC') && out.normalize('NFD') === s.normalize('NFD');
      }),
    );
  });
});
