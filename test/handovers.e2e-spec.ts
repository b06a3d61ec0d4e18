import { describe, expect, it } from '@jest/globals';
import { act, createDraft, toIssuing, useDemoApp, type DemoApp, type DemoLogin } from './support/factories.js';

let demo: DemoApp;
useDemoApp((d) => (demo = d));

async function userId(login: string): Promise<string> {
  const [row] = await demo.t.owner(`SELECT id FROM users WHERE username = $1`, [login]);
  return row.id;
}

async function submitted(subject: string) {
  const d = await createDraft(demo.t, demo.tokens, demo.dir, { subject });
  expect((await act(demo.t, demo.tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
  return d.id;
}

async function view(id: string, as: DemoLogin) {
  return demo.t.http.get(`/api/documents/${id}`).set('Authorization', demo.tokens[as]);
}

async function inbox(as: DemoLogin): Promise<string[]> {
  const res = await demo.t.http.get('/api/documents?box=inbox&limit=100').set('Authorization', demo.tokens[as]);
  return res.body.items.map((x: { id: string }) => x.id);
}

function handOver(id: string, as: DemoLogin, body: Record<string, unknown>) {
  return demo.t.http.post(`/api/documents/${id}/handovers`).set('Authorization', demo.tokens[as]).send(body);
}

describe('handing a task to a deputy', () => {
  it('lets the deputy act for the owner, who keeps the task; both are in the audit', async () => {
    const { t, tokens } = demo;
    const id = await submitted('Giao nhiệm vụ cho cấp phó');
    const deputy = await userId('ppcntt');
    expect((await act(t, tokens.ppcntt, id, 'approve')).status).toBe(403); // not before the handover

    const res = await handOver(id, 'truongphong', { toUserId: deputy, reason: 'Đi công tác' });
    expect(res.status).toBe(201);
    expect(res.body.step.handovers).toEqual([
      expect.objectContaining({ ownerName: 'Trần Văn Nam', delegateId: deputy, delegateName: 'Nguyễn Thị Thảo', reason: 'Đi công tác' }),
    ]);
    // The owner keeps it; the deputy finds it in the inbox with the task's actions.
    expect(await inbox('truongphong')).toContain(id);
    expect(await inbox('ppcntt')).toContain(id);
    expect((await view(id, 'ppcntt')).body.availableActions).toEqual(['approve', 'return']);
    expect((await view(id, 'truongphong')).body.availableActions).toEqual(['approve', 'return']);

    const approved = await act(t, tokens.ppcntt, id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.step.id).toBe('formatCheck');
    // The handover ended with the step: nothing more for the deputy.
    expect(approved.body.step.handovers).toEqual([]);
    expect(await inbox('ppcntt')).not.toContain(id);

    const history = (await t.http.get(`/api/documents/${id}/history`).set('Authorization', tokens.chuyenvien)).body;
    expect(history.find((e: { action: string }) => e.action === 'handover')).toMatchObject({
      actor: { fullName: 'Trần Văn Nam' },
      comment: 'Trần Văn Nam → Nguyễn Thị Thảo: Đi công tác',
      onBehalfOf: null,
    });
    expect(history.find((e: { action: string }) => e.action === 'approve')).toMatchObject({
      actor: { fullName: 'Nguyễn Thị Thảo' },
      onBehalfOf: { fullName: 'Trần Văn Nam' },
      fromStep: 'contentReview',
    });
    const audit = await t.http.get(`/api/audit?documentId=${id}&action=approve`).set('Authorization', tokens.luutru);
    expect(audit.body.items[0].onBehalfOf).toEqual({ id: await userId('truongphong'), fullName: 'Trần Văn Nam' });
    // The chains stay verifiable with entries made on someone's behalf.
    const verify = await t.http.get('/api/audit/verify').set('Authorization', tokens.luutru);
    expect(verify.body.ok).toBe(true);
  });

  it('refuses what is not the owner’s to hand over, and changes nothing', async () => {
    const { t, tokens } = demo;
    const id = await submitted('Từ chối giao nhiệm vụ');
    const before = (await view(id, 'truongphong')).body;
    const notMine = await handOver(id, 'chuyenvien', { toUserId: await userId('ppcntt') });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('NOT_ASSIGNEE');
    for (const [toUserId, reason] of [
      [await userId('truongphong'), 'is yourself'],
      [await userId('gdstp'), 'must be a person of your agency'],
      ['00000000-0000-4000-8000-000000000000', 'is not an active user'],
    ]) {
      const res = await handOver(id, 'truongphong', { toUserId });
      expect(res.status).toBe(400);
      expect(res.body.details.fields).toEqual([{ field: 'toUserId', reason }]);
    }
    const malformed = await handOver(id, 'truongphong', { toUserId: 'x', extra: 1 });
    expect(malformed.status).toBe(400);
    const after = (await view(id, 'truongphong')).body;
    expect(after.version).toBe(before.version);
    expect(after.step.handovers).toEqual([]);

    // Signing is never handed over.
    const s = await createDraft(t, tokens, demo.dir, { subject: 'Không giao việc ký' });
    for (const [who, action] of [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve']] as const) {
      expect((await act(t, tokens[who], s.id, action)).status).toBe(200);
    }
    const signing = await handOver(s.id, 'pct', { toUserId: await userId('chutich') });
    expect(signing.status).toBe(409);
    expect(signing.body).toMatchObject({ code: 'SIGNING_NOT_HANDED_OVER', details: { step: 'signing' } });
    // A finished document has no task to hand over.
    const done = await createDraft(t, tokens, demo.dir, { subject: 'Văn bản hoàn tất' });
    await toIssuing(t, tokens, done.id);
    expect((await act(t, tokens.vanthu, done.id, 'issue')).status).toBe(200);
    expect((await act(t, tokens.vanthu, done.id, 'complete')).status).toBe(200);
    const finished = await handOver(done.id, 'vanthu', { toUserId: await userId('luutru') });
    expect(finished.status).toBe(409);
    expect(finished.body).toMatchObject({ code: 'NOT_AT_A_TASK', details: { state: 'completed' } });
  });

  it('lets the owner take the task back', async () => {
    const { t, tokens } = demo;
    const id = await submitted('Thu hồi việc đã giao');
    const given = await handOver(id, 'truongphong', { toUserId: await userId('ppcntt') });
    const handoverId = given.body.step.handovers[0].id;
    const stranger = await t.http.delete(`/api/documents/${id}/handovers/${handoverId}`).set('Authorization', tokens.pcvp);
    expect(stranger.status).toBe(403); // pcvp may see the document, but the handover is not his
    expect(stranger.body.code).toBe('NOT_YOUR_HANDOVER');
    const unknown = await t.http.delete(`/api/documents/${id}/handovers/00000000-0000-4000-8000-000000000000`).set('Authorization', tokens.truongphong);
    expect(unknown.status).toBe(404);
    const back = await t.http.delete(`/api/documents/${id}/handovers/${handoverId}`).set('Authorization', tokens.truongphong);
    expect(back.status).toBe(200);
    expect(back.body.step.handovers).toEqual([]);
    expect(back.body.step.assignees.map((a: { fullName: string }) => a.fullName)).toEqual(['Trần Văn Nam']);
    expect((await act(t, tokens.ppcntt, id, 'approve')).status).toBe(403);
    expect(await inbox('ppcntt')).not.toContain(id);
  });
});

describe('absences', () => {
  it('hands the tasks that reach an absent person to the stand-in, until the absence ends', async () => {
    const { t, tokens } = demo;
    const deputy = await userId('ppcntt');
    const now = Date.now();
    const bad = await t.http
      .post('/api/absences')
      .set('Authorization', tokens.truongphong)
      .send({ standInId: deputy, validFrom: new Date(now).toISOString(), validTo: new Date(now - 1000).toISOString() });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields).toEqual([{ field: 'validTo', reason: 'must be after validFrom' }]);

    const created = await t.http
      .post('/api/absences')
      .set('Authorization', tokens.truongphong)
      .send({ standInId: deputy, validFrom: new Date(now - 60_000).toISOString(), validTo: new Date(now + 86_400_000).toISOString(), reason: 'Nghỉ phép' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { fullName: 'Trần Văn Nam' }, standIn: { fullName: 'Nguyễn Thị Thảo' }, reason: 'Nghỉ phép' });
    const seen = await t.http.get('/api/absences').set('Authorization', tokens.ppcntt);
    expect(seen.body.map((a: { id: string }) => a.id)).toContain(created.body.id);

    const id = await submitted('Văn bản đến khi trưởng phòng nghỉ phép');
    const doc = (await view(id, 'ppcntt')).body;
    expect(doc.step.handovers).toEqual([expect.objectContaining({ ownerName: 'Trần Văn Nam', delegateId: deputy, reason: 'absence: Nghỉ phép' })]);
    expect(await inbox('ppcntt')).toContain(id);
    const approved = await act(t, tokens.ppcntt, id, 'approve');
    expect(approved.status).toBe(200);
    const history = (await t.http.get(`/api/documents/${id}/history`).set('Authorization', tokens.chuyenvien)).body;
    expect(history.at(-1)).toMatchObject({ action: 'approve', actor: { fullName: 'Nguyễn Thị Thảo' }, onBehalfOf: { fullName: 'Trần Văn Nam' } });

    expect((await t.http.delete(`/api/absences/${created.body.id}`).set('Authorization', tokens.ppcntt)).status).toBe(404);
    expect((await t.http.delete(`/api/absences/${created.body.id}`).set('Authorization', tokens.truongphong)).status).toBe(204);
    const later = await submitted('Văn bản sau khi trưởng phòng đi làm lại');
    expect((await view(later, 'truongphong')).body.step.handovers).toEqual([]);
    expect(await inbox('ppcntt')).not.toContain(later);
  });
});
