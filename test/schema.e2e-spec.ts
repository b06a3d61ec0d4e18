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

  it('keeps the audit trail append-only', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_entries (actor_name, action) VALUES ('test', 'probe')`,
    );
    await expect(t.dataSource.query(`UPDATE audit_entries SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('seeds the demo organisation', async () => {
    const users = await t.dataSource.query(`SELECT username FROM users ORDER BY username`);
    expect(users.map((u: { username: string }) => u.username)).toEqual(
      ['admin', 'chutich', 'chuyenvien', 'cvp', 'luutru', 'pct', 'pcvp', 'truongphong', 'vanthu'],
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
    const [agency] = await t.dataSource.query(`SELECT code, place FROM agencies`);
    expect(agency).toEqual({ code: 'UBND', place: 'Thanh Hóa' });
  });
});
