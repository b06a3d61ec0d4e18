import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import PgBoss from 'pg-boss';
import request from 'supertest';
import { createTestDatabase, DEMO_PASSWORD, ownerQuery } from './support/test-app.js';
import { startAppProcess, type AppProcess } from './support/app-process.js';
import { expectNothingLost, loadUntilKilled } from './support/crash-load.js';

/**
 * Two app processes (the compiled app, as in production) on one PostgreSQL: concurrent actions through both move each
 * document once and keep numbers gapless; due deadlines and reminders fire once each whichever process runs them; one process killed (SIGKILL) under a load of actions loses nothing that was
 * answered 2xx, leaves nothing half-applied, and the audit chain verifies.
 */
let url: string;
let a: AppProcess | undefined;
let b: AppProcess | undefined;
let owner: ReturnType<typeof ownerQuery>;
const tokens: Record<string, string> = {};
let ids: { recipient: string; signer: string };

const env = { OUTBOX_CRON: '* * * * *' };
const via = (p: AppProcess) => ({
  post: (path: string, who: string, body: object) => request(p.url).post(path).set('Authorization', tokens[who]).send(body),
  get: (path: string, who: string) => request(p.url).get(path).set('Authorization', tokens[who]),
});

beforeAll(async () => {
  url = await createTestDatabase('instances');
  [a, b] = await Promise.all([startAppProcess(url, env, DEMO_PASSWORD), startAppProcess(url, env, DEMO_PASSWORD)]);
  for (const who of ['chuyenvien', 'truongphong', 'pcvp', 'pct', 'vanthu', 'luutru', 'vtstp']) {
    const res = await request(a.url).post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD });
    tokens[who] = `Bearer ${res.body.accessToken}`;
  }
  const recipients = (await via(a).get('/api/recipients', 'chuyenvien')).body as Array<{ id: string; code: string }>;
  const signers = (await via(a).get('/api/signers', 'chuyenvien')).body as Array<{ id: string; username: string }>;
  ids = { recipient: recipients.find((r) => r.code === 'STP')!.id, signer: signers.find((s) => s.username === 'pct')!.id };
  owner = ownerQuery(url);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

