/**
 * The demo organisation, seeded into an empty database on first start (DEMO_SEED=false turns it off).
 * People are fictional; agencies are those of tỉnh Thanh Hóa.
 */
import type { EntityManager } from 'typeorm';
import bcrypt from 'bcryptjs';
import type { Role } from '../auth/roles.js';

interface DemoUser {
  username: string;
  fullName: string;
  positionTitle: string;
  unit: string | null;
  roles: Role[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'chuyenvien', fullName: 'Lê Thị Hà', positionTitle: 'Chuyên viên', unit: 'CNTT', roles: ['drafter'] },
  { username: 'truongphong', fullName: 'Trần Văn Nam', positionTitle: 'Trưởng phòng Công nghệ thông tin', unit: 'CNTT', roles: ['unit-head'] },
  { username: 'pcvp', fullName: 'Phạm Minh Đức', positionTitle: 'Phó Chánh Văn phòng', unit: 'VP', roles: ['format-checker', 'signer'] },
  { username: 'cvp', fullName: 'Hoàng Văn Tùng', positionTitle: 'Chánh Văn phòng', unit: 'VP', roles: ['signer'] },
  { username: 'pct', fullName: 'Nguyễn Văn Bình', positionTitle: 'Phó Chủ tịch UBND tỉnh', unit: null, roles: ['signer'] },
  { username: 'chutich', fullName: 'Đỗ Minh Tuấn', positionTitle: 'Chủ tịch UBND tỉnh', unit: null, roles: ['signer'] },
  { username: 'vanthu', fullName: 'Vũ Thị Lan', positionTitle: 'Văn thư', unit: 'VP', roles: ['clerk'] },
  { username: 'luutru', fullName: 'Bùi Thị Hoa', positionTitle: 'Lưu trữ viên', unit: 'VP', roles: ['archivist'] },
  { username: 'admin', fullName: 'Quản trị hệ thống', positionTitle: 'Quản trị hệ thống', unit: 'CNTT', roles: ['admin'] },
];

const UNITS = [
  { code: 'VP', name: 'Văn phòng UBND tỉnh', parent: null },
  { code: 'CNTT', name: 'Phòng Công nghệ thông tin', parent: 'VP' },
  { code: 'TH', name: 'Phòng Tổng hợp', parent: 'VP' },
  { code: 'KGVX', name: 'Phòng Khoa giáo - Văn xã', parent: 'VP' },
];

const RECIPIENTS = [
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'agency' },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'agency' },
  { code: 'STC', name: 'Sở Tài chính', kind: 'agency' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'agency' },
  { code: 'CAT', name: 'Công an tỉnh', kind: 'agency' },
  { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', kind: 'agency' },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'agency' },
  { code: 'UBND-XA-PHUONG', name: 'UBND các xã, phường', kind: 'group' },
];

/** True when it seeded; false when the database already had an organisation. */
export async function seedDemo(m: EntityManager, password: string): Promise<boolean> {
  const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM agencies`)) as Array<{ count: number }>;
  if (count > 0) return false;
  const [agency] = (await m.query(
    `INSERT INTO agencies (code, name, place, organ_id) VALUES ('UBND', 'Ủy ban nhân dân tỉnh Thanh Hóa', 'Thanh Hóa', '000.00.00.H56') RETURNING id`,
  )) as Array<{ id: string }>;
  const unitIds = new Map<string, string>();
  for (const u of UNITS) {
    const [row] = (await m.query(`INSERT INTO units (agency_id, parent_id, code, name) VALUES ($1, $2, $3, $4) RETURNING id`, [
      agency.id,
      u.parent ? unitIds.get(u.parent) : null,
      u.code,
      u.name,
    ])) as Array<{ id: string }>;
    unitIds.set(u.code, row.id);
  }
  const hash = await bcrypt.hash(password, 10);
  for (const u of DEMO_USERS) {
    await m.query(
      `INSERT INTO users (username, password_hash, full_name, position_title, agency_id, unit_id, roles)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [u.username, hash, u.fullName, u.positionTitle, agency.id, u.unit ? unitIds.get(u.unit) : null, u.roles],
    );
  }
  for (const [i, r] of RECIPIENTS.entries()) {
    await m.query(`INSERT INTO recipients (code, name, kind, sort_order) VALUES ($1, $2, $3, $4)`, [r.code, r.name, r.kind, i]);
  }
  return true;
}
