import type { AuditRow } from './audit-filter.js';
import { csvRecord } from '../common/csv.js';
import { vietnamIso } from '../registers/format-date-line.js';

/** The columns of an audit export, headed in Vietnamese for the archivists who open it. */
const COLUMNS: Array<[string, (r: AuditRow) => unknown]> = [
  ['Mã bản ghi', (r) => r.id],
  ['Thời gian', (r) => vietnamIso(new Date(r.at))],
  ['Người thực hiện', (r) => r.actor_name],
  ['Chức vụ', (r) => r.actor_position],
  ['Mã người thực hiện', (r) => r.actor_id],
  ['Thực hiện thay cho', (r) => r.on_behalf_of_name],
  ['Hành động', (r) => r.action],
  ['Mã văn bản', (r) => r.document_id],
  ['Số, ký hiệu', (r) => r.number_symbol],
  ['Trích yếu', (r) => r.subject],
  ['Trạng thái trước', (r) => r.from_state],
  ['Trạng thái sau', (r) => r.to_state],
  ['Bước trước', (r) => r.from_step],
  ['Bước sau', (r) => r.to_step],
  ['Ý kiến', (r) => r.comment],
  ['Mã yêu cầu', (r) => r.request_id],
  ['Địa chỉ IP', (r) => r.client_ip],
  ['Trình duyệt', (r) => r.user_agent],
  ['Chuỗi', (r) => r.chain_id],
  ['Thứ tự trong chuỗi', (r) => r.chain_seq],
  ['Mã băm', (r) => r.hash],
];



export function csvHeader(): string {
  return csvRecord(COLUMNS.map(([name]) => name));
}

export function csvLine(r: AuditRow): string {
  return csvRecord(COLUMNS.map(([, get]) => get(r)));
}
