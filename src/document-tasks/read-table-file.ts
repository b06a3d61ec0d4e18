/**
 * The rows of an uploaded table: CSV (comma or semicolon, UTF-8 with or without BOM; csv-parse) or an Excel workbook
 * (.xlsx, its first sheet; exceljs). Cells come back as text. Both libraries are loaded when a table first comes:
 * exceljs alone is tens of MiB the server need not hold before.
 */
import { InvalidInputError } from '../common/domain-error.js';

const XLSX_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

export async function readTableFile(file: { originalname: string; mimetype: string; buffer: Buffer }): Promise<string[][]> {
  const zip = file.buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (zip || XLSX_TYPES.includes(file.mimetype) || /\.xlsx$/i.test(file.originalname)) return readWorkbook(file.buffer);
  const text = file.buffer.toString('utf8');
  if (text.includes('\ufffd')) throw new InvalidInputError([{ field: 'file', reason: 'is neither a UTF-8 CSV nor an .xlsx workbook' }]);
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InvalidInputError([{ field: 'file', reason: `is not a readable CSV: ${(err as Error).message.slice(0, 200)}` }]);
  }
}

async function readWorkbook(content: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new InvalidInputError([{ field: 'file', reason: 'is not a readable .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InvalidInputError([{ field: 'file', reason: 'has no sheet' }]);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  });
  return rows;
}
