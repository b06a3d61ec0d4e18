import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll } from './support/factories.js';

let t: TestApp | undefined;

afterAll(async () => {
  await t?.close();
});

describe('a restart mid-route', () => {
  it('keeps every document where it was; the route continues after the restart', async () => {
    t = await createTestApp();
    let tokens = await loginAll(t);
    const dir = await directory(t, tokens);
    const draft = await createDraft(t, tokens, dir);
    await act(t, tokens.chuyenvien, draft.id, 'submit');
    await act(t, tokens.truongphong, draft.id, 'approve');
    const url = t.databaseUrl;
    await t.close();

    // A new process on the same database: nothing of the old one survives but what is in PostgreSQL.
    t = await createTestApp(url);
    tokens = await loginAll(t); // the demo seed did not run twice: the same users log in
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE username = 'chuyenvien'`);
    expect(n).toBe(1);
    const doc = await t.http.get(`/api/documents/${draft.id}`).set('Authorization', tokens.pcvp);
    expect(doc.body).toMatchObject({ state: 'review', step: { id: 'formatCheck' }, availableActions: ['approve', 'return'] });

    expect((await act(t, tokens.pcvp, draft.id, 'approve')).body.state).toBe('signing');
    expect((await act(t, tokens.pct, draft.id, 'sign')).body.state).toBe('issuing');
    const issued = await act(t, tokens.vanthu, draft.id, 'issue');
    expect(issued.body).toMatchObject({ state: 'distribution', number: '01', symbol: 'UBND-CNTT' });
    const history = await t.http.get(`/api/documents/${draft.id}/history`).set('Authorization', tokens.chuyenvien);
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'approve', 'approve', 'sign', 'issue']);
  });
});
