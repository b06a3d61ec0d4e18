import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { seedAuditEntries } from '../src/audit/seed-audit.js';
import { createTestDatabase, DEMO_PASSWORD } from './support/test-app.js';
import { startAppProcess, type AppProcess } from './support/app-process.js';

/**
 * Operations, on the compiled app as it runs in production: JSON logs with request ids; SIGTERM stops taking
 * connections, lets the requests in flight finish, then stops and exits 0.
 */
let url: string;
let app: AppProcess | undefined;

beforeAll(async () => {
  url = await createTestDatabase('shutdown');
});

/** Enough audit entries that exporting them takes a few seconds: a request still running at SIGTERM. */
async function seed(n: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedAuditEntries(client, n);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await app?.stop();
});

describe('graceful shutdown', () => {
  it('finishes the requests in flight at SIGTERM, refuses new ones, and exits 0', async () => {
    app = await startAppProcess(url, {}, DEMO_PASSWORD);
    await seed(60_000);
    const api = () => request(app!.url);
    const token = `Bearer ${(await api().post('/api/auth/login').send({ username: 'luutru', password: DEMO_PASSWORD })).body.accessToken}`;
    // Logs are JSON lines, one per request, with the request's id, which is also sent back.
    const listed = await api().get('/api/documents').set('Authorization', token).set('X-Request-Id', 'lb-4f2a-0001');
    expect(listed.headers['x-request-id']).toBe('lb-4f2a-0001');
    expect((await api().get('/api/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    const line = app
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { id: string; method: string; url: string; headers: Record<string, string> }; res?: { statusCode: number }; msg: string })
      .find((l) => l.req?.id === 'lb-4f2a-0001');
    expect(line).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/api/documents' }, res: { statusCode: 200 } });
    expect(line!.req!.headers.authorization).toBe('[Redacted]');
    // A slow request: the audit trail as CSV, streamed from the database.
    let finishedAt = 0;
    const started = api()
      .get('/api/audit/export')
      .set('Authorization', token)
      .buffer(true)
      .then((r) => {
        finishedAt = Date.now();
        return r;
      });
    await new Promise((r) => setTimeout(r, 100));
    const killedAt = Date.now();
    const exited = new Promise<number | null>((resolve) => app!.child.once('exit', (code) => resolve(code)));
    app.child.kill('SIGTERM');
    const res = await started.catch((e) => {
      throw new Error(`${e}\n${app!.output()}`);
    });
    expect(res.status).toBe(200);
    // It was still running when the signal came.
    expect(finishedAt).toBeGreaterThan(killedAt);
    // Every entry is there: the export was not cut by the shutdown.
    expect(res.text.trim().split('\n').length).toBeGreaterThan(60_000);
    expect(await exited).toBe(0);
    await expect(api().get('/api/health')).rejects.toThrow();
    expect(app.output()).toContain('SIGTERM: stopping');
  });
});
