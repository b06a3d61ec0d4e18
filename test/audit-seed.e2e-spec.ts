import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestApp, type TestApp } from './support/test-app.js';
import { seedAuditEntries, type SeedAuditResult } from '../src/audit/seed-audit.js';
import { GENESIS_HASH, hashEntry } from '../src/audit/hash-entry.js';
import { foldText } from '../src/common/fold-text.js';
import { hashedFieldsOf, type AuditRow } from '../src/audit/audit-filter.js';

const SEED_AGENT = 'congvan-seed';

let t: TestApp;
let seeded: SeedAuditResult;
let before: number;
let progress: number[];

beforeAll(async () => {
  t = await createTestApp();
  [{ n: before }] = await t.owner(`SELECT count(*)::int AS n FROM audit_entries`);
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  progress = [];
  try {
    seeded = await seedAuditEntries(client, 2000, { batchSize: 300, onProgress: (done) => progress.push(done) });
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await t?.close();
});

describe('synthetic audit entries for measurement', () => {
  it('inserts exactly the entries asked for, in batches', async () => {
    expect(seeded.entries).toBe(2000);
    const [{ n, seedRows }] = await t.owner(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE user_agent = $1)::int AS "seedRows" FROM audit_entries`,
      [SEED_AGENT],
    );
    expect(n).toBe(before + 2000);
    expect(seedRows).toBe(2000);
    expect(progress.at(-1)).toBe(2000);
    expect(progress.length).toBeGreaterThanOrEqual(7);
  });

  it('makes documents of 8–12 entries, spread over the last two years, with a number from the issue on', async () => {
    const chains = await t.owner(
      `SELECT chain_id, count(*)::int AS n, bool_or(action = 'complete') AS completed,
              count(DISTINCT number_symbol)::int AS numbers, min(at) AS first, max(at) AS last
         FROM audit_entries WHERE user_agent = $1 GROUP BY chain_id`,
      [SEED_AGENT],
    );
    expect(chains.length).toBe(seeded.chains);
    expect(chains.every((c) => c.chain_id.startsWith('doc:'))).toBe(true);
    const completed = chains.filter((c) => c.completed);
    expect(completed.length).toBeGreaterThan(150);
    for (const c of completed) {
      expect(c.n).toBeGreaterThanOrEqual(8);
      expect(c.n).toBeLessThanOrEqual(12);
      expect(c.numbers).toBe(1);
    }
    const first = Math.min(...chains.map((c) => +c.first));
    const last = Math.max(...chains.map((c) => +c.last));
    expect(last - first).toBeGreaterThan(700 * 86400_000);
    expect(last).toBeLessThanOrEqual(Date.now());
    // One number per document, never shared; set on the issue entry and every entry after it.
    const shared = await t.owner(
      `SELECT number_symbol FROM audit_entries WHERE user_agent = $1 AND number_symbol IS NOT NULL
        GROUP BY number_symbol HAVING count(DISTINCT document_id) > 1`,
      [SEED_AGENT],
    );
    expect(shared).toEqual([]);
    const [{ bad }] = await t.owner(
      `SELECT count(*)::int AS bad FROM audit_entries a
         JOIN audit_entries i ON i.chain_id = a.chain_id AND i.action = 'issue'
        WHERE a.user_agent = $1 AND (a.number_symbol IS NULL) <> (a.chain_seq < i.chain_seq)`,
      [SEED_AGENT],
    );
    expect(bad).toBe(0);
    expect(seeded.numberSymbols.length).toBeGreaterThan(0);
    expect(seeded.numberSymbols.every((s) => /^\d{2,}\/UBND-[A-Z]+$/.test(s))).toBe(true);
    // Returns carry a comment; subjects are many and fold for search.
    const [{ returns, uncommented, subjects, thanhHoa }] = await t.owner(
      `SELECT count(*) FILTER (WHERE action = 'return')::int AS returns,
              count(*) FILTER (WHERE action = 'return' AND comment IS NULL)::int AS uncommented,
              count(DISTINCT subject)::int AS subjects,
              count(*) FILTER (WHERE search_text LIKE '%thanh hoa%')::int AS "thanhHoa"
         FROM audit_entries WHERE user_agent = $1`,
      [SEED_AGENT],
    );
    expect(returns).toBeGreaterThan(20);
    expect(uncommented).toBe(0);
    expect(subjects).toBeGreaterThan(seeded.chains * 0.9);
    expect(thanhHoa).toBeGreaterThan(0);
  });

  it('makes whole chains: seq 1..k, each entry linked to the one before, time never going back', async () => {
    const [gaps] = await t.owner(
      `SELECT count(*)::int AS chains,
              count(*) FILTER (WHERE min_seq <> 1 OR max_seq <> n OR distinct_seq <> n)::int AS broken
         FROM (SELECT chain_id, min(chain_seq) AS min_seq, max(chain_seq) AS max_seq, count(*) AS n,
                      count(DISTINCT chain_seq) AS distinct_seq
                 FROM audit_entries WHERE user_agent = $1 GROUP BY chain_id) c`,
      [SEED_AGENT],
    );
    expect(gaps).toEqual({ chains: seeded.chains, broken: 0 });
    const [links] = await t.owner(
      `SELECT count(*)::int AS entries,
              count(*) FILTER (WHERE e.chain_seq = 1 AND e.prev_hash <> $2)::int AS bad_genesis,
              count(*) FILTER (WHERE e.chain_seq > 1 AND (p.hash IS NULL OR p.hash <> e.prev_hash))::int AS bad_links,
              count(*) FILTER (WHERE e.chain_seq > 1 AND e.at < p.at)::int AS back_in_time,
              count(*) FILTER (WHERE e.chain_seq > 1 AND e.id < p.id)::int AS ids_out_of_order
         FROM audit_entries e
         LEFT JOIN audit_entries p ON p.chain_id = e.chain_id AND p.chain_seq = e.chain_seq - 1
        WHERE e.user_agent = $1`,
      [SEED_AGENT, GENESIS_HASH],
    );
    expect(links).toEqual({ entries: 2000, bad_genesis: 0, bad_links: 0, back_in_time: 0, ids_out_of_order: 0 });
  });

  it('stores the hash of every entry as append-audit-entry computes it', async () => {
    const rows = await t.owner(
      `SELECT * FROM audit_entries WHERE user_agent = $1 ORDER BY random() LIMIT 300`,
      [SEED_AGENT],
    );
    expect(rows.length).toBe(300);
    for (const r of rows) {
      expect(r.at).toBeInstanceOf(Date);
      expect(hashEntry(r.prev_hash, hashedFieldsOf(r as AuditRow))).toBe(r.hash);
      expect(r.search_text).toBe(foldText(`${r.subject ?? ''} ${r.comment ?? ''}`));
      expect(r.chain_id).toBe(`doc:${r.document_id}`);
    }
  });

  it('leaves every chain head at the last entry of its chain', async () => {
    const [heads] = await t.owner(
      `SELECT count(*)::int AS chains,
              count(h.chain_id)::int AS with_head,
              count(*) FILTER (WHERE h.seq = l.chain_seq AND h.head_hash = l.hash)::int AS agreeing
         FROM (SELECT DISTINCT ON (chain_id) chain_id, chain_seq, hash FROM audit_entries
                WHERE user_agent = $1 ORDER BY chain_id, chain_seq DESC) l
         LEFT JOIN audit_chain_heads h ON h.chain_id = l.chain_id`,
      [SEED_AGENT],
    );
    expect(heads).toEqual({ chains: seeded.chains, with_head: seeded.chains, agreeing: seeded.chains });
  });

  it('returns samples of what it seeded, and actors with Vietnamese names', async () => {
    expect(seeded.documentIds.length).toBe(Math.min(1000, seeded.chains));
    const [{ found }] = await t.owner(
      `SELECT count(DISTINCT document_id)::int AS found FROM audit_entries WHERE document_id = ANY($1::uuid[])`,
      [seeded.documentIds],
    );
    expect(found).toBe(seeded.documentIds.length);
    const [{ n }] = await t.owner(
      `SELECT count(DISTINCT document_id)::int AS n FROM audit_entries WHERE number_symbol = ANY($1::text[])`,
      [seeded.numberSymbols],
    );
    expect(n).toBe(seeded.numberSymbols.length);
    expect(seeded.actorIds.length).toBe(200);
    const actors = await t.owner(
      `SELECT DISTINCT actor_id, actor_name, actor_position FROM audit_entries WHERE user_agent = $1`,
      [SEED_AGENT],
    );
    expect(actors.length).toBeGreaterThan(100);
    expect(actors.every((a) => seeded.actorIds.includes(a.actor_id) && /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(a.actor_name))).toBe(true);
  });

  it('goes on with fresh numbers when run again', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    let again: SeedAuditResult;
    try {
      again = await seedAuditEntries(client, 200, { chainLength: 9 });
    } finally {
      await client.end();
    }
    expect(again.entries).toBe(200);
    const shared = await t.owner(
      `SELECT number_symbol FROM audit_entries WHERE number_symbol IS NOT NULL
        GROUP BY number_symbol HAVING count(DISTINCT document_id) > 1`,
    );
    expect(shared).toEqual([]);
  });
});
