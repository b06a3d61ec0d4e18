import { describe, expect, it } from '@jest/globals';
import { act, createDraft, signer, useDemoApp, type DemoApp, type DemoLogin } from './support/factories.js';

let demo: DemoApp;
useDemoApp((d) => (demo = d));

const decision = (needsLegalReview?: boolean) => ({
  type: 'QĐ',
  subject: 'Ban hành Quy chế quản lý, vận hành hệ thống quản lý văn bản và điều hành',
  signerId: signer(demo.dir, 'chutich'),
  ...(needsLegalReview === undefined ? {} : { needsLegalReview }),
});

async function step(id: string, as: DemoLogin = 'chuyenvien') {
  const res = await demo.t.http.get(`/api/documents/${id}`).set('Authorization', demo.tokens[as]);
  expect(res.status).toBe(200);
  return res.body as { state: string; step: { id: string }; route: { key: string; elementId: string }; signatureBlock: unknown };
}

async function ok(who: DemoLogin, id: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await act(demo.t, demo.tokens[who], id, action, extra);
  expect({ who, action, status: res.status }).toEqual({ who, action, status: 200 });
  return res.body;
}

describe('the quyết định route: legal review by Sở Tư pháp when the decision needs it', () => {
  it('passes a decision that needs legal review through Sở Tư pháp, and only its reviewer may act there', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, decision(true));
    expect((await step(d.id)).route).toEqual({ key: 'quyet-dinh', name: 'Quyết định', version: 1, elementId: 'drafting' });
    await ok('chuyenvien', d.id, 'submit');
    await ok('truongphong', d.id, 'approve');
    expect(await step(d.id)).toMatchObject({ state: 'review', step: { id: 'legalReview' }, route: { elementId: 'legalReview' } });

    // It waits in the legal reviewer's inbox, not in the format checker's.
    const inbox = await t.http.get('/api/documents?box=inbox').set('Authorization', tokens.cvstp);
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const refused = await act(t, tokens.pcvp, d.id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_ASSIGNEE');
    // The reviewer of Sở Tư pháp sees the draft and approves it.
    expect((await step(d.id, 'cvstp')).step.id).toBe('legalReview');
    await ok('cvstp', d.id, 'approve');
    expect((await step(d.id)).step.id).toBe('formatCheck');
    await ok('pcvp', d.id, 'approve');
    await ok('chutich', d.id, 'sign');
    const signed = await step(d.id);
    expect(signed).toMatchObject({ state: 'issuing', step: { id: 'issuing' } });
    expect(signed.signatureBlock).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Minh Tuấn']);
    const issued = await ok('vanthu', d.id, 'issue');
    expect(issued.numberSymbol).toMatch(/^\d{2,}\/QĐ-UBND$/);

    // The history names the reviewer of Sở Tư pháp.
    const history = await t.http.get(`/api/documents/${d.id}/history`).set('Authorization', tokens.chuyenvien);
    expect(history.body.items ?? history.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'approve', fromStep: 'legalReview', step: 'formatCheck', actor: expect.objectContaining({ fullName: 'Lương Thị Thu' }) })]),
    );
  });

  it('skips legal review for a decision that does not need it', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, decision(false));
    await ok('chuyenvien', d.id, 'submit');
    await ok('truongphong', d.id, 'approve');
    expect((await step(d.id)).step.id).toBe('formatCheck');
    const none = await createDraft(t, tokens, dir, decision());
    await ok('chuyenvien', none.id, 'submit');
    await ok('truongphong', none.id, 'approve');
    expect((await step(none.id)).step.id).toBe('formatCheck');
  });

  it('returns to the drafter from legal review, with the reason; the flag can be changed while drafting', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, decision(false));
    const edited = await t.http.patch(`/api/documents/${d.id}`).set('Authorization', tokens.chuyenvien).send({ needsLegalReview: true });
    expect(edited.status).toBe(200);
    expect(edited.body.needsLegalReview).toBe(true);
    await ok('chuyenvien', d.id, 'submit');
    await ok('truongphong', d.id, 'approve');
    await ok('cvstp', d.id, 'return', { comment: 'Đề nghị bổ sung căn cứ pháp lý' });
    expect(await step(d.id)).toMatchObject({ state: 'drafting', step: { id: 'drafting' } });
  });
});

describe('route assignments at creation', () => {
  it('gives a tờ trình the tờ trình route and a công văn the công văn route', async () => {
    const { t, tokens, dir } = demo;
    const tt = await createDraft(t, tokens, dir, { type: 'TTr', subject: 'Đề nghị phê duyệt Kế hoạch chuyển đổi số', signerId: signer(dir, 'chutich') });
    expect((await step(tt.id)).route.key).toBe('to-trinh');
    const cv = await createDraft(t, tokens, dir);
    expect((await step(cv.id)).route.key).toBe('cong-van');
  });
});
