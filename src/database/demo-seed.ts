/**
 * The demo organisation, seeded into an empty database on first start (DEMO_SEED=false turns it off).
 * People are fictional; agencies are those of tỉnh Thanh Hóa.
 */
import fs from 'node:fs';
import type { EntityManager } from 'typeorm';
import bcrypt from 'bcryptjs';
import type { Role } from '../auth/roles.js';

interface DemoUser {
  username: string;
  fullName: string;
  positionTitle: string;
  /** Agency code; UBND unless told. */
  agency?: string;
  unit: string | null;
  roles: Role[];
}

/** Demo logins. Besides those of UBND tỉnh: a Giám đốc Sở signing TUQ., and the Tổ Giúp việc (an advisory body). */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'chuyenvien', fullName: 'Lê Thị Hà', positionTitle: 'Chuyên viên', unit: 'CNTT', roles: ['drafter'] },
  { username: 'truongphong', fullName: 'Trần Văn Nam', positionTitle: 'Trưởng phòng Công nghệ thông tin', unit: 'CNTT', roles: ['unit-head'] },
  { username: 'tpth', fullName: 'Mai Văn Hùng', positionTitle: 'Trưởng phòng Tổng hợp', unit: 'TH', roles: ['unit-head'] },
  { username: 'tpkgvx', fullName: 'Lê Thị Nga', positionTitle: 'Trưởng phòng Khoa giáo - Văn xã', unit: 'KGVX', roles: ['unit-head'] },
  { username: 'tpkt', fullName: 'Hà Văn Long', positionTitle: 'Trưởng phòng Kinh tế', unit: 'KT', roles: ['unit-head'] },
  { username: 'ppcntt', fullName: 'Nguyễn Thị Thảo', positionTitle: 'Phó Trưởng phòng Công nghệ thông tin', unit: 'CNTT', roles: [] },
  { username: 'pcvp', fullName: 'Phạm Minh Đức', positionTitle: 'Phó Chánh Văn phòng', unit: 'VP', roles: ['format-checker'] },
  { username: 'cvp', fullName: 'Hoàng Văn Tùng', positionTitle: 'Chánh Văn phòng', unit: 'VP', roles: [] },
  { username: 'pct', fullName: 'Nguyễn Văn Bình', positionTitle: 'Phó Chủ tịch UBND tỉnh', unit: null, roles: [] },
  { username: 'chutich', fullName: 'Đỗ Minh Tuấn', positionTitle: 'Chủ tịch UBND tỉnh', unit: null, roles: [] },
  { username: 'vanthu', fullName: 'Vũ Thị Lan', positionTitle: 'Văn thư', unit: 'VP', roles: ['clerk'] },
  { username: 'luutru', fullName: 'Bùi Thị Hoa', positionTitle: 'Lưu trữ viên', unit: 'VP', roles: ['archivist'] },
  { username: 'admin', fullName: 'Quản trị hệ thống', positionTitle: 'Quản trị hệ thống', unit: 'CNTT', roles: ['admin'] },
  { username: 'gdstp', fullName: 'Trịnh Thị Mai', positionTitle: 'Giám đốc Sở Tư pháp', agency: 'STP', unit: null, roles: [] },
  { username: 'cvstp', fullName: 'Lương Thị Thu', positionTitle: 'Chuyên viên Phòng Xây dựng và Kiểm tra văn bản, Sở Tư pháp', agency: 'STP', unit: null, roles: ['legal-reviewer'] },
  { username: 'gdskhcn', fullName: 'Lê Quang Huy', positionTitle: 'Giám đốc Sở Khoa học và Công nghệ', agency: 'SKHCN', unit: null, roles: [] },
  { username: 'cvtgv', fullName: 'Ngô Thu Trang', positionTitle: 'Chuyên viên Tổ Giúp việc', agency: 'TGV', unit: 'TGV', roles: ['drafter'] },
  { username: 'pttgv', fullName: 'Đặng Minh Quân', positionTitle: 'Phó Tổ trưởng thường trực', agency: 'TGV', unit: 'TGV', roles: ['unit-head', 'format-checker', 'clerk'] },
  // The incoming desks of two Sở working in this system: their clerks register, their heads assign, a unit handles.
  { username: 'vtstp', fullName: 'Phan Thị Yến', positionTitle: 'Văn thư Sở Tư pháp', agency: 'STP', unit: 'VP', roles: ['clerk'] },
  { username: 'tpxdkt', fullName: 'Đinh Văn Khoa', positionTitle: 'Trưởng phòng Xây dựng và Kiểm tra văn bản', agency: 'STP', unit: 'XDKTVB', roles: ['unit-head'] },
  { username: 'vtskhcn', fullName: 'Tạ Thị Loan', positionTitle: 'Văn thư Sở Khoa học và Công nghệ', agency: 'SKHCN', unit: 'VP', roles: ['clerk'] },
  { username: 'tpcds', fullName: 'Vương Đình Sơn', positionTitle: 'Trưởng phòng Chuyển đổi số', agency: 'SKHCN', unit: 'CĐS', roles: ['unit-head'] },
];

