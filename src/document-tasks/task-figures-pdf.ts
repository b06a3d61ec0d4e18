/**
 * The task report (DocumentTasksService.figures) as an A4 PDF in Tinos: title, who reports and when, the period, the
 * totals, a bar per lead unit (its parts the outcomes, in the web page's colours), then the figures per lead unit and
 * per issuing document as ruled tables. Runs in the PDF worker thread (pdf-worker.ts).
 */
import { columnWidths, drawTable, newPdfDocument, PAGE_BOX } from '../rendering/render-pdf.js';
import { vietnamDate } from '../registers/format-date-line.js';
import { TASK_OUTCOMES, type TaskOutcome } from './task-status.js';
import type { TaskFigures } from './task-figures-csv.js';

export const OUTCOME_NAMES: Record<TaskOutcome, string> = {
  'done-on-time': 'Hoàn thành đúng hạn',
  'done-late': 'Hoàn thành quá hạn',
  overdue: 'Quá hạn chưa hoàn thành',
  'in-progress': 'Đang thực hiện',
};
const COLORS: Record<TaskOutcome, string> = { 'done-on-time': '#2e7d32', 'done-late': '#f9a825', overdue: '#c62828', 'in-progress': '#1565c0' };

export interface TaskFiguresReport extends TaskFigures {
  at: Date;
  agencyName: string;
  period: { from: string | null; to: string | null };
}

const day = (iso: string) => iso.split('-').reverse().map((p, i) => (i < 2 ? String(Number(p)) : p)).join('/');

export async function renderTaskFiguresPdf(r: TaskFiguresReport): Promise<Buffer> {
  const { doc, done } = await newPdfDocument({ title: 'Báo cáo tình hình thực hiện nhiệm vụ', author: r.agencyName, subject: null, createdAt: r.at });
  const { margin } = PAGE_BOX;
  const left = margin.left;
  const width = doc.page.width - margin.left - margin.right;
  const bottom = doc.page.height - margin.bottom;
  const at = vietnamDate(r.at);
  doc.font('bold').fontSize(12.5).text(r.agencyName.toLocaleUpperCase('vi'), left, margin.top, { width, align: 'left' });
  doc.moveDown(1);
  doc.font('bold').fontSize(14).text('BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ', left, doc.y, { width, align: 'center' });
  const period =
    r.period.from || r.period.to
      ? `Nhiệm vụ có thời hạn ${r.period.from ? `từ ngày ${day(r.period.from)} ` : ''}${r.period.to ? `đến ngày ${day(r.period.to)}` : ''}`.trim()
      : 'Tất cả nhiệm vụ';
  doc.font('italic').fontSize(12).text(`${period} — số liệu đến ngày ${at.day}/${at.month}/${at.year}`, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(12);
  doc.text(`Tổng số: ${r.totals.total} nhiệm vụ. ${TASK_OUTCOMES.map((o) => `${OUTCOME_NAMES[o]}: ${r.totals[o]}`).join('; ')}.`, left, doc.y, { width });
  doc.moveDown(0.8);

  // A bar per lead unit.
  const labelW = width * 0.32;
  const barW = width - labelW - 30;
  const max = Math.max(1, ...r.byUnit.map((u) => u.total));
  let y = doc.y;
  for (const u of r.byUnit) {
    if (y + 16 > bottom) {
      doc.addPage();
      y = margin.top;
    }
    doc.font('regular').fontSize(10).text(u.lead.name, left, y + 2, { width: labelW - 6, height: 12, align: 'right', ellipsis: true });
    let x = left + labelW;
    for (const o of TASK_OUTCOMES) {
      const w = (u[o] / max) * barW;
      if (w > 0) doc.rect(x, y, w, 12).fill(COLORS[o]);
      x += w;
    }
    doc.fillColor('black').fontSize(10).text(String(u.total), x + 4, y + 2, { lineBreak: false });
    y += 16;
  }
  let lx = left;
  for (const o of TASK_OUTCOMES) {
    doc.rect(lx, y + 4, 8, 8).fill(COLORS[o]);
    doc.fillColor('black').fontSize(9).text(OUTCOME_NAMES[o], lx + 11, y + 3, { lineBreak: false });
    lx += doc.widthOfString(OUTCOME_NAMES[o]) + 22;
  }
  y += 22;

  const columns = ['Tổng số', ...TASK_OUTCOMES.map((o) => OUTCOME_NAMES[o])];
  const numbers = (c: TaskFigures['totals']) => [c.total, ...TASK_OUTCOMES.map((o) => c[o])].map(String);
  const align = ['left', ...columns.map(() => 'right')] as Array<'left' | 'right'>;
  doc.font('bold').fontSize(12.5).text('Theo đơn vị chủ trì', left, y, { width });
  y = drawTable(doc, {
    left, top: doc.y + 4, bottom, widths: columnWidths([34, 10, 14, 14, 14, 14], width), header: ['Đơn vị chủ trì', ...columns], align, size: 10.5,
    rows: [...r.byUnit.map((u) => ({ cells: [u.lead.name, ...numbers(u)] })), { cells: ['Tổng cộng', ...numbers(r.totals)], bold: true }],
  });
  doc.font('bold').fontSize(12.5).text('Theo văn bản giao nhiệm vụ', left, y + 12, { width });
  drawTable(doc, {
    left, top: doc.y + 4, bottom, widths: columnWidths([34, 10, 14, 14, 14, 14], width), header: ['Văn bản', ...columns], align, size: 10.5,
    rows: r.byDocument.map((d) => ({ cells: [`${d.document.numberSymbol ? `Số ${d.document.numberSymbol}: ` : ''}${d.document.subject}`, ...numbers(d)] })),
  });
  doc.end();
  return done;
}
