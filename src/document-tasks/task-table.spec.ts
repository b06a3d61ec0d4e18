import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { matchRecipients, readTaskTable } from './task-table.js';
import { readTableFile } from './read-table-file.js';

const SEED_001 = fs.readFileSync(new URL('../../test/fixtures/seed-001-tasks.csv', import.meta.url));

const DIRECTORY = [
  { id: 'SKHCN', name: 'Sở Khoa học và Công nghệ', shortName: 'Khoa học và Công nghệ' },
  { id: 'STP', name: 'Sở Tư pháp', shortName: 'Tư pháp' },
  { id: 'STC', name: 'Sở Tài chính', shortName: 'Tài chính' },
  { id: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', shortName: 'Nông nghiệp và Môi trường' },
  { id: 'CAT', name: 'Công an tỉnh' },
  { id: 'VPTU', name: 'Văn phòng Tỉnh ủy' },
  { id: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh' },
];

describe('readTaskTable on seed 001', () => {
  it('reads its ten tasks with their sections, lead and coordinating units and deadlines, skipping the repeated header', async () => {
    const { tasks, problems } = readTaskTable(await readTableFile({ originalname: 'phu-luc.csv', mimetype: 'text/csv', buffer: SEED_001 }));
    expect(problems).toEqual([]);
    expect(tasks).toHaveLength(10);
    expect(tasks[0]).toEqual({
      section: 'I. Về thể chế (03 nhiệm vụ)',
      content: 'Thành lập Tổ Công tác liên ngành cấp tỉnh thực hiện giám sát, hỗ trợ triển khai Kế hoạch số 02-KH/BCDDTWW của Ban Chỉ đạo Trung ương',
      lead: 'Văn phòng Tỉnh ủy',
      coordinating: 'Công an tỉnh, Sở Khoa học và Công nghệ và các đơn vị liên quan',
      deadline: 'Hoàn thành trong tháng 6/2025',
      product: '',
    });
    expect(tasks.map((t) => t.section?.slice(0, 3))).toEqual(['I. ', 'I. ', 'I. ', 'II.', 'II.', 'III', 'III', 'III', 'III', 'III']);
    expect(tasks[4].lead).toBe('Sở Nông nghiệp và Môi trường, Sở Tư pháp, Sở Tài chính');
    expect(tasks[9].coordinating).toBe('Các Sở, ngành, đơn vị có liên quan, UBND cấp xã');
  });

  it('reads the same table from an .xlsx workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    const rows = (await readTableFile({ originalname: 'a.csv', mimetype: 'text/csv', buffer: SEED_001 })) as string[][];
    for (const r of rows) sheet.addRow(r);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = readTaskTable(await readTableFile({ originalname: 'phu-luc.xlsx', mimetype: 'application/octet-stream', buffer: xlsx }));
    const fromCsv = readTaskTable(rows);
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('names what is missing, by row', () => {
    const { problems } = readTaskTable([['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'], ['1', 'Việc một', '', '30/6/2025']]);
    expect(problems).toEqual([{ field: 'rows.2.lead', reason: 'is empty' }]);
    expect(readTaskTable([['a', 'b'], ['c', 'd']]).problems[0].field).toBe('file');
  });
});

describe('matchRecipients', () => {
  it.each([
    ['Sở Nông nghiệp và Môi trường, Sở Tư pháp, Sở Tài chính', ['SNNMT', 'STP', 'STC']],
    ['Công an tỉnh, Sở Khoa học và Công nghệ và các đơn vị liên quan', ['CAT', 'SKHCN']],
    ['Sở Khoa học và công nghệ', ['SKHCN']],
    ['Văn phòng Tỉnh uỷ', ['VPTU']],
    ['Sở Khoa học và Công nghệ, Sở Tài chính và các cơ quan liên quan.', ['SKHCN', 'STC']],
    ['Cấp uỷ, chính quyền các xã, phường (mới)', []],
  ])('%s', (text, ids) => {
    expect(matchRecipients(text, DIRECTORY)).toEqual(ids);
  });
});
