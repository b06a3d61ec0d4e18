import { describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { act, createDraft, type Directory, recipient, toIssuing, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

type Entry = {
  id: string;
  action: string;
  actor: { id: string; fullName: string; position: string };
  document: { id: string; numberSymbol: string | null; subject: string } | null;
  fromStep: string | null;
  toStep: string | null;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  requestId: string;
  userAgent: string;
  clientIp: string;
};

async function audit(query: Record<string, string | number>, token = tokens.luutru) {
  const res = await t.http.get('/api/audit').query(query).set('Authorization', token);
  return res;
}

describe('the audit trail for archivists', () => {
  it('records every action of the route with its actor, position, step and state', async () => {
    // Recipients outside this system only: a desk of the system would report its receipt (an entry of its own) in the
    // background, after the issue.
    const d = await createDraft(t, tokens, dir, {
      addressees: [recipient(dir, 'STC')],
      copiesTo: [{ recipientId: recipient(dir, 'VPTU'), note: 'để b/c' }],
    });
    await act(t, tokens.chuyenvien, d.id, 'submit');
    await act(t, tokens.truongphong, d.id, 'return', { comment: 'Bổ sung số liệu.' });
    await act(t, tokens.chuyenvien, d.id, 'submit');
    await toIssuingFromReview(d.id);
    await act(t, tokens.vanthu, d.id, 'issue');
    const res = await t.http.get('/api/audit').query({ documentId: d.id, order: 'asc' }).set('Authorization', tokens.luutru).set('User-Agent', 'archivist-browser');
    expect(res.status).toBe(200);
    const items = res.body.items as Entry[];
    expect(items.map((e) => [e.action, e.actor.fullName, e.actor.position, e.fromStep, e.toStep])).toEqual([
      ['create', 'Lê Thị Hà', 'Chuyên viên', null, 'drafting'],
      ['submit', 'Lê Thị Hà', 'Chuyên viên', 'drafting', 'contentReview'],
      ['return', 'Trần Văn Nam', 'Trưởng phòng Công nghệ thông tin', 'contentReview', 'drafting'],
      ['submit', 'Lê Thị Hà', 'Chuyên viên', 'drafting', 'contentReview'],
      ['approve', 'Trần Văn Nam', 'Trưởng phòng Công nghệ thông tin', 'contentReview', 'formatCheck'],
      ['approve', 'Phạm Minh Đức', 'Phó Chánh Văn phòng', 'formatCheck', 'signing'],
      ['sign', 'Nguyễn Văn Bình', 'Phó Chủ tịch UBND tỉnh', 'signing', 'issuing'],
      ['issue', 'Vũ Thị Lan', 'Văn thư', 'issuing', 'distribution'],
    ]);
    expect(items[2].comment).toBe('Bổ sung số liệu.');
    expect(items[7]).toMatchObject({ fromState: 'issuing', toState: 'distribution', document: { numberSymbol: expect.stringMatching(/^\d{2,}\/UBND-CNTT$/) } });
    for (const e of items) {
      expect(e.requestId).toBeTruthy();
      expect(e.clientIp).toBeTruthy();
      expect(e.document?.subject).toBe('Triển khai thực hiện chuyển đổi số năm 2026');
    }

    // The number and symbol find every entry of the document, from before it had a number too.
    const byNumber = await audit({ numberSymbol: items[7].document!.numberSymbol!, order: 'asc' });
    expect(byNumber.body.items.map((e: Entry) => e.id)).toEqual(items.map((e) => e.id));
    // By actor and action.
    const returns = await audit({ actorId: items[2].actor.id, action: 'return' });
    expect(returns.body.items.map((e: Entry) => e.id)).toContain(items[2].id);
    expect(returns.body.items.every((e: Entry) => e.action === 'return' && e.actor.id === items[2].actor.id)).toBe(true);
    // By time: nothing before the first entry, everything from it.
    const first = await t.dataSource.query(`SELECT at FROM audit_entries WHERE id = $1`, [items[0].id]);
    const at = new Date(first[0].at);
    const before = await audit({ documentId: d.id, to: at.toISOString() });
    expect(before.body.items).toEqual([]);
    const from = await audit({ documentId: d.id, from: at.toISOString() });
    expect(from.body.items).toHaveLength(8);
  });

  async function toIssuingFromReview(id: string) {
    for (const [who, action] of [
      ['truongphong', 'approve'],
      ['pcvp', 'approve'],
      ['pct', 'sign'],
    ] as const) {
      expect((await act(t, tokens[who], id, action)).status).toBe(200);
    }
  }

  it('finds subjects and comments without regard to diacritics or Unicode form', async () => {
    const a = await createDraft(t, tokens, dir, { subject: 'Đẩy mạnh chuyển đổi số trong cơ quan nhà nước' });
    const b = await createDraft(t, tokens, dir, { subject: 'Hội nghị tổng kết tại Thanh Hóa' });
    const c = await createDraft(t, tokens, dir, { subject: 'Hội nghị sơ kết tại Thanh Hoá' });
    const e = await createDraft(t, tokens, dir, { subject: 'Đoàn công tác về Thanh Hóa'.normalize('NFD') });
    await act(t, tokens.chuyenvien, a.id, 'submit');
    await act(t, tokens.truongphong, a.id, 'return', { comment: 'Làm rõ lộ trình số hóa' });
    const docsOf = (items: Entry[]) => new Set(items.map((x) => x.document?.id));

    const cds = await audit({ q: 'chuyen doi so', limit: 500 });
    expect(cds.status).toBe(200);
    expect(docsOf(cds.body.items)).toContain(a.id);
    expect(docsOf(cds.body.items)).not.toContain(b.id);
    for (const q of ['Thanh Hoa', 'thanh hoá', 'THANH HÓA', 'Thanh Hóa'.normalize('NFD'), 'Thanh Hoá'.normalize('NFD')]) {
      const res = await audit({ q, limit: 500 });
      const found = docsOf(res.body.items);
      expect({ q, b: found.has(b.id), c: found.has(c.id), e: found.has(e.id), a: found.has(a.id) }).toEqual({ q, b: true, c: true, e: true, a: false });
    }
    // Comments too.
    const comment = await audit({ q: 'so hoa', limit: 500 });
    expect(comment.body.items.map((x: Entry) => x.comment)).toContain('Làm rõ lộ trình số hóa');
    // Stored in NFC whatever was sent.
    const stored = await t.dataSource.query(`SELECT subject FROM documents WHERE id = $1`, [e.id]);
    expect(stored[0].subject).toBe('Đoàn công tác về Thanh Hóa'.normalize('NFC'));
    // Wildcards are literal; too short a query is refused.
    expect((await audit({ q: '%' })).status).toBe(400);
    expect((await audit({ q: '100%' })).body.items).toEqual([]);
  });

  it('shows others only the history of documents they may see', async () => {
    const d = await createDraft(t, tokens, dir);
    const all = await audit({}, tokens.chuyenvien);
    expect(all.status).toBe(403);
    expect(all.body.code).toBe('AUDIT_ARCHIVISTS_ONLY');
    const own = await audit({ documentId: d.id }, tokens.cvp);
    expect(own.status).toBe(200);
    expect(own.body.items.map((x: Entry) => x.action)).toEqual(['create']);
    const secret = await createDraft(t, tokens, dir, { confidentiality: 'mat' });
    expect((await audit({ documentId: secret.id }, tokens.cvp)).status).toBe(404);
    expect((await t.http.get('/api/audit/verify').set('Authorization', tokens.cvp)).status).toBe(403);
    expect((await t.http.get('/api/audit/export').set('Authorization', tokens.cvp)).status).toBe(403);
    expect((await audit({ from: 'yesterday' })).status).toBe(400);
    expect((await audit({ limit: 501 })).status).toBe(400);
    expect((await audit({ cursor: 'nonsense' })).status).toBe(400);
  });

  it('records reads of confidential documents', async () => {
    const secret = await createDraft(t, tokens, dir, { confidentiality: 'toi-mat' });
    const plain = await createDraft(t, tokens, dir);
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.chuyenvien)).status).toBe(200);
    expect((await t.http.get(`/api/documents/${secret.id}/history`).set('Authorization', tokens.pct)).status).toBe(200);
    // The archivist is not on its route: no content for her, and nothing read. Its trail she queries whole.
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.luutru)).status).toBe(404);
    expect((await t.http.get(`/api/documents/${plain.id}`).set('Authorization', tokens.luutru)).status).toBe(200);
    const secretLog = await audit({ documentId: secret.id, order: 'asc' });
    expect(secretLog.body.items.map((x: Entry) => [x.action, x.actor.fullName])).toEqual([
      ['create', 'Lê Thị Hà'],
      ['read', 'Lê Thị Hà'],
      ['read-history', 'Nguyễn Văn Bình'],
    ]);
    const plainLog = await audit({ documentId: plain.id });
    expect(plainLog.body.items.map((x: Entry) => x.action)).toEqual(['create']);
  });

  it('pages neither skip nor repeat an entry while entries are added', async () => {
    for (let i = 0; i < 6; i++) {
      const d = await createDraft(t, tokens, dir, { subject: `Văn bản phân trang ${i}` });
      await toIssuing(t, tokens, d.id);
    }
    for (const order of ['desc', 'asc'] as const) {
      const existing = (await t.dataSource.query(`SELECT id::text FROM audit_entries ORDER BY audit_entries.id`)).map((r: { id: string }) => r.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await audit(cursor ? { limit: 7, order, cursor } : { limit: 7, order });
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((x: Entry) => x.id));
        cursor = res.body.nextCursor;
        pages++;
        // Others keep working meanwhile.
        const d = await createDraft(t, tokens, dir, { subject: `Thêm trong lúc phân trang ${order} ${pages}` });
        await act(t, tokens.chuyenvien, d.id, 'submit');
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort((x, y) => Number(x) - Number(y))).toEqual(existing);
      expect(pages).toBeGreaterThan(5);
    }
  });
});
