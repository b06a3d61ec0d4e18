import { describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { act, createDraft, type Directory, toIssuing, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

describe('a công văn from draft to distribution', () => {
  it('goes the whole route with the demo users, and every action is in the history', async () => {
    const draft = await createDraft(t, tokens, dir, { urgency: 'khan' });
    expect(draft).toMatchObject({
      type: 'CV',
      state: 'drafting',
      step: { id: 'drafting', name: 'Soạn thảo' },
      availableActions: expect.arrayContaining(['submit', 'withdraw']),
      version: 1,
      number: null,
      symbol: null,
      issuedAt: null,
      deliveries: [],
    });

    const steps: Array<[keyof Tokens, string, string, string]> = [
      ['chuyenvien', 'submit', 'review', 'contentReview'],
      ['truongphong', 'approve', 'review', 'formatCheck'],
      ['pcvp', 'approve', 'signing', 'signing'],
      ['pct', 'sign', 'issuing', 'issuing'],
      ['vanthu', 'issue', 'distribution', 'distribution'],
    ];
    let version = 1;
    for (const [who, action, state, step] of steps) {
      // The next actor finds it in the inbox before acting.
      const inbox = await t.http.get('/api/documents?box=inbox').set('Authorization', tokens[who]);
      expect(inbox.status).toBe(200);
      const item = inbox.body.items.find((d: { id: string }) => d.id === draft.id);
      expect(item).toBeDefined();
      expect(item.availableActions).toContain(action);

      const res = await act(t, tokens[who], draft.id, action, { expectedVersion: version });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe(state);
      expect(res.body.step.id).toBe(step);
      expect(res.body.version).toBe(version + 1);
      version = res.body.version;
    }

    const doc = (await t.http.get(`/api/documents/${draft.id}`).set('Authorization', tokens.vanthu)).body;
    expect(doc.number).toBe('01');
    expect(doc.symbol).toBe('UBND-CNTT');
    expect(doc.numberSymbol).toBe('01/UBND-CNTT');
    expect(doc.dateLine).toMatch(/^Thanh Hóa, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$/);
    expect(new Date(doc.issuedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // One delivery per recipient agency, through the channel the directory gives it (distribution.e2e-spec.ts follows them).
    expect(doc.deliveries).toHaveLength(3);
    expect(Object.fromEntries(doc.deliveries.map((d: { recipient: { code: string }; channel: string }) => [d.recipient.code, d.channel]))).toEqual({
      SKHCN: 'internal',
      STC: 'edxml',
      VPTU: 'manual',
    });

    const history = await t.http.get(`/api/documents/${draft.id}/history`).set('Authorization', tokens.chuyenvien);
    expect(history.status).toBe(200);
    // (receipts from the recipients may follow, as the outbox delivers)
    const route = history.body.slice(0, 6);
    expect(route.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'approve', 'approve', 'sign', 'issue']);
    expect(route.map((h: { actor: { fullName: string } }) => h.actor.fullName)).toEqual([
      'Lê Thị Hà',
      'Lê Thị Hà',
      'Trần Văn Nam',
      'Phạm Minh Đức',
      'Nguyễn Văn Bình',
      'Vũ Thị Lan',
    ]);
    expect(history.body[5]).toMatchObject({ fromState: 'issuing', toState: 'distribution', step: 'distribution', numberSymbol: '01/UBND-CNTT' });
    expect(history.body[1]).toMatchObject({ fromState: 'drafting', toState: 'review', step: 'contentReview' });
    for (const h of history.body) expect(new Date(h.at).getTime()).not.toBeNaN();

    // The clerk closes the distribution; the route ends.
    const done = await act(t, tokens.vanthu, draft.id, 'complete');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'completed', step: { id: 'completed', assignees: [] }, availableActions: [] });

    // The audit rows themselves carry who, from where and with which request.
    const rows = await t.dataSource.query(
      `SELECT action, actor_position, request_id, user_agent FROM audit_entries WHERE document_id = $1 ORDER BY id`,
      [draft.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['create', 'submit', 'approve', 'approve', 'sign', 'issue', 'complete']);
    for (const r of rows) expect(r.request_id).toBeTruthy();
    expect(rows[4].actor_position).toBe('Phó Chủ tịch UBND tỉnh');
  });

  it('returns to the drafter with a comment; the drafter edits and submits again', async () => {
    const draft = await createDraft(t, tokens, dir);
    expect((await act(t, tokens.chuyenvien, draft.id, 'submit')).status).toBe(200);

    const returned = await act(t, tokens.truongphong, draft.id, 'return', { comment: 'Bổ sung căn cứ pháp lý.' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'drafting', step: { id: 'drafting' } });

    // The drafter edits the returned draft.
    const edited = await t.http
      .patch(`/api/documents/${draft.id}`)
      .set('Authorization', tokens.chuyenvien)
      .send({ subject: 'Triển khai thực hiện chuyển đổi số năm 2026 (sửa đổi)' });
    expect(edited.status).toBe(200);
    expect(edited.body.subject).toBe('Triển khai thực hiện chuyển đổi số năm 2026 (sửa đổi)');

    expect((await act(t, tokens.chuyenvien, draft.id, 'submit')).status).toBe(200);
    expect((await act(t, tokens.truongphong, draft.id, 'approve')).status).toBe(200);
    // Returned again at the format check, then at signing.
    expect((await act(t, tokens.pcvp, draft.id, 'return', { comment: 'Sai thể thức Nơi nhận.' })).body.state).toBe('drafting');
    expect((await act(t, tokens.chuyenvien, draft.id, 'submit')).status).toBe(200);
    expect((await act(t, tokens.truongphong, draft.id, 'approve')).status).toBe(200);
    expect((await act(t, tokens.pcvp, draft.id, 'approve')).status).toBe(200);
    const back = await act(t, tokens.pct, draft.id, 'return', { comment: 'Làm rõ trách nhiệm của các sở.' });
    expect(back.body).toMatchObject({ state: 'drafting', step: { id: 'drafting' } });

    const history = (await t.http.get(`/api/documents/${draft.id}/history`).set('Authorization', tokens.chuyenvien)).body;
    const returns = history.filter((h: { action: string }) => h.action === 'return');
    expect(returns.map((h: { comment: string }) => h.comment)).toEqual([
      'Bổ sung căn cứ pháp lý.',
      'Sai thể thức Nơi nhận.',
      'Làm rõ trách nhiệm của các sở.',
    ]);
    expect(history.map((h: { action: string }) => h.action)).toContain('edit');
  });

  it('lets the drafter withdraw before signing, not after', async () => {
    const a = await createDraft(t, tokens, dir);
    expect((await act(t, tokens.chuyenvien, a.id, 'submit')).status).toBe(200);
    // Only the drafter may withdraw.
    expect((await act(t, tokens.truongphong, a.id, 'withdraw')).status).toBe(403);
    const withdrawn = await act(t, tokens.chuyenvien, a.id, 'withdraw');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', availableActions: [] });
    // Nothing more can happen to it, and it has left the head's inbox.
    const after = await act(t, tokens.truongphong, a.id, 'approve');
    expect(after.status).toBe(409);
    expect(after.body.details).toMatchObject({ state: 'withdrawn', allowedActions: [] });
    const inbox = await t.http.get('/api/documents?box=inbox').set('Authorization', tokens.truongphong);
    expect(inbox.body.items.map((d: { id: string }) => d.id)).not.toContain(a.id);

    const b = await createDraft(t, tokens, dir);
    await toIssuing(t, tokens, b.id);
    const late = await act(t, tokens.chuyenvien, b.id, 'withdraw');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED', details: { state: 'issuing' } });
  });
});
