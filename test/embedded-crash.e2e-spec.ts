import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD, ownerQuery } from './support/test-app.js';
import { freePort, startAppProcess, type AppProcess } from './support/app-process.js';
import { expectNothingLost, loadUntilKilled, type LoadContext } from './support/crash-load.js';
import { embeddedUrl, processAlive, runningPostmaster } from '../src/database/embedded-postgres.js';

/**
 * The product as `npm start` runs it, on its embedded PostgreSQL in DATA_DIR, killed under a load of actions twice:
 * first the app alone (SIGKILL: its PostgreSQL is left running, and the restarted app stops it and starts its own),
 * then the app and its PostgreSQL together, backends and all (a power cut: PostgreSQL recovers from its write-ahead
 * log at the next start). Each time: every action answered 2xx is there, none half-applied, numbers gapless, the
 * audit chain verified.
 */
// Under the folder the test run's own PostgreSQL uses: one the postgres user can enter when the tests run as root.
const base = path.join(os.tmpdir(), 'congvan-test');
fs.mkdirSync(base, { recursive: true, mode: 0o755 });
const dataDir = fs.mkdtempSync(path.join(base, 'embedded-'));
let app: AppProcess | undefined;

afterAll(async () => {
  await app?.stop();
  const left = runningPostmaster(dataDir);
  if (left !== undefined) process.kill(left, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function loginContext(url: string): Promise<LoadContext> {
  const tokens: Record<string, string> = {};
  for (const who of ['chuyenvien', 'truongphong', 'pcvp', 'pct', 'vanthu', 'luutru']) {
    const res = await request(url).post('/api/auth/login').send({ username: who, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    tokens[who] = `Bearer ${res.body.accessToken}`;
  }
  const recipients = (await request(url).get('/api/recipients').set('Authorization', tokens.chuyenvien)).body as Array<{ id: string; code: string }>;
  const signers = (await request(url).get('/api/signers').set('Authorization', tokens.chuyenvien)).body as Array<{ id: string; username: string }>;
  return { tokens, recipientId: recipients.find((r) => r.code === 'STP')!.id, signerId: signers.find((s) => s.username === 'pct')!.id };
}

describe('the embedded database through crashes', () => {
  it('loses nothing when the app is killed, nor when the app and its PostgreSQL are killed together', async () => {
    const pgPort = await freePort();
    const env = { EMBEDDED_PG_PORT: String(pgPort) };
    const start = () => startAppProcess(null, env, DEMO_PASSWORD, { dataDir, ownGroup: true });
    app = await start();
    const ctx = await loginContext(app.url);
    const owner = ownerQuery(embeddedUrl(pgPort));

    // 1. The app alone: its PostgreSQL keeps running, orphaned, holding the data folder.
    const first = await loadUntilKilled(app.url, ctx, () => app!.kill(), { subject: 'Máy chủ dừng đột ngột', killAfterMs: 3000 });
    const orphan = runningPostmaster(dataDir);
    expect(orphan).toBeDefined();
    app = await start();
    expect(processAlive(orphan!)).toBe(false);
    expect(app.output()).toContain(`Stopping a PostgreSQL left running by an earlier run (pid ${orphan})`);
    const afterFirst = await expectNothingLost(app.url, owner, ctx, first.answered);

    // 2. A power cut: the app, the postmaster and its backends at once. The next start finds a stale postmaster.pid
    // and a database that was not shut down.
    const postmaster = runningPostmaster(dataDir);
    expect(postmaster).toBeDefined();
    const second = await loadUntilKilled(app.url, ctx, () => app!.crash(), { subject: 'Mất điện', killAfterMs: 3000 });
    for (let i = 0; i < 100 && processAlive(postmaster!); i++) await new Promise((r) => setTimeout(r, 50));
    expect(runningPostmaster(dataDir)).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    app = await start();
    const afterSecond = await expectNothingLost(app.url, owner, ctx, [...first.answered, ...second.answered]);

    for (const run of [first, second]) {
      expect(run.refused).toEqual([]);
      expect(run.answered.length).toBeGreaterThan(0);
      expect(run.failed.length).toBeGreaterThan(0); // requests were in flight at the kill
    }
    console.log(
      `embedded database: app killed with ${first.answered.length} actions answered and ${first.failed.length} cut ` +
        `(${afterFirst.entries} audit entries verified); app and PostgreSQL killed with ${second.answered.length} answered and ` +
        `${second.failed.length} cut; after recovery ${afterSecond.documents} documents as answered, ${afterSecond.numbers} numbers ` +
        `gapless, ${afterSecond.entries} audit entries verified`,
    );
  });
});
