import { describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { act, createDraft, type Directory, toIssuing, type Tokens, useDemoApp } from './support/factories.js';
import pg from 'pg';
import { AuditAnchorService } from '../src/audit/audit-anchor.service.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

async function verify() {
  const res = await t.http.get('/api/audit/verify').set('Authorization', tokens.luutru);
  expect(res.status).toBe(200);
  return res.body;
}

/** As a superuser, with the append-only triggers off: what an intruder with full access could do. */
async function tamper(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    const res = await client.query(sql, params);
    expect(res.rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}

describe('tamper evidence', () => {
  let docs: string[] = [];

  it('verifies an intact trail, also under concurrent writers', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, (_, i) => createDraft(t, tokens, dir, { subject: `Văn bản kiểm tra ${i}` })));
    docs = created.map((d) => d.id);
    // Concurrent appends: to different chains, and to the same chain (confidential reads of one document).
    await Promise.all(docs.map((id) => toIssuing(t, tokens, id)));
    const secret = await createDraft(t, tokens, dir, { confidentiality: 'mat' });
    await Promise.all(Array.from({ length: 10 }, () => t.http.get(`/api/documents/${secret.id}`).set('Authorization', tokens.chuyenvien)));
    const anchored = await t.app.get(AuditAnchorService).anchor();
    expect(anchored?.heads).toBeGreaterThanOrEqual(7);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, breaks: 0, firstBroken: null });
    expect(report.checked.entries).toBeGreaterThanOrEqual(6 * 5 + 11);
    expect(report.checked.anchors).toBe(1);
    const chain = await t.dataSource.query(`SELECT chain_seq FROM audit_entries WHERE document_id = $1 ORDER BY chain_seq`, [secret.id]);
    expect(chain.map((r: { chain_seq: number }) => r.chain_seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('finds a row changed by a superuser, at that entry', async () => {
    const [target] = await t.dataSource.query(
      `SELECT id::text FROM audit_entries WHERE document_id = $1 AND action = 'approve' ORDER BY id LIMIT 1`,
      [docs[2]],
    );
    await tamper(`UPDATE audit_entries SET comment = 'sửa lén' WHERE id = $1`, [target.id]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ entryId: target.id, documentId: docs[2], reason: expect.stringMatching(/changed/) });
  });

  it('finds a removed entry, a removed chain end and a removed document chain', async () => {
    const problem = (report: { problems: Array<{ entryId: string | null; chainId: string | null; reason: string }> }, match: (p: { entryId: string | null; chainId: string | null; reason: string }) => boolean) =>
      report.problems.find(match);
    // An entry in the middle of a chain: the next entry points at it.
    const [middle] = await t.dataSource.query(`SELECT id::text FROM audit_entries WHERE document_id = $1 AND chain_seq = 3`, [docs[3]]);
    const [next] = await t.dataSource.query(`SELECT id::text FROM audit_entries WHERE document_id = $1 AND chain_seq = 4`, [docs[3]]);
    await tamper(`DELETE FROM audit_entries WHERE id = $1`, [middle.id]);
    // The last entry of a chain: the head still remembers it.
    const [end] = await t.dataSource.query(
      `SELECT max(chain_seq) AS seq FROM audit_entries WHERE document_id = $1`,
      [docs[4]],
    );
    await tamper(`DELETE FROM audit_entries WHERE document_id = $1 AND chain_seq = $2`, [docs[4], end.seq]);
    // A whole document: its entries and its head. Only the anchor remembers it.
    await tamper(`DELETE FROM audit_entries WHERE document_id = $1`, [docs[5]]);
    await tamper(`DELETE FROM audit_chain_heads WHERE chain_id = 'doc:' || $1`, [docs[5]]);

    const report = await verify();
    expect(report.ok).toBe(false);
    expect(problem(report, (p) => p.entryId === next.id)?.reason).toMatch(/before this one was removed/);
    expect(problem(report, (p) => p.chainId === `doc:${docs[4]}`)?.reason).toMatch(/head/);
    expect(problem(report, (p) => p.chainId === `doc:${docs[5]}`)?.reason).toMatch(/anchor/);
    // The first broken link is still the earliest: the changed row of the previous test.
    expect(report.firstBroken.documentId).toBe(docs[2]);
  });
});
