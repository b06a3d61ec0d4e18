import type { AuditRow } from './audit-filter.js';

/** The columns of an audit export, headed in Vietnamese for the archivists who open it. */
const COLUMNS: Array<[string, (r: AuditRow) => unknown]> = [
  ['Mã bản ghi', (r) => r.id],
  ['Thời gian', (r) => vietnamIso(new Date(r.at))],
  ['Người thực hiện', (r) => r.actor_name],
  ['Chức vụ', (r) => r.actor_position],
  ['Mã người thực hiện', (r) => r.actor_id],
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

/** UTF-8 byte order mark: Excel then reads Vietnamese text right. */
export const CSV_BOM = '\uFEFF';

/** ISO 8601 in Vietnam time (UTC+07:00, no daylight saving). */
export function vietnamIso(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => csvField(name)).join(',')}\r\n`;
}

export function csvLine(r: AuditRow): string {
  return `${COLUMNS.map(([, get]) => csvField(get(r))).join(',')}\r\n`;
}
