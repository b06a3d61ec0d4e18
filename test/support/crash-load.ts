import { expect } from '@jest/globals';
import request from 'supertest';

/**
 * A load of whole document lives (create → submit → approve → approve → sign → issue) through one app, cut by a kill,
 * and the checks after the restart: every action answered 2xx is there, none half-applied, numbers gapless, the audit
 * chain verifies. Used by test/instances (two processes, one killed) and test/embedded-crash (the embedded database
 * killed too).
 */
export interface Answered {
  id: string;
  action: string;
}

export interface LoadContext {
  /** Bearer headers of chuyenvien, truongphong, pcvp, pct, vanthu and luutru. */
  tokens: Record<string, string>;
  recipientId: string;
  signerId: string;
}

const LIFE = [['chuyenvien', 'submit'], ['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign'], ['vanthu', 'issue']] as const;

/**
 * Runs lives back to back on `workers` concurrent loops against the app at `url` (so requests are always in flight),
 * calls `kill` after `killAfterMs`, and waits for the loops to end.
 */
export async function loadUntilKilled(
  url: string,
  ctx: LoadContext,
  kill: () => Promise<void>,
  { workers = 8, killAfterMs = 1500, subject = 'Tải nặng' } = {},
): Promise<{ answered: Answered[]; failed: string[]; refused: string[] }> {
  const answered: Answered[] = [];
  const failed: string[] = [];
  /** Answers other than 2xx: none is expected, before the kill or at it. */
  const refused: string[] = [];
  let stop = false;
  let n = 0;
  const life = async (): Promise<void> => {
    const created = await request(url)
      .post('/api/documents')
      .set('Authorization', ctx.tokens.chuyenvien)
      .send({ type: 'CV', subject: `${subject} ${++n}`, addressees: [ctx.recipientId], signerId: ctx.signerId });
    if (created.status !== 201) return void refused.push(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    answered.push({ id, action: 'create' });
    for (const [who, action] of LIFE) {
      if (stop) return;
      const res = await request(url).post(`/api/documents/${id}/actions`).set('Authorization', ctx.tokens[who]).send({ action });
      if (res.status !== 200) return void refused.push(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
      answered.push({ id, action });
    }
  };
  const worker = async (w: number) => {
    await new Promise((r) => setTimeout(r, w * 40));
    while (!stop && refused.length === 0) {
      try {
        await life();
      } catch (err) {
        failed.push(String(err)); // the connection cut by the kill
        return;
      }
    }
  };
  const load = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  await new Promise((r) => setTimeout(r, killAfterMs));
  await kill();
  stop = true;
  await load;
  return { answered, failed, refused };
}

/**
 * After the restart, through the app at `url` and the owner's SQL: each document is in the state after its last
 * answered action (or one further: an action that went through but whose answer the kill cut), its audit trail has
 * one entry per action taken, the numbers are 1…n without a gap, and the audit chain verifies. Returns the figures.
 */
export async function expectNothingLost(
  url: string,
  owner: (sql: string, params?: unknown[]) => Promise<any[]>,
  ctx: LoadContext,
  answered: Answered[],
): Promise<{ documents: number; numbers: number; entries: number }> {
  const order = ['create', 'submit', 'approve', 'approve', 'sign', 'issue'];
  const stateAfter: Record<number, string[]> = { 1: ['drafting'], 2: ['review'], 3: ['review', 'signing'], 4: ['signing'], 5: ['issuing'], 6: ['distribution', 'completed'] };
  const steps = new Map<string, number>();
  for (const x of answered) steps.set(x.id, (steps.get(x.id) ?? 0) + 1);
  for (const [id, n] of steps) {
    const doc = await request(url).get(`/api/documents/${id}`).set('Authorization', ctx.tokens.luutru);
    expect(doc.status).toBe(200);
    const allowed = [...stateAfter[n], ...(stateAfter[n + 1] ?? [])];
    expect({ id, steps: order.slice(0, n), state: doc.body.state, allowed: allowed.includes(doc.body.state) }).toMatchObject({ allowed: true });
    // Half-applied would show as an audit trail that does not match the state: one entry per action taken.
    const [trail] = await owner(
      `SELECT count(*)::int AS n FROM audit_entries WHERE document_id = $1 AND action IN ('create', 'submit', 'approve', 'sign', 'issue')`,
      [id],
    );
    expect([n, n + 1]).toContain(trail.n);
  }
  const numbers = (await owner(`SELECT number FROM documents WHERE number IS NOT NULL ORDER BY number`)).map((r: { number: number }) => r.number);
  expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  const verify = await request(url).get('/api/audit/verify').set('Authorization', ctx.tokens.luutru);
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ ok: true, problems: [] });
  return { documents: steps.size, numbers: numbers.length, entries: verify.body.checked.entries };
}
