/** Urgency (độ khẩn) and confidentiality (độ mật) marks, API codes and printed text. */
export const URGENCIES = ['normal', 'khan', 'thuong-khan', 'hoa-toc'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CONFIDENTIALITIES = ['normal', 'mat', 'toi-mat', 'tuyet-mat'] as const;
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

export const URGENCY_MARK: Record<Urgency, string | null> = {
  normal: null,
  khan: 'KHẨN',
  'thuong-khan': 'THƯỢNG KHẨN',
  'hoa-toc': 'HỎA TỐC',
};

export const CONFIDENTIALITY_MARK: Record<Confidentiality, string | null> = {
  normal: null,
  mat: 'MẬT',
  'toi-mat': 'TỐI MẬT',
  'tuyet-mat': 'TUYỆT MẬT',
};

/** Sort rank for queues: most urgent first. */
export const URGENCY_RANK: Record<Urgency, number> = { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, normal: 3 };
