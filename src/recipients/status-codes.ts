/**
 * The national status codes of a delivered document (QCVN 102:2016, domain notes §6), sent back by the receiver:
 * 01 arrived (Đã đến), 02 refused with a reason (Từ chối tiếp nhận), 03 received and registered (Đã tiếp nhận),
 * 04 assigned (Phân công), 05 in progress (Đang xử lý), 06 completed (Hoàn thành); for a recall, 13 the sender asks to
 * take the document back, 15 the receiver agreed (its copy is removed), 16 it refused (with a reason).
 *
 * A delivery's status only moves forward: 01 → 02 or 03 → 04 → 05 → 06 (steps may be skipped: a receiver may report 03
 * without 01); a refusal is possible only before registration; the same code twice is a repeat, not a change.
 */

export const RECEIPT_CODES = ['01', '02', '03', '04', '05', '06'] as const;
export type ReceiptCode = (typeof RECEIPT_CODES)[number];
export const RECALL_ANSWER_CODES = ['15', '16'] as const;
export type RecallAnswerCode = (typeof RECALL_ANSWER_CODES)[number];
export const RECALL_REQUEST_CODE = '13';

export const STATUS_NAMES: Record<string, string> = {
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

/** Where a delivery can stand before any code: not yet handed over, or its package sent. */
export type DeliveryStatus = 'pending' | 'sent' | ReceiptCode;

const RANK: Record<DeliveryStatus, number> = { pending: 0, sent: 1, '01': 2, '02': 3, '03': 3, '04': 4, '05': 5, '06': 6 };

export function isReceiptCode(code: string): code is ReceiptCode {
  return (RECEIPT_CODES as readonly string[]).includes(code);
}

export function isRecallAnswerCode(code: string): code is RecallAnswerCode {
  return (RECALL_ANSWER_CODES as readonly string[]).includes(code);
}

/** What a receipt code does to a delivery standing at `current`: change it, repeat it (no change), or refuse it. */
export function receiptTransition(current: DeliveryStatus, code: ReceiptCode): 'change' | 'repeat' | 'refuse' {
  if (current === code) return 'repeat';
  if (current === '02') return 'refuse'; // a refused delivery is over (the sender may send again)
  if (code === '02') return RANK[current] < RANK['03'] ? 'change' : 'refuse';
  return RANK[code] > RANK[current] ? 'change' : 'refuse';
}

/** The codes that may follow `current`, for the 409 that refuses another. */
export function nextReceiptCodes(current: DeliveryStatus): ReceiptCode[] {
  return RECEIPT_CODES.filter((c) => receiptTransition(current, c) === 'change');
}

/** A delivery counts as received from 03 (registered) on: the distribution is complete when every one is. */
export function isReceived(status: string): boolean {
  return status === '03' || status === '04' || status === '05' || status === '06';
}

/** The reason is required for a refusal (02) and a refused recall (16). */
export function needsReason(code: string): boolean {
  return code === '02' || code === '16';
}
