/**
 * The printed recipient lines of a document: the `Kính gửi:` block under the subject and the `Nơi nhận:` block
 * beside the signature (Decree 30/2020 App. I, and local practice as printed in test/fixtures/seeds 000–002).
 * Pure: no I/O, no Nest, no database.
 *
 * Text. Every name, short name, category, note, unit code and the drafter's initials is NFC-normalised, trimmed,
 * and its inner whitespace runs collapse to one space. An empty (or blank) name throws; a blank short name,
 * category or note counts as not given.
 *
 * Kính gửi. Printed for a công văn (type code `CV`) and a tờ trình (`TTr`), and for any other type when the caller
 * sets `withKinhGui` (`hasKinhGui`); type codes are compared exactly after NFC (`TTr`, not `ttr`). It is not
 * printed when there is no addressee (`kinhGui` is then `[]`, and Nơi nhận has no `- Như trên;`).
 * - One printed item: a single line `Kính gửi: <item>.` (e.g. `Kính gửi: Sở Tư pháp.`).
 * - Several: the heading `Kính gửi:`, then one line per item `- <item>;`, the last one ending `.` instead of `;`.
 *
 * Items. An item is one recipient printed by its full name, with its note if any, or a category run:
 * - Category run: two or more consecutive recipients with the same `category` and the same note (none counts as
 *   the same) print as one item `<category>: <short>, <short>, …` using each one's `shortName` (its name when not
 *   given), e.g. `Các sở: Thông tin và Truyền thông, Y tế`. A lone member of a category (a run of one) is printed
 *   by its full name. Runs never span the addressee and copy lists. The same grouping applies to every list
 *   (addressees in either block, and copies).
 * - Note: kept in parentheses after the item, `Ban Thường vụ Tỉnh ủy (để b/c)`; a note that the caller already
 *   wrapped in one pair of parentheses is not wrapped again. A category run's shared note follows the run.
 * - A group recipient (`UBND các xã, phường`) is an ordinary recipient: printed by its name; commas inside a
 *   name are never split.
 *
 * Nơi nhận. The heading `Nơi nhận:`, then:
 * 1. `- Như trên;` when Kính gửi was printed (the addressees are not repeated), otherwise the addressees, each
 *    item `- <item>;` (typed documents such as QĐ, KH: their addressees are listed here);
 * 2. the copies in the order given, each `- <item>;`;
 * 3. always last `- Lưu: VT, <unit codes joined by ", ">.` — the archive (VT) then the filing units, the drafting
 *    unit last. Codes are printed whole (`HC-KSTTHC`, `CNTT&CĐS`); at least one is required. The drafter's
 *    initials, when given, are glued to the last code with no space, and the number of copies, when given, follows
 *    in parentheses with at least two digits: `- Lưu: VT, CNTT&CĐSHantt.`, `- Lưu: VT, CNTTHantt(05).`
 *    The number of copies must be a positive integer.
 */

export interface RecipientLineInput {
  name: string;
  shortName?: string | null;
  category?: string | null;
  note?: string | null;
}

export interface RecipientLinesInput {
  /** Document type code: 'CV', 'TTr', 'QĐ', 'KH', … */
  type: string;
  addressees: RecipientLineInput[];
  copies: RecipientLineInput[];
  /** Unit codes keeping a copy, drafting unit last: ['HC-KSTTHC', 'CNXDKH'] */
  filingUnits: string[];
  drafterInitials?: string | null;
  copyCount?: number | null;
  /** Force Kính gửi lines for a type that does not print them by default */
  withKinhGui?: boolean;
}

/** `kinhGui` is [] when not printed; both include their heading line. */
export interface RecipientLines {
  kinhGui: string[];
  noiNhan: string[];
}

/** Types whose Kính gửi block is printed by default. */
const KINH_GUI_TYPES: ReadonlySet<string> = new Set(['CV', 'TTr']);

const KINH_GUI = 'Kính gửi:';
const NOI_NHAN = 'Nơi nhận:';
const NHU_TREN = '- Như trên;';