const AGENCIES = [
  {
    code: 'UBND', name: 'Ủy ban nhân dân tỉnh Thanh Hóa', organId: '000.00.00.H56', regime: 'collective', collectiveName: 'ỦY BAN NHÂN DÂN',
    // Decisions, directives and resolutions of the People's Committee are collective documents (TM.);
    // the working rules let the Chánh Văn phòng sign công văn, notices, invitations and introductions by order (TL.).
    collectiveTypes: ['QĐ', 'CT', 'NQ'], byOrderTypes: ['CV', 'TB', 'GM', 'GGT'], kind: 'agency', host: null, superior: null,
  },
  { code: 'STP', name: 'Sở Tư pháp tỉnh Thanh Hóa', organId: '000.04.27.H56', regime: 'head', collectiveName: null, collectiveTypes: [], byOrderTypes: [], kind: 'agency', host: null, superior: 'UBND TỈNH THANH HÓA' },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa', organId: '000.05.27.H56', regime: 'head', collectiveName: null, collectiveTypes: [], byOrderTypes: [], kind: 'agency', host: null, superior: 'UBND TỈNH THANH HÓA' },
  {
    code: 'TGV', name: 'Tổ Giúp việc', organId: null, regime: 'head', collectiveName: null, collectiveTypes: [], byOrderTypes: [], kind: 'advisory', host: 'SKHCN',
    superior: 'BAN CHỈ ĐẠO CẤP TỈNH VỀ ĐỘT PHÁ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ',
  },
];

const UNITS = [
  { agency: 'UBND', code: 'VP', name: 'Văn phòng UBND tỉnh', parent: null },
  { agency: 'UBND', code: 'CNTT', name: 'Phòng Công nghệ thông tin', parent: 'VP' },
  { agency: 'UBND', code: 'TH', name: 'Phòng Tổng hợp', parent: 'VP' },
  { agency: 'UBND', code: 'KGVX', name: 'Phòng Khoa giáo - Văn xã', parent: 'VP' },
  { agency: 'UBND', code: 'KT', name: 'Phòng Kinh tế', parent: 'VP' },
  { agency: 'TGV', code: 'TGV', name: 'Tổ Giúp việc', parent: null },
  { agency: 'STP', code: 'VP', name: 'Văn phòng Sở Tư pháp', parent: null },
  { agency: 'STP', code: 'XDKTVB', name: 'Phòng Xây dựng và Kiểm tra văn bản', parent: null },
  { agency: 'STP', code: 'HCTP', name: 'Phòng Hành chính tư pháp', parent: null },
  { agency: 'SKHCN', code: 'VP', name: 'Văn phòng Sở Khoa học và Công nghệ', parent: null },
  { agency: 'SKHCN', code: 'CĐS', name: 'Phòng Chuyển đổi số', parent: null },
];

