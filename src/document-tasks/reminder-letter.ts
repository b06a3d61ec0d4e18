/**
 * The reminder letter (công văn đôn đốc, seed 001) drafted from the overdue tasks of an issued document: its trích
 * yếu and body; its appendix table lists the tasks themselves. Pure.
 *
 * `V/v đôn đốc thực hiện các nhiệm vụ được giao tại Kế hoạch số 05/KH-UBND ngày 02/6/2025 của Ủy ban nhân dân tỉnh
 * Thanh Hóa`; the body says how many tasks are overdue and asks for a report of results by a day.
 */
import { findDocumentType } from '../registers/document-types.js';
import { vietnamDate } from '../registers/format-date-line.js';

export interface ReminderSource {
  type: string;
  numberSymbol: string;
  issuedAt: Date;
  issuerName: string;
}

const shortDate = (at: Date) => {
  const d = vietnamDate(at);
  return `${d.day}/${d.month}/${d.year}`;
};

/** `Kế hoạch số 05/KH-UBND ngày 02/6/2025 của Ủy ban nhân dân tỉnh Thanh Hóa` */
export function sourceReference(s: ReminderSource): string {
  const d = vietnamDate(s.issuedAt);
  const day = `${String(d.day).padStart(2, '0')}/${d.month}/${d.year}`;
  return `${findDocumentType(s.type)?.name ?? 'Văn bản'} số ${s.numberSymbol} ngày ${day} của ${s.issuerName}`;
}

export function reminderLetterText(s: ReminderSource, overdue: number, reportBy: Date): { subject: string; body: string } {
  const ref = sourceReference(s);
  const count = String(overdue).padStart(2, '0');
  return {
    subject: `đôn đốc thực hiện các nhiệm vụ được giao tại ${ref}`,
    body: [
      `Thực hiện ${ref}, đến nay còn ${count} nhiệm vụ đã quá thời hạn hoàn thành nhưng chưa có kết quả (có phụ lục nhiệm vụ gửi kèm theo).`,
      `Đề nghị các đơn vị khẩn trương triển khai thực hiện, báo cáo kết quả (theo mục tiêu và sản phẩm) trước ngày ${shortDate(reportBy)} để tổng hợp, báo cáo theo quy định.`,
    ].join('\n'),
  };
}
