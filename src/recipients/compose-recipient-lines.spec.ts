import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  composeRecipientLines,
  hasKinhGui,
  type RecipientLines,
  type RecipientLinesInput,
} from './compose-recipient-lines.js';

/**
 * The printed lines of one block of a seed (a PDF text extraction: blank lines between lines, long lines wrapped).
 * The block starts at the first line beginning with `heading`; a recipient line starts with `- ` and continues on
 * the following non-empty lines until the next `- ` line; the block ends with the line whose text ends with `.`.
 * Whitespace is collapsed. An item printed on the heading line (`Kính gửi: - Các sở: …`) is moved to its own line.
 */
function printedBlock(text: string, heading: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`"${heading}" not found in the seed`);
  const rest = lines[start].slice(heading.length).trim();
  if (rest !== '' && !rest.startsWith('- ')) return [`${heading} ${rest}`]; // one addressee: `Kính gửi: X.`
  const items: string[] = rest === '' ? [] : [rest];
  for (let i = start + 1; items.length === 0 || !items[items.length - 1].endsWith('.'); i++) {
    if (i >= lines.length) throw new Error(`"${heading}" block has no end`);
    if (lines[i].startsWith('- ')) items.push(lines[i]);
    else if (items.length > 0) items[items.length - 1] += ` ${lines[i]}`;
    else throw new Error(`"${heading}" is followed by "${lines[i]}", not by a recipient line`);
  }
  return [heading, ...items];
}

function seed(prefix: string): RecipientLines {
  const text = readFileSync(new URL(`../../test/fixtures/seeds/${prefix}`, import.meta.url), 'utf8');
  return { kinhGui: printedBlock(text, 'Kính gửi:'), noiNhan: printedBlock(text, 'Nơi nhận:') };
}

const b_c = 'để b/c';

describe('composeRecipientLines reproduces the seed letters', () => {
  it.each<[string, string, RecipientLinesInput, { kinhGui: number; noiNhan: number }]>([
    [
      '000 (công văn, group recipient, copies with notes, two filing units)',
      '000_95d4c5341473564f.txt',
      {
        type: 'CV',
        addressees: [
          { name: 'Các sở, ban, ngành, đơn vị cấp tỉnh' },
          { name: 'Trung tâm Phục vụ hành chính công tỉnh' },
          { name: 'UBND các xã, phường' },
        ],
        copies: [
          { name: 'Ban Thường vụ Tỉnh ủy', note: b_c },
          { name: 'Chủ tịch, các PCT UBND tỉnh', note: b_c },
          { name: 'Ban thường vụ Đảng ủy UBND tỉnh', note: b_c },
          { name: 'Văn phòng Tỉnh ủy' },
          { name: 'Công an tỉnh' },
          { name: 'CVP, các PCVP UBND tỉnh' },
          { name: 'Các DN Viễn thông trên địa bàn tỉnh' },
        ],
        filingUnits: ['HC-KSTTHC', 'CNXDKH'],
      },
      { kinhGui: 4, noiNhan: 10 },
    ],
    [
      '001 (công văn, five addressees, drafter initials)',
      '001_fb4da904fd5d5718.txt',
      {
        type: 'CV',
        addressees: [
          { name: 'Văn phòng Tỉnh ủy' },
          { name: 'Văn phòng UBND tỉnh' },
          { name: 'Sở Tư pháp' },
          { name: 'Sở Nông nghiệp và Môi trường' },
          { name: 'Trung tâm phục vụ hành chính công tỉnh' },
        ],
        copies: [{ name: 'Trưởng Ban Chỉ đạo cấp tỉnh', note: b_c }],
        filingUnits: ['CNTT&CĐS'],
        drafterInitials: 'Hantt',
      },
      { kinhGui: 6, noiNhan: 4 },
    ],
    [
      '002 (công văn, a run of five sở on one line)',
      '002_0aa8876984f42317.txt',
      {
        type: 'CV',
        addressees: [
          { name: 'Sở Thông tin và Truyền thông', shortName: 'Thông tin và Truyền thông', category: 'Các sở' },
          { name: 'Sở Giáo dục và Đào tạo', shortName: 'Giáo dục và Đào tạo', category: 'Các sở' },
          {
            name: 'Sở Nông nghiệp và Phát triển nông thôn',
            shortName: 'Nông nghiệp và Phát triển nông thôn',
            category: 'Các sở',
          },
          { name: 'Sở Y tế', shortName: 'Y tế', category: 'Các sở' },
          {
            name: 'Sở Văn hóa, Thể thao và Du lịch',
            shortName: 'Văn hóa Thể thao và Du lịch',
            category: 'Các sở',
          },
          { name: 'Văn phòng UBND tỉnh' },
        ],
        copies: [{ name: 'PCT Mai Xuân Liêm', note: b_c }],
        filingUnits: ['CNTT'],
      },
      { kinhGui: 3, noiNhan: 4 },
    ],
  ])('%s', (_label, file, input, sizes) => {
    const printed = seed(file);
    // Guards the extraction itself: the whole block was read, not a part of it.
    expect(printed.kinhGui).toHaveLength(sizes.kinhGui);
    expect(printed.noiNhan).toHaveLength(sizes.noiNhan);
    expect(composeRecipientLines(input)).toEqual(printed);
  });
});

