/** The task report (DocumentTasksService.figures) as CSV for spreadsheets: UTF-8 with BOM, Vietnamese headers. Pure. */
import { CSV_BOM, csvRecord } from '../common/csv.js';
import type { TaskOutcome } from './task-status.js';

type Counts = Record<TaskOutcome, number> & { total: number };

export interface TaskFigures {
  totals: Counts;
  byDocument: Array<Counts & { document: { numberSymbol: string | null; subject: string } }>;
  byUnit: Array<Counts & { lead: { name: string } }>;
}

const HEADER = ['Theo', 'Văn bản / Đơn vị chủ trì', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Quá hạn chưa hoàn thành', 'Đang thực hiện'];
const numbers = (c: Counts) => [c.total, c['done-on-time'], c['done-late'], c.overdue, c['in-progress']];

export function taskFiguresCsv(f: TaskFigures): string {
  return (
    CSV_BOM +
    [
      HEADER,
      ...f.byDocument.map((d) => ['Văn bản', `${d.document.numberSymbol ?? ''} ${d.document.subject}`.trim(), ...numbers(d)]),
      ...f.byUnit.map((u) => ['Đơn vị', u.lead.name, ...numbers(u)]),
      ['Tổng cộng', '', ...numbers(f.totals)],
    ]
      .map((r) => csvRecord(r))
      .join('')
  );
}
