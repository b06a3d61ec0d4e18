import { describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { act, createDraft, type Directory, toIssuing, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

describe('concurrency', () => {
  it('of 20 identical concurrent approvals exactly one succeeds', async () => {
    const draft = await createDraft(t, tokens, dir);
    const submitted = await act(t, tokens.chuyenvien, draft.id, 'submit');
    const version = submitted.body.version;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => act(t, tokens.truongphong, draft.id, 'approve', { expectedVersion: version })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const doc = (await t.http.get(`/api/documents/${draft.id}`).set('Authorization', tokens.pcvp)).body;
    expect(doc).toMatchObject({ step: { id: 'formatCheck' }, version: version + 1 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE document_id = $1 AND action = 'approve'`,
      [draft.id],
    );
    expect(n).toBe(1);
  });

  it('without expectedVersion, concurrent approvals still move the document once', async () => {
    const draft = await createDraft(t, tokens, dir);
    await act(t, tokens.chuyenvien, draft.id, 'submit');
    const results = await Promise.all(Array.from({ length: 20 }, () => act(t, tokens.truongphong, draft.id, 'approve')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // The others find the step moved on to someone else.
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 403 || r.status === 409)).toBe(true);
  });

  it('50 documents issued concurrently get exactly 01 … 50, no gaps, no duplicates', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const d = await createDraft(t, tokens, dir, { subject: `Văn bản thử số ${i + 1}` });
      await toIssuing(t, tokens, d.id);
      ids.push(d.id);
    }
    // A failing issuing transaction in the middle must not leave a gap: break one document's recipients
    // so that its deliveries cannot be written, and issue it along with the others.
    const broken = await createDraft(t, tokens, dir, { subject: 'Văn bản lỗi' });
    await toIssuing(t, tokens, broken.id);
    await t.owner(`ALTER TABLE deliveries ADD CONSTRAINT test_no_broken CHECK (document_id <> '${broken.id}')`);
    try {
      const results = await Promise.all([
        ...ids.map((id) => act(t, tokens.vanthu, id, 'issue')),
        act(t, tokens.vanthu, broken.id, 'issue'),
      ]);
      expect(results.slice(0, 50).map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(results[50].status).toBe(500);
    } finally {
      await t.owner(`ALTER TABLE deliveries DROP CONSTRAINT test_no_broken`);
    }
    const rows = await t.dataSource.query(
      `SELECT number, symbol FROM documents WHERE id = ANY($1::uuid[]) ORDER BY number`,
      [ids],
    );
    const numbers = await Promise.all(
      ids.map(async (id) => (await t.http.get(`/api/documents/${id}`).set('Authorization', tokens.vanthu)).body.number),
    );
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(rows.every((r: { symbol: string }) => r.symbol === 'UBND-CNTT')).toBe(true);
    // The failed one stayed where it was, with no number, and took none.
    const failed = (await t.http.get(`/api/documents/${broken.id}`).set('Authorization', tokens.vanthu)).body;
    expect(failed).toMatchObject({ state: 'issuing', number: null });
    const retry = await act(t, tokens.vanthu, broken.id, 'issue');
    expect(retry.status).toBe(200);
    expect(retry.body.number).toBe('51');
  });
});
