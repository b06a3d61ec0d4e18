/**
 * Roles a user holds. Route steps name them as candidates (`role:clerk`), and some endpoints require them.
 * Who may sign is not a role: it follows from positions and authorisations (signers/).
 */
export const ROLES = [
  'drafter', // chuyên viên: drafts documents
  'unit-head', // trưởng phòng: content review of drafts of the unit
  'format-checker', // Phó Chánh Văn phòng: format check (thể thức)
  'clerk', // văn thư: issues and distributes
  'archivist', // lưu trữ: reads the whole audit trail
  'legal-reviewer', // chuyên viên Sở Tư pháp: legal review (thẩm định) of draft decisions
  'admin',
] as const;

export type Role = (typeof ROLES)[number];
