import { describe, expect, it } from '@jest/globals';
import { act, createDraft, signer, useDemoApp, type DemoApp, type DemoLogin } from './support/factories.js';

let demo: DemoApp;
useDemoApp((d) => (demo = d));

async function unitIds(...codes: string[]): Promise<string[]> {
  const res = await demo.t.http.get('/api/units').set('Authorization', demo.tokens.truongphong);
  expect(res.status).toBe(200);
  return codes.map((c) => res.body.find((u: { code: string }) => u.code === c).id);
}

async function plan(subject: string) {
  const d = await createDraft(demo.t, demo.tokens, demo.dir, { type: 'KH', subject, signerId: signer(demo.dir, 'pct') });
  expect((await act(demo.t, demo.tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
  return d.id;
}

async function view(id: string, as: DemoLogin = 'chuyenvien') {
  const res = await demo.t.http.get(`/api/documents/${id}`).set('Authorization', demo.tokens[as]);
  expect(res.status).toBe(200);
  return res.body;
}

async function answer(who: DemoLogin, id: string, value: string, comment?: string) {
  return act(demo.t, demo.tokens[who], id, 'answer', { answer: value, ...(comment ? { comment } : {}) });
}

describe('consultation (xin ý kiến) of a kế hoạch', () => {
  it('consults three units in parallel and reaches signing only after all answered', async () => {
    const { t, tokens } = demo;
    const id = await plan('Kế hoạch triển khai chuyển đổi số năm 2027');
    expect((await view(id)).route.key).toBe('ke-hoach');
    const units = await unitIds('TH', 'KGVX', 'KT');

    // The head of the drafting unit approves and picks the units to consult.
    const approved = await act(t, tokens.truongphong, id, 'approve', {
      consultation: { unitIds: units, deadline: new Date(Date.now() + 3 * 86_400_000).toISOString() },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'review', step: { id: 'consultation' } });
    expect(approved.body.step.assignees.map((a: { fullName: string }) => a.fullName).sort()).toEqual(['Hà Văn Long', 'Lê Thị Nga', 'Mai Văn Hùng']);

    // Every consulted head finds it in the inbox and may answer; nobody else may.
    for (const who of ['tpth', 'tpkgvx', 'tpkt'] as const) {
      const inbox = await t.http.get('/api/documents?box=inbox').set('Authorization', tokens[who]);
      expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(id);
      expect((await view(id, who)).availableActions).toEqual(['answer']);
    }
    expect((await answer('truongphong', id, 'agree')).status).toBe(403);
    const noAnswer = await act(t, tokens.tpth, id, 'answer');
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.body.details.fields[0].field).toBe('answer');

    expect((await answer('tpth', id, 'agree', 'Thống nhất với dự thảo')).status).toBe(200);
    let doc = await view(id);
    expect(doc.step.id).toBe('consultation');
    expect(doc.consultation.pending).toHaveLength(2);
    expect(doc.step.assignees.map((a: { fullName: string }) => a.fullName).sort()).toEqual(['Hà Văn Long', 'Lê Thị Nga']);
    expect((await answer('tpth', id, 'disagree')).status).toBe(403); // answered already

    expect((await answer('tpkgvx', id, 'other', 'Đề nghị bổ sung chỉ tiêu về giáo dục số')).status).toBe(200);
    expect((await view(id)).step.id).toBe('consultation');
    const last = await answer('tpkt', id, 'agree');
    expect(last.status).toBe(200);
    expect(last.body.step.id).toBe('formatCheck');

    // The answers are visible to the drafter, the reviewers and the signer.
    for (const who of ['chuyenvien', 'truongphong', 'pcvp', 'pct'] as const) {
      doc = await view(id, who);
      expect(doc.consultation.answers.map((a: { unit: { code: string }; answer: string; comment: string | null }) => [a.unit.code, a.answer, a.comment])).toEqual([
        ['TH', 'agree', 'Thống nhất với dự thảo'],
        ['KGVX', 'other', 'Đề nghị bổ sung chỉ tiêu về giáo dục số'],
        ['KT', 'agree', null],
      ]);
    }
    expect(doc.consultation.units.map((u: { code: string }) => u.code)).toEqual(['KGVX', 'KT', 'TH']);
    expect((await act(t, tokens.pcvp, id, 'approve')).status).toBe(200);
    expect((await view(id)).step.id).toBe('signing');
    const history = (await t.http.get(`/api/documents/${id}/history`).set('Authorization', tokens.chuyenvien)).body;
    expect(history.filter((e: { action: string }) => e.action === 'answer').map((e: { comment: string }) => e.comment)).toEqual([
      'agree: Thống nhất với dự thảo',
      'other: Đề nghị bổ sung chỉ tiêu về giáo dục số',
      'agree',
    ]);
  });

  it('sends the plan back to the drafter when a unit disagrees, and consults again', async () => {
    const { t, tokens } = demo;
    const id = await plan('Kế hoạch cải cách hành chính năm 2027');
    const units = await unitIds('TH', 'KT');
    expect((await act(t, tokens.truongphong, id, 'approve', { consultation: { unitIds: units } })).status).toBe(200);
    expect((await answer('tpth', id, 'disagree', 'Chưa phù hợp với kế hoạch của tỉnh')).status).toBe(200);
    const back = await answer('tpkt', id, 'agree');
    expect(back.body).toMatchObject({ state: 'drafting', step: { id: 'drafting' } });
    // Revised and consulted again: a new round, the first answers kept on record.
    expect((await act(t, tokens.chuyenvien, id, 'submit')).status).toBe(200);
    expect((await act(t, tokens.truongphong, id, 'approve')).status).toBe(200); // the same units as before
    const doc = await view(id);
    expect(doc.step.id).toBe('consultation');
    expect(doc.consultation.pending.sort()).toEqual([...units].sort());
    expect(doc.consultation.answers).toHaveLength(2);
  });

  it('goes on to the format check when nobody is to be consulted', async () => {
    const id = await plan('Kế hoạch không cần xin ý kiến');
    const approved = await act(demo.t, demo.tokens.truongphong, id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.step.id).toBe('formatCheck');
    expect(approved.body.consultation).toEqual({ units: [], deadline: null, pending: [], answers: [] });
  });

  it('refuses units of another agency and a past deadline, and changes nothing', async () => {
    const { t, tokens } = demo;
    const id = await plan('Kế hoạch có đơn vị sai');
    const [tgv] = await demo.t.owner(`SELECT id FROM units WHERE code = 'TGV'`);
    const other = await act(t, tokens.truongphong, id, 'approve', { consultation: { unitIds: [tgv.id] } });
    expect(other.status).toBe(400);
    expect(other.body.details.fields).toEqual([{ field: 'consultation.unitIds.0', reason: 'is not a unit of the issuing agency' }]);
    const past = await act(t, tokens.truongphong, id, 'approve', {
      consultation: { unitIds: await unitIds('TH'), deadline: '2020-01-01T00:00:00+07:00' },
    });
    expect(past.status).toBe(400);
    expect(past.body.details.fields).toEqual([{ field: 'consultation.deadline', reason: 'is already past' }]);
    const empty = await act(t, tokens.truongphong, id, 'approve', { consultation: { unitIds: [] } });
    expect(empty.status).toBe(400);
    expect((await view(id)).step.id).toBe('contentReview');
  });
});

describe('consultation of a công văn', () => {
  it('consults the units the drafter chose at submission, before the format check', async () => {
    const { t, tokens, dir } = demo;
    const d = await createDraft(t, tokens, dir, { subject: 'Xin ý kiến về dự thảo Quy chế phối hợp' });
    const units = await unitIds('TH', 'KGVX');
    expect((await act(t, tokens.chuyenvien, d.id, 'submit', { consultation: { unitIds: units } })).status).toBe(200);
    const approved = await act(t, tokens.truongphong, d.id, 'approve');
    expect(approved.body).toMatchObject({ route: { key: 'cong-van' }, step: { id: 'consultation' } });
    expect((await answer('tpth', d.id, 'agree')).status).toBe(200);
    const done = await answer('tpkgvx', d.id, 'agree', 'Nhất trí');
    expect(done.body.step.id).toBe('formatCheck');
  });
});
