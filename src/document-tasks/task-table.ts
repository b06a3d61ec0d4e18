/**
 * The appendix table of tasks (phụ lục nhiệm vụ) as agencies lay it out (seed 001): TT, Nội dung nhiệm vụ, Đơn vị chủ
 * trì, Đơn vị phối hợp, Thời gian hoàn thành, and sometimes Sản phẩm — read from the rows of a CSV or a spreadsheet.
 * Pure.
 *
 * - The header row is found by its titles, wherever it is; a header repeated on a later page is skipped.
 * - A row numbered with a Roman numeral (`I`, `II` …) opens a section (`Về thể chế (03 nhiệm vụ)`); the tasks under it
 *   carry it.
 * - A cell's lines are joined (a PDF or a word processor breaks them), spaces collapsed, text in NFC.
 * - Names of units are matched against the directory (matchRecipients); the text is kept as written, for the page.
 */
import { foldText } from '../common/fold-text.js';
import type { FieldProblem } from '../common/domain-error.js';
import type { TaskLine } from '../rendering/compose-page.js';

/** A row of the table as read: the same as a row of the printed appendix. */
export type TaskRow = TaskLine;

type Column = keyof Omit<TaskRow, 'section'> | 'ordinal';

/** Which column a header title names (folded: `Đơn vị chủ trì` → `don vi chu tri`). */
const TITLES: Array<[Column, RegExp]> = [
  ['ordinal', /^(s?tt|so thu tu)$/],
  ['content', /noi dung|nhiem vu|ten nhiem vu/],
  ['lead', /chu tri/],
  ['coordinating', /phoi hop/],
  ['deadline', /thoi gian|thoi han|han hoan thanh/],
  ['product', /san pham|ket qua/],
];

// A word cut at a line's end by a hyphen (`Kế hoạch số 02-⏎KH/BCĐTW`) is joined back without a space.
const clean = (cell: unknown) => String(cell ?? '').normalize('NFC').replace(/-[ \t]*\r?\n\s*/g, '-').replace(/\s+/g, ' ').trim();
const ROMAN = /^(?=[IVXLC]+\.?$)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.?$/;

function headerOf(row: string[]): Map<Column, number> | null {
  const found = new Map<Column, number>();
  row.forEach((cell, i) => {
    const folded = foldText(cell);
    const title = TITLES.find(([c, re]) => !found.has(c) && re.test(folded));
    if (title) found.set(title[0], i);
  });
  return found.has('content') && found.has('lead') && found.has('deadline') ? found : null;
}

/** The tasks of a table, in order, and what is wrong with its rows (`rows.7.deadline`, counted from 1). */
export function readTaskTable(rows: unknown[][]): { tasks: TaskRow[]; problems: FieldProblem[] } {
  const cells = rows.map((r) => r.map(clean));
  const headerAt = cells.findIndex((r) => headerOf(r) !== null);
  if (headerAt < 0) {
    return { tasks: [], problems: [{ field: 'file', reason: 'has no header row with the titles Nội dung nhiệm vụ, Đơn vị chủ trì and Thời gian hoàn thành' }] };
  }
  const columns = headerOf(cells[headerAt])!;
  const at = (row: string[], c: Column) => (columns.has(c) ? (row[columns.get(c)!] ?? '') : '');
  const tasks: TaskRow[] = [];
  const problems: FieldProblem[] = [];
  let section: string | null = null;
  cells.slice(headerAt + 1).forEach((row, i) => {
    if (row.every((c) => c === '') || headerOf(row)) return;
    const ordinal = at(row, 'ordinal');
    const content = at(row, 'content');
    if (ROMAN.test(ordinal) && !at(row, 'lead') && !at(row, 'deadline')) {
      section = `${ordinal.replace(/\.$/, '')}. ${content}`;
      return;
    }
    const task: TaskRow = { section, content, lead: at(row, 'lead'), coordinating: at(row, 'coordinating'), deadline: at(row, 'deadline'), product: at(row, 'product') };
    const line = headerAt + i + 2;
    for (const field of ['content', 'lead', 'deadline'] as const) {
      if (!task[field]) problems.push({ field: `rows.${line}.${field}`, reason: 'is empty' });
    }
    tasks.push(task);
  });
  if (tasks.length === 0 && problems.length === 0) problems.push({ field: 'file', reason: 'has no task under its header row' });
  return { tasks, problems };
}

export interface DirectoryEntry {
  id: string;
  name: string;
  shortName?: string | null;
}

/**
 * The directory's entries a text names (`Sở Nông nghiệp và Môi trường, Sở Tư pháp, Sở Tài chính`), in the order
 * written: each name found whole in the folded text, longest first, so that `Sở Khoa học và Công nghệ` is one unit and
 * not cut at its `và`. What names nobody known (`các đơn vị liên quan`) stays in the text only.
 */
export function matchRecipients(text: string, directory: readonly DirectoryEntry[]): string[] {
  let folded = ` ${foldText(text).replace(/[,;.()]/g, ' ').replace(/\s+/g, ' ')} `;
  const names = directory
    .flatMap((e) => [e.name, e.shortName ? `Sở ${e.shortName}` : null].filter((n): n is string => !!n).map((n) => ({ id: e.id, name: ` ${foldText(n)} ` })))
    .sort((a, b) => b.name.length - a.name.length);
  const found: Array<{ id: string; at: number }> = [];
  for (const n of names) {
    const at = folded.indexOf(n.name);
    if (at < 0 || found.some((f) => f.id === n.id)) continue;
    found.push({ id: n.id, at });
    folded = folded.slice(0, at) + ' '.repeat(n.name.length - 1) + folded.slice(at + n.name.length - 1);
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.id);
}