/** Positions of the seed letters: who signs, in whose name. `key` names them within this file. */
const POSITIONS = [
  { key: 'CT', agency: 'UBND', unit: null, title: 'CHỦ TỊCH', role: 'head', deputyOf: null, fields: [], printWith: null },
  {
    key: 'PCT', agency: 'UBND', unit: null, title: 'PHÓ CHỦ TỊCH', role: 'deputy', deputyOf: 'CT', printWith: null,
    fields: ['khoa-hoc-cong-nghe', 'chuyen-doi-so', 'thong-tin-truyen-thong', 'giao-duc-dao-tao', 'y-te'],
  },
  { key: 'CVP', agency: 'UBND', unit: 'VP', title: 'CHÁNH VĂN PHÒNG', role: 'unit-head', deputyOf: null, fields: [], printWith: null },
  { key: 'PCVP', agency: 'UBND', unit: 'VP', title: 'PHÓ CHÁNH VĂN PHÒNG', role: 'unit-deputy', deputyOf: 'CVP', fields: [], printWith: null },
  { key: 'GDSTP', agency: 'STP', unit: null, title: 'GIÁM ĐỐC SỞ TƯ PHÁP', role: 'head', deputyOf: null, fields: [], printWith: null },
  { key: 'GDSKHCN', agency: 'SKHCN', unit: null, title: 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ', role: 'head', deputyOf: null, fields: [], printWith: null },
  { key: 'TT', agency: 'TGV', unit: null, title: 'TỔ TRƯỞNG', role: 'head', deputyOf: null, fields: [], printWith: 'GDSKHCN' },
];

/** Who holds which position; the Phó Chủ tịch is also acting Chủ tịch for the year (to show Q.). */
const HOLDINGS = [
  { user: 'chutich', position: 'CT', acting: false },
  { user: 'pct', position: 'PCT', acting: false },
  { user: 'pct', position: 'CT', acting: true },
  { user: 'cvp', position: 'CVP', acting: false },
  { user: 'pcvp', position: 'PCVP', acting: false },
  { user: 'gdstp', position: 'GDSTP', acting: false },
  { user: 'gdskhcn', position: 'GDSKHCN', acting: false },
  { user: 'gdskhcn', position: 'TT', acting: false },
];

/**
 * The directory of recipients. `agency`: the agency of this system it is (its deliveries land in that agency's
 * incoming desk); `organId`: the national identifier (mã định danh) — edXML packages go to the others through the
 * exchange; the demo identifiers are made up, in the province's `H56` form (keep identifiers as data). `category` and
 * `shortName`: a run of several prints on one line (`- Các sở: Tư pháp, Tài chính;`). `members`: a group's agencies.
 */
const RECIPIENTS: Array<{
  code: string; name: string; kind: 'agency' | 'group'; agency?: string; organId?: string; category?: string; shortName?: string;
  members?: string[];
}> = [
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'agency', agency: 'SKHCN', organId: '000.05.27.H56', category: 'Các sở', shortName: 'Khoa học và Công nghệ' },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'agency', agency: 'STP', organId: '000.04.27.H56', category: 'Các sở', shortName: 'Tư pháp' },
  { code: 'STC', name: 'Sở Tài chính', kind: 'agency', organId: '000.03.27.H56', category: 'Các sở', shortName: 'Tài chính' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'agency', organId: '000.06.27.H56', category: 'Các sở', shortName: 'Nông nghiệp và Môi trường' },
  { code: 'SYT', name: 'Sở Y tế', kind: 'agency', organId: '000.07.27.H56', category: 'Các sở', shortName: 'Y tế' },
  { code: 'CAT', name: 'Công an tỉnh', kind: 'agency', organId: '000.10.27.H56' },
  { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', kind: 'agency' },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'agency', organId: '000.20.27.H56' },
  { code: 'UBND-HAC-THANH', name: 'UBND phường Hạc Thành', kind: 'agency', organId: '000.00.31.H56' },
  { code: 'UBND-DONG-TIEN', name: 'UBND xã Đông Tiến', kind: 'agency', organId: '000.00.32.H56' },
  { code: 'UBND-XA-PHUONG', name: 'UBND các xã, phường', kind: 'group', members: ['UBND-HAC-THANH', 'UBND-DONG-TIEN'] },
  { code: 'SO-BAN-NGANH', name: 'Các sở, ban, ngành, đơn vị cấp tỉnh', kind: 'group', members: ['SKHCN', 'STP', 'STC', 'SNNMT', 'SYT'] },
];

const DAY = 86400_000;