/** NFC, trimmed, inner whitespace collapsed. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A cleaned optional text; blank counts as not given. */
function optional(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const c = clean(text);
  return c === '' ? null : c;
}

/** True when the whole text is one parenthesised group: `(để b/c)`, not `(a) và (b)`. */
function isParenthesised(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
}

function withNote(text: string, note: string | null): string {
  if (note === null) return text;
  return `${text} ${isParenthesised(note) ? note : `(${note})`}`;
}

interface Recipient {
  name: string;
  shortName: string;
  category: string | null;
  note: string | null;
}

function toRecipient(r: RecipientLineInput, where: string): Recipient {
  const name = typeof r?.name === 'string' ? clean(r.name) : '';
  if (name === '') throw new Error(`Recipient name is empty (${where}): every recipient needs a name`);
  return {
    name,
    shortName: optional(r.shortName) ?? name,
    category: optional(r.category),
    note: optional(r.note),
  };
}

/** The printed items of one list (without dash or end punctuation): category runs merged. */
function items(list: RecipientLineInput[], listName: string): string[] {
  const recipients = list.map((r, i) => toRecipient(r, `${listName}[${i}]`));
  const out: string[] = [];
  for (let i = 0; i < recipients.length; ) {
    const first = recipients[i];
    let end = i + 1;
    if (first.category !== null) {
      while (
        end < recipients.length &&
        recipients[end].category === first.category &&
        recipients[end].note === first.note
      ) {
        end++;
      }
    }
    if (end - i >= 2) {
      const shorts = recipients.slice(i, end).map((r) => r.shortName);
      out.push(withNote(`${first.category}: ${shorts.join(', ')}`, first.note));
    } else {
      out.push(withNote(first.name, first.note));
    }
    i = end;
  }
  return out;
}

function filingLine(
  units: string[],
  initials: string | null | undefined,
  copyCount: number | null | undefined,
): string {
  if (!Array.isArray(units) || units.length === 0) {
    throw new Error('At least one filing unit code is required for the "Lưu" line');
  }
  const codes = units.map((u, i) => {
    const code = typeof u === 'string' ? clean(u) : '';
    if (code === '') throw new Error(`Filing unit code is empty (filingUnits[${i}])`);
    return code;
  });
  let tail = optional(initials) ?? '';
  if (copyCount !== null && copyCount !== undefined) {
    if (!Number.isInteger(copyCount) || copyCount < 1) {
      throw new Error(`Copy count must be a positive integer, got ${copyCount}`);
    }
    tail += `(${String(copyCount).padStart(2, '0')})`;
  }
  codes[codes.length - 1] += tail;
  return `- Lưu: VT, ${codes.join(', ')}.`;
}

/** Whether a document of this type prints a Kính gửi block (CV and TTr by default; any type when forced). */
export function hasKinhGui(type: string, withKinhGui?: boolean): boolean {
  return withKinhGui === true || KINH_GUI_TYPES.has(clean(type ?? ''));
}

export function composeRecipientLines(input: RecipientLinesInput): RecipientLines {
  const addressees = items(input.addressees ?? [], 'addressees');
  const copies = items(input.copies ?? [], 'copies');
  const lu = filingLine(input.filingUnits, input.drafterInitials, input.copyCount);

  const printKinhGui = hasKinhGui(input.type, input.withKinhGui) && addressees.length > 0;
  let kinhGui: string[] = [];
  if (printKinhGui) {
    kinhGui =
      addressees.length === 1
        ? [`${KINH_GUI} ${addressees[0]}.`]
        : [KINH_GUI, ...addressees.map((a, i) => `- ${a}${i === addressees.length - 1 ? '.' : ';'}`)];
  }

  const noiNhan = [
    NOI_NHAN,
    ...(printKinhGui ? [NHU_TREN] : addressees.map((a) => `- ${a};`)),
    ...copies.map((c) => `- ${c};`),
    lu,
  ];
  return { kinhGui, noiNhan };
}
