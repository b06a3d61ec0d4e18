import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('the database schema', () => {
  it('matches the entities exactly: migrations and entities do not disagree', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs the application as a role that cannot change or remove audit entries', async () => {
    const [{ role }] = await t.dataSource.query(`SELECT current_user AS role`);
    expect(role).toBe('congvan_app');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`);
    expect(n).toBeGreaterThanOrEqual(0); // it may read them
    for (const sql of [
      `UPDATE audit_entries SET comment = 'changed'`,
      `DELETE FROM audit_entries`,
      `TRUNCATE audit_entries`,
      `UPDATE audit_entries_default SET comment = 'changed'`,
      `DELETE FROM audit_anchors`,
      `UPDATE audit_anchor_heads SET hash = 'x'`,
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied/);
    }
    // A partition made later (next year's, by the maintenance function) is just as closed.
    await t.dataSource.query(`SELECT audit_ensure_partition(2099)`);
    await expect(t.dataSource.query(`DELETE FROM audit_entries_y2099`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied/);
  });

  it('refuses changes to audit rows even from the owner, through the trigger', async () => {
    await t.owner(
      `INSERT INTO audit_entries (at, chain_id, chain_seq, actor_name, action, prev_hash, hash) VALUES (now(), 'test', 1, 'test', 'probe', '', '')`,
    );
    await expect(t.owner(`UPDATE audit_entries SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.owner(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    await expect(t.owner(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('seeds the demo organisation', async () => {
    const users = await t.dataSource.query(`SELECT username FROM users ORDER BY username`);
    expect(users.map((u: { username: string }) => u.username)).toEqual(
      ['admin', 'chutich', 'chuyenvien', 'cvp', 'cvstp', 'cvtgv', 'gdskhcn', 'gdstp', 'luutru', 'pct', 'pcvp', 'ppcntt', 'pttgv', 'tpcds', 'tpkgvx', 'tpkt', 'tpth', 'tpxdkt', 'truongphong', 'vanthu', 'vtskhcn', 'vtstp'],
    );
    const units = await t.dataSource.query(`SELECT code FROM units ORDER BY code`);
    expect(units.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['CNTT', 'TH', 'KGVX']));
    const recipients = await t.dataSource.query(`SELECT name, kind FROM recipients`);
    expect(recipients).toEqual(
      expect.arrayContaining([
        { name: 'Sở Khoa học và Công nghệ', kind: 'agency' },
        { name: 'Sở Tư pháp', kind: 'agency' },
        { name: 'Sở Tài chính', kind: 'agency' },
        { name: 'Sở Nông nghiệp và Môi trường', kind: 'agency' },
        { name: 'Công an tỉnh', kind: 'agency' },
        { name: 'Văn phòng Tỉnh ủy', kind: 'agency' },
        { name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'agency' },
        { name: 'UBND các xã, phường', kind: 'group' },
      ]),
    );
    const agencies = await t.dataSource.query(`SELECT code, place, regime, kind FROM agencies ORDER BY code`);
    expect(agencies).toEqual([
      { code: 'SKHCN', place: 'Thanh Hóa', regime: 'head', kind: 'agency' },
      { code: 'STP', place: 'Thanh Hóa', regime: 'head', kind: 'agency' },
      { code: 'TGV', place: 'Thanh Hóa', regime: 'head', kind: 'advisory' },
      { code: 'UBND', place: 'Thanh Hóa', regime: 'collective', kind: 'agency' },
    ]);
    // The positions of the seed letters.
    const positions = await t.dataSource.query(`SELECT title FROM positions ORDER BY title`);
    expect(positions.map((p: { title: string }) => p.title)).toEqual([
      'CHÁNH VĂN PHÒNG',
      'CHỦ TỊCH',
      'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'GIÁM ĐỐC SỞ TƯ PHÁP',
      'PHÓ CHÁNH VĂN PHÒNG',
      'PHÓ CHỦ TỊCH',
      'TỔ TRƯỞNG',
    ]);
  });
});