/** True when it seeded; false when the database already had an organisation. */
export async function seedDemo(m: EntityManager, password: string): Promise<boolean> {
  const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM agencies`)) as Array<{ count: number }>;
  if (count > 0) return false;
  const agencyIds = new Map<string, string>();
  for (const a of AGENCIES) {
    const [row] = (await m.query(
      `INSERT INTO agencies (code, name, place, superior_name, organ_id, regime, collective_name, collective_types, by_order_types, kind, host_agency_id)
       VALUES ($1, $2, 'Thanh Hóa', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [a.code, a.name, a.superior, a.organId, a.regime, a.collectiveName, a.collectiveTypes, a.byOrderTypes, a.kind, a.host ? agencyIds.get(a.host) : null],
    )) as Array<{ id: string }>;
    agencyIds.set(a.code, row.id);
  }
  const unitIds = new Map<string, string>();
  for (const u of UNITS) {
    const [row] = (await m.query(`INSERT INTO units (agency_id, parent_id, code, name) VALUES ($1, $2, $3, $4) RETURNING id`, [
      agencyIds.get(u.agency),
      u.parent ? unitIds.get(`${u.agency}:${u.parent}`) : null,
      u.code,
      u.name,
    ])) as Array<{ id: string }>;
    unitIds.set(`${u.agency}:${u.code}`, row.id);
  }
  const hash = await bcrypt.hash(password, 10);
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const [row] = (await m.query(
      `INSERT INTO users (username, password_hash, full_name, position_title, agency_id, unit_id, roles)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [u.username, hash, u.fullName, u.positionTitle, agencyIds.get(u.agency ?? 'UBND'), u.unit ? unitIds.get(`${u.agency ?? 'UBND'}:${u.unit}`) : null, u.roles],
    )) as Array<{ id: string }>;
    userIds.set(u.username, row.id);
  }
  const positionIds = new Map<string, string>();
  for (const p of POSITIONS) {
    const [row] = (await m.query(
      `INSERT INTO positions (agency_id, unit_id, title, role, deputy_of_id, fields, print_with_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        agencyIds.get(p.agency),
        p.unit ? unitIds.get(`${p.agency}:${p.unit}`) : null,
        p.title,
        p.role,
        p.deputyOf ? positionIds.get(p.deputyOf) : null,
        p.fields,
        p.printWith ? positionIds.get(p.printWith) : null,
      ],
    )) as Array<{ id: string }>;
    positionIds.set(p.key, row.id);
  }
  const now = Date.now();
  for (const h of HOLDINGS) {
    await m.query(`INSERT INTO position_holders (position_id, user_id, acting, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)`, [
      positionIds.get(h.position),
      userIds.get(h.user),
      h.acting,
      h.acting ? new Date(now - 30 * DAY) : null,
      h.acting ? new Date(now + 365 * DAY) : null,
    ]);
  }
  // The Chủ tịch authorises the Giám đốc Sở Tư pháp, in writing, to sign công văn on legal matters for a year.
  await m.query(
    `INSERT INTO delegations (kind, grantor_position_id, grantee_user_id, grantee_position_id, document_types, fields,
       valid_from, valid_to, reference, created_by)
     VALUES ('TUQ', $1, $2, $3, '{CV}', '{}', $4, $5, 'Quyết định ủy quyền số 01/QĐ-UBND', $6)`,
    [positionIds.get('CT'), userIds.get('gdstp'), positionIds.get('GDSTP'), new Date(now - 30 * DAY), new Date(now + 365 * DAY), userIds.get('admin')],
  );
  const recipientIds = new Map<string, string>();
  for (const [i, r] of RECIPIENTS.entries()) {
    const [row] = (await m.query(
      `INSERT INTO recipients (code, name, kind, sort_order, agency_id, organ_id, category, short_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [r.code, r.name, r.kind, i, r.agency ? agencyIds.get(r.agency) : null, r.organId ?? null, r.category ?? null, r.shortName ?? null],
    )) as Array<{ id: string }>;
    recipientIds.set(r.code, row.id);
    for (const [position, member] of (r.members ?? []).entries()) {
      await m.query(`INSERT INTO recipient_group_members (group_id, member_id, position) VALUES ($1, $2, $3)`, [row.id, recipientIds.get(member), position]);
    }
  }
  await seedImages(m, agencyIds, userIds);
  return true;
}

/**
 * Demo seals and handwritten signatures (assets/demo/, made for the demo: fictional signatures, seals drawn after the
 * common round model). Agencies and signers without a file have none, as in life until they upload one.
 */
async function seedImages(m: EntityManager, agencyIds: Map<string, string>, userIds: Map<string, string>): Promise<void> {
  const dir = new URL('../../assets/demo/', import.meta.url);
  const read = (name: string) => {
    const file = new URL(name, dir);
    return fs.existsSync(file) ? fs.readFileSync(file) : null;
  };
  for (const [code, id] of agencyIds) {
    const seal = read(`seal-${code}.png`);
    if (seal) await m.query(`UPDATE agencies SET seal_image = $2 WHERE id = $1`, [id, seal]);
  }
  for (const [username, id] of userIds) {
    const signature = read(`signature-${username}.png`);
    if (signature) await m.query(`UPDATE users SET signature_image = $2 WHERE id = $1`, [id, signature]);
  }
}
