import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, createTestDatabase, TestClock, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll, signer, type Directory, type Tokens } from './support/factories.js';
import { Scheduler } from '../src/workflow/scheduler.service.js';
import { TimersService } from '../src/documents/timers.service.js';

/**
 * Deadlines on the durable scheduler: a báo cáo route whose content review reminds after 30 working minutes and
 * escalates after 1 working hour (test/fixtures/workflows/bao-cao-han.bpmn), with two app instances on one database,
 * one of them restarted, and an injected clock.
 */
const shipped = new URL('../workflows/', import.meta.url);
const fixture = new URL('./fixtures/workflows/bao-cao-han.bpmn', import.meta.url);
// Monday 23 November 2026, 10:00 in Vietnam.
const clock = new TestClock(new Date('2026-11-23T03:00:00Z'));
let dir: string;
let url: string;
let a: TestApp;
let b: TestApp;
let tokens: Tokens;
let people: Directory;

const env = () => ({ WORKFLOWS_DIR: dir });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-timers-'));
  for (const f of fs.readdirSync(shipped)) fs.copyFileSync(new URL(f, shipped), path.join(dir, f));
  fs.copyFileSync(fixture, path.join(dir, 'bao-cao-han.bpmn'));
  url = await createTestDatabase('timers');
  a = await createTestApp(url, clock, env());
  b = await createTestApp(url, clock, env());
  tokens = await loginAll(a);
  people = await directory(a, tokens);
  const assigned = await a.http
    .put('/api/workflows/assignments')
    .set('Authorization', tokens.admin)
    .send({ documentType: 'BC', routeKey: 'bao-cao-han' });
  expect(assigned.status).toBe(200);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the deadlines job through pg-boss on both instances at once and waits until both runs are done. */
async function runJobOnBoth() {
  const runs = await Promise.all([a, b].map(async (t) => ({ t, id: await t.app.get(Scheduler).runNow(TimersService.JOB) })));
  for (const { t, id } of runs) {
    for (let i = 0; ; i++) {
      const state = await t.app.get(Scheduler).stateOf(TimersService.JOB, id);
      if (state === 'completed') break;
      if (state === 'failed' || i > 300) throw new Error(`the deadlines job ended ${state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('deadlines and reminders', () => {
  it('reminds, then escalates, each exactly once across two instances and a restart, on working time', async () => {
    const d = await createDraft(a, tokens, people, { type: 'BC', subject: 'Báo cáo tình hình chuyển đổi số quý IV', signerId: signer(people, 'pct') });
    expect((await act(a, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
    const timers = await a.owner(`SELECT timer_id, interrupting, due_at FROM task_timers WHERE document_id = $1 ORDER BY due_at`, [d.id]);
    expect(timers).toEqual([
      { timer_id: 'reviewReminder', interrupting: false, due_at: new Date('2026-11-23T03:30:00Z') },
      { timer_id: 'reviewDeadline', interrupting: true, due_at: new Date('2026-11-23T04:00:00Z') },
    ]);

    // 10:20: nothing is due.
    clock.set('2026-11-23T03:20:00Z');
    await runJobOnBoth();
    expect((await a.http.get('/api/tasks/overdue?mine=true').set('Authorization', tokens.truongphong)).body).toEqual([]);

    // The first instance restarts.
    await a.close();
    a = await createTestApp(url, clock, env());

    // 11:05: the reminder and the deadline are both past.
    clock.set('2026-11-23T04:05:00Z');
    const overdue = await a.http.get('/api/tasks/overdue?mine=true').set('Authorization', tokens.truongphong);
    expect(overdue.status).toBe(200);
    expect(overdue.body).toEqual([
      expect.objectContaining({ documentId: d.id, step: { id: 'contentReview', name: 'Kiểm tra nội dung' }, overdueWorkingMinutes: 35 }),
    ]);
    await runJobOnBoth();
    await runJobOnBoth(); // and again: nothing fires twice

    const history = (await a.http.get(`/api/documents/${d.id}/history`).set('Authorization', tokens.chuyenvien)).body as Array<{
      action: string;
      actor: { id: string | null; fullName: string };
      step: string;
    }>;
    expect(history.filter((e) => e.action === 'remind')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: null, fullName: 'Hệ thống' }), step: 'contentReview' })]);
    expect(history.filter((e) => e.action === 'escalate')).toEqual([expect.objectContaining({ step: 'escalatedReview' })]);
    const doc = (await a.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.pcvp)).body;
    expect(doc).toMatchObject({ state: 'review', step: { id: 'escalatedReview' }, availableActions: ['approve', 'return'] });
    expect(await a.owner(`SELECT timer_id, outcome FROM task_timers WHERE document_id = $1 ORDER BY due_at`, [d.id])).toEqual([
      { timer_id: 'reviewReminder', outcome: 'reminded' },
      { timer_id: 'reviewDeadline', outcome: 'escalated' },
    ]);
    // Overdue no longer: the document waits at the escalated step, which has no deadline.
    expect((await a.http.get('/api/tasks/overdue').set('Authorization', tokens.luutru)).body.map((x: { documentId: string }) => x.documentId)).not.toContain(d.id);
    // The chain of the document verifies with the system's entries.
    expect((await a.http.get('/api/audit/verify').set('Authorization', tokens.luutru)).body.ok).toBe(true);
  });

  it('lets timers of a task the document has left do nothing', async () => {
    clock.set('2026-11-23T07:00:00Z'); // Monday 14:00
    const d = await createDraft(b, tokens, people, { type: 'BC', subject: 'Báo cáo được duyệt kịp hạn', signerId: signer(people, 'pct') });
    expect((await act(b, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
    expect((await act(b, tokens.truongphong, d.id, 'approve')).status).toBe(200);
    clock.set('2026-11-24T07:00:00Z'); // the next day
    const fired = await Promise.all([a.app.get(TimersService).fireDue(), b.app.get(TimersService).fireDue()]);
    expect(fired.reduce((n, f) => n + f.obsolete, 0)).toBe(2);
    expect(fired.reduce((n, f) => n + f.escalated + f.reminded + f.failed, 0)).toBe(0);
    expect((await b.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.pct)).body.step.id).toBe('signing');
  });

  it('counts deadlines in working hours: over lunch, the night and the weekend', async () => {
    clock.set('2026-11-27T09:30:00Z'); // Friday 16:30
    const d = await createDraft(a, tokens, people, { type: 'BC', subject: 'Báo cáo nộp chiều thứ Sáu', signerId: signer(people, 'pct') });
    expect((await act(a, tokens.chuyenvien, d.id, 'submit')).status).toBe(200);
    const due = await a.owner(`SELECT timer_id, due_at FROM task_timers WHERE document_id = $1 ORDER BY due_at`, [d.id]);
    // 30 working minutes: Friday 17:00; 1 working hour: Monday 08:00.
    expect(due).toEqual([
      { timer_id: 'reviewReminder', due_at: new Date('2026-11-27T10:00:00Z') },
      { timer_id: 'reviewDeadline', due_at: new Date('2026-11-30T01:00:00Z') },
    ]);
  });

  it('refuses a malformed overdue query', async () => {
    const res = await a.http.get('/api/tasks/overdue?mine=yes').set('Authorization', tokens.truongphong);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([{ field: 'mine', reason: 'must be true or false' }]);
  });
});
