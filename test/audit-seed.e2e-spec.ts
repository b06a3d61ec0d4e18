import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { TestApp } from './support/test-app.js';
import { type Tokens, useDemoApp } from './support/factories.js';
import { seedAuditEntries } from '../src/audit/seed-audit.js';
import { AuditVerifyService } from '../src/audit/audit-verify.service.js';

let t: TestApp;
let tokens: Tokens;
useDemoApp((demo) => ({ t, tokens } = demo));

describe('synthetic audit entries for measurement', () => {
  it('seeds whole, valid chains that verify, and that the archivists\' queries find', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    let seeded;
    try {
      seeded = await seedAuditEntries(client, 2000, { batchSize: 500 });
    } finally {
      await client.end();
    }
    expect(seeded.entries).toBe(2000);
    expect(seeded.chains).toBeGreaterThan(150);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE user_agent = 'congvan-seed'`);
    expect(n).toBe(2000);
    // Every chain is whole: verify finds nothing wrong (it recomputes every hash).
    const report = await t.app.get(AuditVerifyService).verify();
    expect(report).toMatchObject({ ok: true, breaks: 0 });
    expect(report.checked.entries).toBeGreaterThanOrEqual(2000);
    // The sample it returns is there to query.
    const byNumber = await t.http
      .get('/api/audit')
      .query({ numberSymbol: seeded.numberSymbols[0], order: 'asc' })
      .set('Authorization', tokens.luutru);
    expect(byNumber.body.items[0].action).toBe('create');
    expect(byNumber.body.items.at(-1).action).toBe('issue');
    const q = await t.http.get('/api/audit').query({ q: 'thanh hoa', limit: 10 }).set('Authorization', tokens.luutru);
    expect(q.body.items.length).toBe(10);
  });
});
