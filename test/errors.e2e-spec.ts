import { describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { act, congVanBody, createDraft, type Directory, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

async function countRows(table: string): Promise<number> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
}

describe('errors: clear, and nothing changes', () => {
  it('401 without a token, with a bad token, and on a wrong password', async () => {
    const none = await t.http.get('/api/documents');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await t.http.get('/api/recipients').set('Authorization', 'Bearer nope')).status).toBe(401);
    const wrong = await t.http.post('/api/auth/login').send({ username: 'chuyenvien', password: 'wrong' });
    expect(wrong.status).toBe(401);
    // Health and the OpenAPI document need no token.
    expect((await t.http.get('/api/health')).body).toMatchObject({ status: 'ok' });
    const docs = await t.http.get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/documents', '/api/documents/{id}/actions']));
  });

  it('400 names the field and the reason, and creates nothing', async () => {
    const before = await countRows('documents');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subject: undefined }, 'subject'],
      [{ subject: '   ' }, 'subject'],
      [{ type: 'XX' }, 'type'],
      [{ addressees: [] }, 'addressees'],
      [{ addressees: ['not-a-uuid'] }, 'addressees'],
      [{ urgency: 'very' }, 'urgency'],
      [{ confidentiality: 'secret' }, 'confidentiality'],
      [{ signerId: undefined }, 'signerId'],
      [{ unknownField: 1 }, 'unknownField'],
      [{ addressees: ['00000000-0000-4000-8000-000000000000'] }, 'addressees.0'],
      [{ copiesTo: [{ recipientId: '00000000-0000-4000-8000-000000000000' }] }, 'copiesTo.0.recipientId'],
    ];
    for (const [override, field] of cases) {
      const res = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, override));
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.code).toBe('INVALID_INPUT');
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(res.body.details.fields.every((f: { reason: string }) => f.reason.length > 0)).toBe(true);
    }
    // A signer who is not a signer (the clerk).
    const clerk = await t.dataSource.query(`SELECT id FROM users WHERE username = 'vanthu'`);
    const notSigner = await t.http
      .post('/api/documents')
      .set('Authorization', tokens.chuyenvien)
      .send(congVanBody(dir, { signerId: clerk[0].id }));
    expect(notSigner.status).toBe(400);
    expect(notSigner.body.details.fields[0].field).toBe('signerId');
    expect(await countRows('documents')).toBe(before);
  });

  it('400 for a return without a comment, a malformed action, a bad id; 409 for an action the route does not offer; the document does not move', async () => {
    const draft = await createDraft(t, tokens, dir);
    await act(t, tokens.chuyenvien, draft.id, 'submit');
    const audit = await countRows('audit_entries');
    for (const body of [{ action: 'return' }, { action: 'return', comment: '  ' }]) {
      const res = await t.http.post(`/api/documents/${draft.id}/actions`).set('Authorization', tokens.truongphong).send(body);
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe('comment');
    }
    for (const action of ['pub lish', '', 42, 'x'.repeat(51)]) {
      const malformed = await act(t, tokens.truongphong, draft.id, action as string);
      expect(malformed.status).toBe(400);
      expect(malformed.body.details.fields[0].field).toBe('action');
    }
    const unknown = await act(t, tokens.truongphong, draft.id, 'publish');
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { state: 'review', step: 'contentReview', allowedActions: ['approve', 'return'] } });
    const badId = await act(t, tokens.truongphong, 'abc', 'approve');
    expect(badId.status).toBe(400);
    expect(badId.body.details.fields[0]).toEqual({ field: 'id', reason: 'must be a UUID' });
    const doc = (await t.http.get(`/api/documents/${draft.id}`).set('Authorization', tokens.truongphong)).body;
    expect(doc).toMatchObject({ state: 'review', step: { id: 'contentReview' }, version: 2 });
    expect(await countRows('audit_entries')).toBe(audit);
  });

  it('403 when the caller is not who may act, 404 for an unknown document', async () => {
    const draft = await createDraft(t, tokens, dir);
    // Not the drafter.
    const submit = await act(t, tokens.truongphong, draft.id, 'submit');
    expect(submit.status).toBe(403);
    expect(submit.body.code).toBe('NOT_ASSIGNEE');
    const edit = await t.http.patch(`/api/documents/${draft.id}`).set('Authorization', tokens.pcvp).send({ subject: 'x' });
    expect(edit.status).toBe(403);
    await act(t, tokens.chuyenvien, draft.id, 'submit');
    // The clerk may not approve the content; the drafter may not approve his own draft.
    expect((await act(t, tokens.vanthu, draft.id, 'approve')).status).toBe(403);
    expect((await act(t, tokens.chuyenvien, draft.id, 'approve')).status).toBe(403);
    // Only a drafting officer creates documents.
    const byClerk = await t.http.post('/api/documents').set('Authorization', tokens.vanthu).send(congVanBody(dir));
    expect(byClerk.status).toBe(403);

    const missing = '00000000-0000-4000-8000-000000000000';
    for (const res of [
      await t.http.get(`/api/documents/${missing}`).set('Authorization', tokens.chuyenvien),
      await act(t, tokens.chuyenvien, missing, 'submit'),
      await t.http.get(`/api/documents/${missing}/history`).set('Authorization', tokens.chuyenvien),
      await t.http.patch(`/api/documents/${missing}`).set('Authorization', tokens.chuyenvien).send({ subject: 'x' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('409 when the action is not allowed now, with the state and the allowed actions; 409 on a stale version', async () => {
    const draft = await createDraft(t, tokens, dir);
    const early = await act(t, tokens.chuyenvien, draft.id, 'sign');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      details: { state: 'drafting', step: 'drafting', allowedActions: expect.arrayContaining(['submit', 'withdraw']) },
    });
    expect(early.body.message).toContain('drafting');

    const submitted = await act(t, tokens.chuyenvien, draft.id, 'submit', { expectedVersion: 1 });
    expect(submitted.status).toBe(200);
    const stale = await act(t, tokens.truongphong, draft.id, 'approve', { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { version: 2, state: 'review', allowedActions: ['approve', 'return'] } });

    // Editing is for drafts only.
    const edit = await t.http.patch(`/api/documents/${draft.id}`).set('Authorization', tokens.chuyenvien).send({ subject: 'Đổi' });
    expect(edit.status).toBe(409);
    expect(edit.body.details.state).toBe('review');
  });

  it('keeps confidential documents from those who took no part', async () => {
    const secret = await createDraft(t, tokens, dir, { confidentiality: 'mat' });
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.cvp)).status).toBe(404);
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.luutru)).status).toBe(404); // archivists neither
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.admin)).status).toBe(404);
    expect((await t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.pct)).status).toBe(200); // the signer
    for (const who of ['cvp', 'luutru', 'admin'] as const) {
      const all = await t.http.get('/api/documents?box=all&limit=100').set('Authorization', tokens[who]);
      expect(all.status).toBe(200);
      expect(all.body.items.map((d: { id: string }) => d.id)).not.toContain(secret.id);
    }
    const own = await t.http.get('/api/documents?box=all&limit=100').set('Authorization', tokens.chuyenvien);
    expect(own.body.items.map((d: { id: string }) => d.id)).toContain(secret.id);
  });
});