async function draft(p: AppProcess, subject: string): Promise<string> {
  const res = await via(p).post('/api/documents', 'chuyenvien', { type: 'CV', subject, addressees: [ids.recipient], signerId: ids.signer });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const act = (p: AppProcess, who: string, id: string, action: string) => via(p).post(`/api/documents/${id}/actions`, who, { action });

describe('two instances on one database', () => {
  it('move each document once under concurrent actions through both, number them gapless, and deliver each once', async () => {
    const docs: string[] = [];
    for (let i = 0; i < 20; i++) docs.push(await draft(i % 2 ? a! : b!, `Hai máy chủ ${i + 1}`));
    for (const [who, action] of [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign']] as const) {
      // The same action on each document through both instances at once: exactly one of the two moves it.
      const results = await Promise.all(docs.flatMap((id) => [act(a!, who, id, action), act(b!, who, id, action)]));
      for (let i = 0; i < docs.length; i++) {
        const pair = [results[2 * i].status, results[2 * i + 1].status].sort();
        expect(pair[0]).toBe(200);
        expect([403, 409]).toContain(pair[1]);
      }
    }
    const issued = await Promise.all(docs.flatMap((id) => [act(a!, 'vanthu', id, 'issue'), act(b!, 'vanthu', id, 'issue')]));
    expect(issued.filter((r) => r.status === 200)).toHaveLength(docs.length);
    const numbers = issued.filter((r) => r.status === 200).map((r) => Number(r.body.number)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: docs.length }, (_, i) => i + 1));
    // Each document reached Sở Tư pháp's desk exactly once, whichever instance's outbox sent it.
    for (let i = 0; ; i++) {
      const [{ n }] = await owner(`SELECT count(*)::int AS n FROM incoming_documents WHERE subject LIKE 'Hai máy chủ %'`);
      if (n >= docs.length || i > 600) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const desk = await owner(`SELECT subject, count(*)::int AS n FROM incoming_documents WHERE subject LIKE 'Hai máy chủ %' GROUP BY subject`);
    expect(desk).toHaveLength(docs.length);
    expect(desk.every((r: { n: number }) => r.n === 1)).toBe(true);
    // Each audit entry once: one 'issue' entry per document.
    const [{ n }] = await owner(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'issue' AND document_id = ANY($1::uuid[])`, [docs]);
    expect(n).toBe(docs.length);
  });

  it('fire each due deadline and reminder once, with eight runs of the timer job queued for both', async () => {
    // Ten plans in consultation: each has a reminder (P2D) and a deadline (P3D) on that task.
    const units = (await via(a!).get('/api/units', 'truongphong')).body as Array<{ id: string; code: string }>;
    const consulted = units.filter((u) => u.code === 'TH' || u.code === 'KT').map((u) => u.id);
    expect(consulted).toHaveLength(2);
    const plans: string[] = [];
    for (let i = 0; i < 10; i++) {
      const p = i % 2 ? a! : b!;
      const res = await via(p).post('/api/documents', 'chuyenvien', { type: 'KH', subject: `Kế hoạch hai máy chủ ${i + 1}`, addressees: [ids.recipient], signerId: ids.signer });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect((await act(p, 'chuyenvien', res.body.id, 'submit')).status).toBe(200);
      const approved = await via(p).post(`/api/documents/${res.body.id}/actions`, 'truongphong', { action: 'approve', consultation: { unitIds: consulted } });
      expect(approved.body).toMatchObject({ step: { id: 'consultation' } });
      plans.push(res.body.id);
    }
    const timers = await owner(`SELECT id, timer_id FROM task_timers WHERE document_id = ANY($1::uuid[]) ORDER BY id`, [plans]);
    expect(timers.map((t: { timer_id: string }) => t.timer_id).sort()).toEqual([...Array(10).fill('consultDeadline'), ...Array(10).fill('consultReminder')]);
    // Their time has come: the reminder a minute ago, the deadline now.
    await owner(
      `UPDATE task_timers SET due_at = now() - CASE timer_id WHEN 'consultReminder' THEN interval '2 minutes' ELSE interval '1 minute' END
        WHERE document_id = ANY($1::uuid[])`,
      [plans],
    );
    // Eight runs of the job queued at once (besides each instance's cron): both instances' workers take some.
    const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
    await boss.start();
    try {
      for (let i = 0; i < 8; i++) await boss.send('deadlines', {});
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    // Every run done: the later ones found nothing left to fire.
    for (let i = 0; ; i++) {
      const [{ left, queued }] = await owner(
        `SELECT (SELECT count(*)::int FROM task_timers WHERE document_id = ANY($1::uuid[]) AND fired_at IS NULL) AS left,
                (SELECT count(*)::int FROM pgboss.job WHERE name = 'deadlines' AND state IN ('created', 'retry', 'active')) AS queued`,
        [plans],
      );
      if (left === 0 && queued === 0) break;
      if (i > 600) throw new Error(`${left} timers not fired, ${queued} runs queued after 60 s:\n${a!.output()}\n${b!.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Each timer once: its effect (the audit entry it writes, under the request id timer:<id>) once, or none when the
    // deadline had already moved the plan on (obsolete).
    const fired = await owner(
      `SELECT t.timer_id, t.outcome, (SELECT count(*)::int FROM audit_entries e WHERE e.request_id = 'timer:' || t.id) AS entries
         FROM task_timers t WHERE t.document_id = ANY($1::uuid[])`,
      [plans],
    );
    for (const f of fired) {
      expect(f).toMatchObject(
        f.timer_id === 'consultDeadline' ? { outcome: 'escalated', entries: 1 } : f.outcome === 'reminded' ? { entries: 1 } : { outcome: 'obsolete', entries: 0 },
      );
    }
    // The deadline moved each plan on from the consultation, once.
    const escalations = await owner(
      `SELECT d.id, d.step_id, (SELECT count(*)::int FROM audit_entries e WHERE e.document_id = d.id AND e.action = 'escalate') AS n
         FROM documents d WHERE d.id = ANY($1::uuid[])`,
      [plans],
    );
    for (const e of escalations) expect(e).toMatchObject({ n: 1 });
    expect(escalations.every((e: { step_id: string }) => e.step_id !== 'consultation')).toBe(true);
    const [{ runs }] = await owner(`SELECT count(*)::int AS runs FROM pgboss.job WHERE name = 'deadlines' AND state = 'completed'`);
    expect(runs).toBeGreaterThanOrEqual(8);
    console.log(`timers: ${fired.length} fired once each (${fired.filter((f: { outcome: string }) => f.outcome === 'reminded').length} reminders, 10 escalations) by ${runs} runs of the job on two instances`);
  });

  it('lose nothing answered 2xx when one is killed under load; nothing is half-applied; the audit chain verifies', async () => {
    // A load of whole lives through instance A; B keeps serving.
    const ctx = { tokens, recipientId: ids.recipient, signerId: ids.signer };
    const { answered, failed, refused } = await loadUntilKilled(a!.url, ctx, () => a!.kill());
    expect(refused).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    // The kill cut requests in flight (their connections reset).
    expect(failed.length).toBeGreaterThan(0);
    // Restarted, A finds everything that was answered; numbers are gapless across both tests.
    a = await startAppProcess(url, env, DEMO_PASSWORD);
    const found = await expectNothingLost(a.url, owner, ctx, answered);
    console.log(
      `killed under load: ${answered.length} actions answered 2xx on ${found.documents} documents, ${failed.length} cut in flight; ` +
        `${found.numbers} numbers gapless; ${found.entries} audit entries verified`,
    );
  });
});
