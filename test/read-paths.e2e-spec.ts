import { describe, expect, it } from '@jest/globals';
import { act, createDraft, useDemoApp, type DemoApp } from './support/factories.js';
import { prepared } from '../src/database/preparing-client.js';

let demo: DemoApp;
useDemoApp((d) => (demo = d));

type Item = { id: string; urgency: string };

/** Every page of a box, following nextCursor. */
async function allPages(token: string, query: string, limit: number): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await demo.t.http
      .get(`/api/documents?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      .set('Authorization', token);
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return pages;
}

describe('the inbox read path (document_inbox, kept by a trigger)', () => {
  it('pages through every waiting document exactly once, most urgent first, then longest waiting', async () => {
    const { t, tokens, dir } = demo;
    const urgencies = ['normal', 'khan', 'hoa-toc', 'normal', 'thuong-khan', 'khan', 'normal'];
    const ids: string[] = [];
    for (const urgency of urgencies) {
      const d = await createDraft(t, tokens, dir, { urgency, subject: `Hộp thư ${urgency}` });
      expect((await act(t, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
      ids.push(d.id);
    }
    const pages = await allPages(tokens.truongphong, 'box=inbox', 2);
    const seen = pages.flat().filter((x) => ids.includes(x.id));
    expect(seen.map((x) => x.id).sort()).toEqual([...ids].sort());
    expect(new Set(pages.flat().map((x) => x.id)).size).toBe(pages.flat().length); // nothing twice
    const rank = { 'hoa-toc': 0, 'thuong-khan': 1, khan: 2, normal: 3 } as Record<string, number>;
    const expected = ids
      .map((id, i) => ({ id, r: rank[urgencies[i]], i }))
      .sort((a, b) => a.r - b.r || a.i - b.i) // submitted in this order: longest waiting first within a rank
      .map((x) => x.id);
    expect(seen.map((x) => x.id)).toEqual(expected);
  });

  it('refuses a cursor it did not write with a 400 on cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['3', 'yesterday', 'x'])).toString('base64url');
    const res = await demo.t.http.get(`/api/documents?box=inbox&cursor=${forged}`).set('Authorization', demo.tokens.truongphong);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([{ field: 'cursor', reason: 'is not a cursor returned by this endpoint' }]);
  });

  it('follows the document: it leaves the inbox of the one who acted and reaches the next', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, { subject: 'Theo dõi hộp thư' });
    const inboxOf = async (who: keyof typeof tokens) =>
      (await allPages(tokens[who], 'box=inbox', 100)).flat().map((x) => x.id);
    expect(await inboxOf('chuyenvien')).toContain(d.id);
    expect((await act(t, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
    expect(await inboxOf('chuyenvien')).not.toContain(d.id);
    expect(await inboxOf('truongphong')).toContain(d.id);
    // The index table holds exactly the document's assignees.
    const rows = await t.owner(`SELECT user_id FROM document_inbox WHERE document_id = $1`, [d.id]);
    const [doc] = await t.owner(`SELECT assignee_ids FROM documents WHERE id = $1`, [d.id]);
    expect(rows.map((r: { user_id: string }) => r.user_id).sort()).toEqual([...doc.assignee_ids].sort());
  });
});

describe('prepared statements', () => {
  it('runs a marked statement as a named prepared statement of its connection, and an unmarked one unnamed', async () => {
    await demo.t.dataSource.transaction(async (m) => {
      // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
      const [a] = await m.query(prepared(`SELECT $1::int + 1 AS n /* read-paths spec */`), [41]);
      expect(a.n).toBe(42);
      await m.query(`SELECT $1::int AS unmarked /* read-paths spec */`, [1]);
      const statements = (await m.query(`SELECT name, statement FROM pg_prepared_statements`)) as Array<{ name: string; statement: string }>;
      const ours = statements.filter((s) => s.statement.includes('read-paths spec'));
      expect(ours.map((s) => s.statement)).toEqual([expect.stringContaining('$1::int + 1')]);
      expect(ours[0].name).toMatch(/^cv_[0-9a-f]{20}$/);
    });
  });
});