const base = { addressees: [], copies: [], filingUnits: ['CNTT'] } satisfies Omit<RecipientLinesInput, 'type'>;

describe('composeRecipientLines', () => {
  it.each<[string, RecipientLinesInput, RecipientLines]>([
    [
      'one addressee: a single Kính gửi line',
      { ...base, type: 'CV', addressees: [{ name: 'Sở Tư pháp' }] },
      { kinhGui: ['Kính gửi: Sở Tư pháp.'], noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'] },
    ],
    [
      'one addressee with a note',
      { ...base, type: 'CV', addressees: [{ name: 'Sở Tư pháp', note: 'để phối hợp' }] },
      {
        kinhGui: ['Kính gửi: Sở Tư pháp (để phối hợp).'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'typed document (QĐ): no Kính gửi, addressees first in Nơi nhận, then copies',
      {
        ...base,
        type: 'QĐ',
        addressees: [{ name: 'Sở Tài chính' }, { name: 'Sở Nội vụ', note: 'để t/h' }],
        copies: [{ name: 'Chủ tịch UBND tỉnh', note: b_c }, { name: 'Công an tỉnh' }],
        filingUnits: ['HC-KSTTHC', 'CNXDKH'],
      },
      {
        kinhGui: [],
        noiNhan: [
          'Nơi nhận:',
          '- Sở Tài chính;',
          '- Sở Nội vụ (để t/h);',
          '- Chủ tịch UBND tỉnh (để b/c);',
          '- Công an tỉnh;',
          '- Lưu: VT, HC-KSTTHC, CNXDKH.',
        ],
      },
    ],
    [
      'typed document (KH) with Kính gửi forced',
      {
        ...base,
        type: 'KH',
        withKinhGui: true,
        addressees: [{ name: 'Sở Tài chính' }, { name: 'Sở Nội vụ' }],
      },
      {
        kinhGui: ['Kính gửi:', '- Sở Tài chính;', '- Sở Nội vụ.'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'tờ trình (TTr): Kính gửi printed',
      {
        ...base,
        type: 'TTr',
        addressees: [{ name: 'UBND tỉnh' }],
        copies: [{ name: 'Sở Tài chính' }],
      },
      {
        kinhGui: ['Kính gửi: UBND tỉnh.'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Sở Tài chính;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'công văn without addressees: no Kính gửi, no "Như trên"',
      { ...base, type: 'CV', copies: [{ name: 'Công an tỉnh' }] },
      { kinhGui: [], noiNhan: ['Nơi nhận:', '- Công an tỉnh;', '- Lưu: VT, CNTT.'] },
    ],
    [
      'a category run of one is printed by its full name',
      {
        ...base,
        type: 'CV',
        addressees: [
          { name: 'Sở Y tế', shortName: 'Y tế', category: 'Các sở' },
          { name: 'Văn phòng UBND tỉnh' },
        ],
      },
      {
        kinhGui: ['Kính gửi:', '- Sở Y tế;', '- Văn phòng UBND tỉnh.'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'two runs of different categories; no short name falls back to the name',
      {
        ...base,
        type: 'CV',
        addressees: [
          { name: 'Sở Y tế', shortName: 'Y tế', category: 'Các sở' },
          { name: 'Sở Tài chính', shortName: '  ', category: 'Các sở' },
          { name: 'Ban Dân tộc', shortName: 'Dân tộc', category: 'Các ban' },
          { name: 'Ban Quản lý Khu kinh tế', shortName: 'Quản lý Khu kinh tế', category: 'Các ban' },
        ],
      },
      {
        kinhGui: ['Kính gửi:', '- Các sở: Y tế, Sở Tài chính;', '- Các ban: Dân tộc, Quản lý Khu kinh tế.'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'a category is grouped only when consecutive; a different note breaks the run; copies group too',
      {
        ...base,
        type: 'CV',
        addressees: [
          { name: 'Sở Y tế', shortName: 'Y tế', category: 'Các sở' },
          { name: 'Công an tỉnh' },
          { name: 'Sở Tài chính', shortName: 'Tài chính', category: 'Các sở' },
        ],
        copies: [
          { name: 'Sở Nội vụ', shortName: 'Nội vụ', category: 'Các sở', note: b_c },
          { name: 'Sở Xây dựng', shortName: 'Xây dựng', category: 'Các sở', note: b_c },
          { name: 'Sở Công Thương', shortName: 'Công Thương', category: 'Các sở' },
        ],
      },
      {
        kinhGui: ['Kính gửi:', '- Sở Y tế;', '- Công an tỉnh;', '- Sở Tài chính.'],
        noiNhan: [
          'Nơi nhận:',
          '- Như trên;',
          '- Các sở: Nội vụ, Xây dựng (để b/c);',
          '- Sở Công Thương;',
          '- Lưu: VT, CNTT.',
        ],
      },
    ],
    [
      'a single run as the only item: the single-line form',
      {
        ...base,
        type: 'CV',
        addressees: [
          { name: 'Sở Y tế', shortName: 'Y tế', category: 'Các sở' },
          { name: 'Sở Tài chính', shortName: 'Tài chính', category: 'Các sở' },
        ],
      },
      {
        kinhGui: ['Kính gửi: Các sở: Y tế, Tài chính.'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTT.'],
      },
    ],
    [
      'a note already in parentheses is not doubled; a blank note is none',
      {
        ...base,
        type: 'QĐ',
        copies: [
          { name: 'Ban Thường vụ Tỉnh ủy', note: '(để b/c)' },
          { name: 'Công an tỉnh', note: '   ' },
          { name: 'Sở Tư pháp', note: '(a) và (b)' },
        ],
      },
      {
        kinhGui: [],
        noiNhan: [
          'Nơi nhận:',
          '- Ban Thường vụ Tỉnh ủy (để b/c);',
          '- Công an tỉnh;',
          '- Sở Tư pháp ((a) và (b));',
          '- Lưu: VT, CNTT.',
        ],
      },
    ],
    [
      'decomposed (NFD) input and stray whitespace come out NFC, trimmed, collapsed',
      {
        type: ' CV ',
        addressees: [{ name: '  Sở  Tư pháp\n'.normalize('NFD'), note: ' để   b/c '.normalize('NFD') }],
        copies: [{ name: 'Ban Thường vụ Tỉnh ủy'.normalize('NFD') }],
        filingUnits: [' CNTT&CĐS '.normalize('NFD')],
        drafterInitials: ' Hantt ',
      },
      {
        kinhGui: ['Kính gửi: Sở Tư pháp (để b/c).'],
        noiNhan: ['Nơi nhận:', '- Như trên;', '- Ban Thường vụ Tỉnh ủy;', '- Lưu: VT, CNTT&CĐSHantt.'],
      },
    ],
    [
      'copy count after the initials, two digits at least',
      { ...base, type: 'CV', addressees: [{ name: 'Sở Tư pháp' }], drafterInitials: 'Hantt', copyCount: 5 },
      { kinhGui: ['Kính gửi: Sở Tư pháp.'], noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTTHantt(05).'] },
    ],
    [
      'copy count without initials, more than two digits',
      { ...base, type: 'QĐ', filingUnits: ['HC-KSTTHC', 'CNXDKH'], copyCount: 120 },
      { kinhGui: [], noiNhan: ['Nơi nhận:', '- Lưu: VT, HC-KSTTHC, CNXDKH(120).'] },
    ],
  ])('%s', (_label, input, expected) => {
    const lines = composeRecipientLines(input);
    expect(lines).toEqual(expected);
    for (const line of [...lines.kinhGui, ...lines.noiNhan]) expect(line).toBe(line.normalize('NFC'));
  });

  it.each<[string, RecipientLinesInput, RegExp]>([
    [
      'an empty addressee name',
      { ...base, type: 'CV', addressees: [{ name: '' }] },
      /name is empty \(addressees\[0\]\)/,
    ],
    [
      'a blank copy name',
      { ...base, type: 'CV', copies: [{ name: 'Công an tỉnh' }, { name: ' \n ' }] },
      /name is empty \(copies\[1\]\)/,
    ],
    [
      'an empty name even in a type without Kính gửi',
      { ...base, type: 'QĐ', addressees: [{ name: '   ' }] },
      /name is empty \(addressees\[0\]\)/,
    ],
    ['no filing unit', { ...base, type: 'CV', filingUnits: [] }, /At least one filing unit/],
    ['a blank filing unit', { ...base, type: 'CV', filingUnits: ['CNTT', ' '] }, /filingUnits\[1\]/],
    ['a zero copy count', { ...base, type: 'CV', copyCount: 0 }, /positive integer/],
    ['a fractional copy count', { ...base, type: 'CV', copyCount: 2.5 }, /positive integer/],
  ])('throws on %s', (_label, input, message) => {
    expect(() => composeRecipientLines(input)).toThrow(message);
  });
});

describe('hasKinhGui', () => {
  it.each<[string, boolean | undefined, boolean]>([
    ['CV', undefined, true],
    ['TTr', undefined, true],
    ['QĐ', undefined, false],
    ['KH', undefined, false],
    ['QĐ', true, true],
    ['CV', false, true],
    ['ttr', undefined, false],
    ['QĐ'.normalize('NFD'), undefined, false],
  ])('%j, withKinhGui %j → %j', (type, force, expected) => expect(hasKinhGui(type, force)).toBe(expected));
});
