/** What the user reads for the API's codes. */
export const STATE_LABELS: Record<string, string> = {
  drafting: 'Dự thảo',
  review: 'Đang xem xét',
  consultation: 'Xin ý kiến',
  signing: 'Chờ ký',
  issuing: 'Chờ phát hành',
  distribution: 'Đang chuyển phát',
  completed: 'Hoàn thành',
  withdrawn: 'Đã rút',
};

export const ACTION_LABELS: Record<string, string> = {
  submit: 'Trình',
  approve: 'Duyệt',
  return: 'Trả lại',
  sign: 'Ký ban hành',
  issue: 'Phát hành',
  withdraw: 'Rút văn bản',
  complete: 'Hoàn thành chuyển phát',
  answer: 'Cho ý kiến',
  create: 'Tạo dự thảo',
  edit: 'Sửa dự thảo',
  read: 'Xem',
  remind: 'Nhắc hạn',
  escalate: 'Chuyển do quá hạn',
  receipt: 'Trạng thái nơi nhận',
  recall: 'Thu hồi',
  'recall-answer': 'Trả lời thu hồi',
  handover: 'Giao thay',
  'read-history': 'Xem lịch sử xử lý',
  'read-pdf': 'Xem bản PDF',
  'read-signatures': 'Kiểm tra chữ ký số',
  attach: 'Đính kèm tệp',
  detach: 'Gỡ tệp đính kèm',
  receive: 'Tiếp nhận văn bản đến',
  'recall-request': 'Đề nghị thu hồi (văn bản đến)',
  'incoming-register': 'Vào sổ văn bản đến',
  'incoming-refuse': 'Từ chối tiếp nhận văn bản đến',
  'incoming-assign': 'Phân công xử lý văn bản đến',
  tasks: 'Cập nhật bảng nhiệm vụ',
  'task-unit': 'Giao nhiệm vụ cho đơn vị',
  'task-progress': 'Báo cáo tiến độ nhiệm vụ',
  'task-complete': 'Báo cáo hoàn thành nhiệm vụ',
  'task-accept': 'Công nhận kết quả nhiệm vụ',
  'task-return': 'Trả lại kết quả nhiệm vụ',
  'task-remind': 'Nhắc hạn nhiệm vụ',
  'task-escalate': 'Báo cáo nhiệm vụ quá hạn',
  'incoming-progress': 'Đang xử lý văn bản đến',
  'incoming-complete': 'Hoàn thành xử lý văn bản đến',
  'incoming-answer-recall': 'Trả lời thu hồi văn bản đến',
  'route-assign': 'Giao quy trình',
  'delegation-grant': 'Ủy quyền ký',
  'delegation-revoke': 'Thu hồi ủy quyền',
  absence: 'Báo vắng',
  'absence-end': 'Kết thúc vắng',
};


/** A consulted unit's answer. */
export const ANSWER_LABELS: Record<string, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };

export const URGENCY_LABELS: Record<string, string> = { normal: 'Thường', khan: 'Khẩn', 'thuong-khan': 'Thượng khẩn', 'hoa-toc': 'Hỏa tốc' };
export const URGENCY_MARKS: Record<string, string | null> = { normal: null, khan: 'KHẨN', 'thuong-khan': 'THƯỢNG KHẨN', 'hoa-toc': 'HỎA TỐC' };
export const CONFIDENTIALITY_LABELS: Record<string, string> = { normal: 'Thường', mat: 'Mật', 'toi-mat': 'Tối mật', 'tuyet-mat': 'Tuyệt mật' };
export const CONFIDENTIALITY_MARKS: Record<string, string | null> = { normal: null, mat: 'MẬT', 'toi-mat': 'TỐI MẬT', 'tuyet-mat': 'TUYỆT MẬT' };

export const TYPE_OPTIONS: Array<[string, string]> = [
  ['CV', 'Công văn'],
  ['QĐ', 'Quyết định'],
  ['KH', 'Kế hoạch'],
  ['TTr', 'Tờ trình'],
  ['BC', 'Báo cáo'],
  ['TB', 'Thông báo'],
  ['GM', 'Giấy mời'],
  ['CT', 'Chỉ thị'],
  ['HD', 'Hướng dẫn'],
];

export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  pending: 'Chờ gửi',
  sent: 'Đã gửi',
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Phân công',
  '05': 'Đang xử lý',
  '06': 'Hoàn thành',
  '13': 'Đề nghị thu hồi',
  '15': 'Đồng ý thu hồi',
  '16': 'Từ chối thu hồi',
};

/** `01/12/2026 09:05`, Vietnam time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** `3 giờ`, `2 ngày`: how long something has waited. */
export function waitedFor(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} giờ`;
  return `${Math.round(hours / 24)} ngày`;
}

/** Where a task stands (document-tasks/task-status.ts). */
export const TASK_OUTCOME_LABELS: Record<string, string> = {
  'done-on-time': 'Hoàn thành đúng hạn',
  'done-late': 'Hoàn thành quá hạn',
  overdue: 'Quá hạn',
  'in-progress': 'Đang thực hiện',
};

export const TASK_STATUS_LABELS: Record<string, string> = {
  assigned: 'Mới giao',
  'in-progress': 'Đang thực hiện',
  submitted: 'Chờ đánh giá kết quả',
  done: 'Đã công nhận hoàn thành',
};

/** `30/6/2025` or `14h00 30/6/2025` in Vietnam time. */
export function formatDue(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const date = `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h === 23 && m === 59 ? date : `${String(h).padStart(2, '0')}h${String(m).padStart(2, '0')} ${date}`;
}
