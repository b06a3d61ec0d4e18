import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { GENESIS_HASH, hashAnchor, hashEntry } from './hash-entry.js';
import { AUDIT_COLUMNS, hashedFieldsOf, type AuditRow } from './audit-filter.js';

export interface BrokenLink {
  /** The entry where the chain breaks, when there is one to point at. */
  entryId: string | null;
  chainId: string | null;
  seq: number | null;
  documentId: string | null;
  at: Date | null;
  anchorId: string | null;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  checked: { entries: number; chains: number; anchors: number };
  /** The earliest broken link (by entry id; chain and anchor problems after). */
  firstBroken: BrokenLink | null;
  /** How many breaks were found. */
  breaks: number;
  /** The first 100 of them, earliest entry first. */
  problems: BrokenLink[];
  verifiedAt: Date;
}

/** An entry as verify reads it: what the API shows, and the previous hash. */
type EntryRow = AuditRow & { prev_hash: string };

const MAX_BREAKS = 1000;

/**
 * Walks every hash chain and the anchors, all in one consistent snapshot, in constant memory:
 * - each entry's hash is recomputed from its previous hash and its canonical form (a changed entry);
 * - sequence numbers are contiguous and prev_hash links to the previous entry (a removed entry);
 * - each chain's head agrees with its last entry (removed last entries), and every head has entries;
 * - the anchors form a chain, and every head they sealed still stands (a removed document's whole chain).
 */
@Injectable()
export class AuditVerifyService {
  constructor(private readonly db: DataSource) {}

  async verify(): Promise<VerifyReport> {
    const a = this.db.createQueryRunner();
    const b = this.db.createQueryRunner();
    const entriesClient = (await a.connect()) as PoolClient;
    const headsClient = (await b.connect()) as PoolClient;
    const breaks: BrokenLink[] = [];
    let breakCount = 0;
    const broken = (link: Partial<BrokenLink> & { reason: string }) => {
      breakCount++;
      if (breaks.length < MAX_BREAKS) {
        breaks.push({ entryId: null, chainId: null, seq: null, documentId: null, at: null, anchorId: null, ...link });
      }
    };
    let entries = 0;
    let chains = 0;
    let anchors = 0;
    try {
      // Both connections read the same snapshot, so concurrent appends cannot look like breaks.
      await entriesClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [{ snapshot }] = (await entriesClient.query('SELECT pg_export_snapshot() AS snapshot')).rows;
      await headsClient.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await headsClient.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);

      const heads = headsClient
        .query(new QueryStream('SELECT chain_id, seq, head_hash FROM audit_chain_heads ORDER BY chain_id COLLATE "C"', [], { batchSize: 250 }))
        [Symbol.asyncIterator]() as AsyncIterator<{ chain_id: string; seq: number; head_hash: string }>;
      let head = await heads.next();
      const stream = entriesClient.query(
        new QueryStream(
          `SELECT ${AUDIT_COLUMNS}, a.prev_hash FROM audit_entries a ORDER BY a.chain_id COLLATE "C", a.chain_seq`,
          [],
          { batchSize: 250 },
        ),
      );

      let chain: string | null = null;
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let last: EntryRow | null = null;
      const closeChain = async () => {
        if (chain === null || last === null) return;
        chains++;
        // Heads without entries before this chain.
        while (!head.done && head.value.chain_id < chain) {
          broken({ chainId: head.value.chain_id, seq: head.value.seq, reason: 'the chain has a head but no entries: its entries were removed' });
          head = await heads.next();
        }
        if (head.done || head.value.chain_id !== chain) {
          broken({ entryId: last.id, chainId: chain, seq: last.chain_seq, documentId: last.document_id, at: last.at, reason: 'the chain has no head' });
          return;
        }
        if (head.value.seq !== last.chain_seq || head.value.head_hash !== last.hash) {
          broken({
            entryId: last.id,
            chainId: chain,
            seq: last.chain_seq,
            documentId: last.document_id,
            at: last.at,
            reason: `the chain ends at seq ${last.chain_seq} but its head is at seq ${head.value.seq}: entries after this one were removed or the head was changed`,
          });
        }
        head = await heads.next();
      };

      for await (const row of stream as AsyncIterable<EntryRow>) {
        entries++;
        if (row.chain_id !== chain) {
          await closeChain();
          chain = row.chain_id;
          expectedSeq = 1;
          prevHash = GENESIS_HASH;
        }
        const where = { entryId: String(row.id), chainId: row.chain_id, seq: row.chain_seq, documentId: row.document_id, at: row.at };
        if (row.chain_seq !== expectedSeq) {
          broken({ ...where, reason: `expected seq ${expectedSeq} here, found ${row.chain_seq}: an entry before this one was removed` });
        } else if (row.prev_hash !== prevHash) {
          broken({ ...where, reason: 'its previous hash does not match the entry before it' });
        }
        const recomputed = hashEntry(row.prev_hash, hashedFieldsOf(row));
        if (recomputed !== row.hash) broken({ ...where, reason: 'the entry was changed: its hash does not match its content' });
        expectedSeq = row.chain_seq + 1;
        prevHash = row.hash;
        last = row;
      }
      await closeChain();
      while (!head.done) {
        broken({ chainId: head.value.chain_id, seq: head.value.seq, reason: 'the chain has a head but no entries: its entries were removed' });
        head = await heads.next();
      }

      // Anchors: a chain of their own, and every head they sealed must still stand.
      let anchorPrev = GENESIS_HASH;
      const anchorRows = (
        await headsClient.query(
          `SELECT an.id, an.prev_hash, an.hash,
                  coalesce(json_agg(json_build_object('chainId', ah.chain_id, 'seq', ah.seq, 'hash', ah.hash))
                           FILTER (WHERE ah.chain_id IS NOT NULL), '[]') AS heads
             FROM audit_anchors an LEFT JOIN audit_anchor_heads ah ON ah.anchor_id = an.id
            GROUP BY an.id ORDER BY an.id`,
        )
      ).rows as Array<{ id: string; prev_hash: string; hash: string; heads: Array<{ chainId: string; seq: number; hash: string }> }>;
      for (const an of anchorRows) {
        anchors++;
        if (an.prev_hash !== anchorPrev || hashAnchor(an.prev_hash, an.heads) !== an.hash) {
          broken({ anchorId: String(an.id), reason: 'the anchor was changed, or an anchor before it was removed' });
        }
        anchorPrev = an.hash;
      }
      const missing = (
        await headsClient.query(
          `SELECT ah.anchor_id, ah.chain_id, ah.seq FROM audit_anchor_heads ah
            WHERE NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.chain_id = ah.chain_id AND e.chain_seq = ah.seq AND e.hash = ah.hash)
            ORDER BY ah.anchor_id LIMIT ${MAX_BREAKS}`,
        )
      ).rows as Array<{ anchor_id: string; chain_id: string; seq: number }>;
      for (const m of missing) {
        broken({
          anchorId: String(m.anchor_id),
          chainId: m.chain_id,
          seq: m.seq,
          documentId: m.chain_id.startsWith('doc:') ? m.chain_id.slice(4) : null,
          reason: `an entry sealed by anchor ${m.anchor_id} is gone or changed (seq ${m.seq} of ${m.chain_id})`,
        });
      }
    } finally {
      await entriesClient.query('ROLLBACK').catch(() => undefined);
      await headsClient.query('ROLLBACK').catch(() => undefined);
      await a.release();
      await b.release();
    }
    const problems = [
      ...breaks.filter((x) => x.entryId !== null).sort((x, y) => (BigInt(x.entryId!) < BigInt(y.entryId!) ? -1 : 1)),
      ...breaks.filter((x) => x.entryId === null),
    ];
    return {
      ok: breakCount === 0,
      checked: { entries, chains, anchors },
      firstBroken: problems[0] ?? null,
      breaks: breakCount,
      problems: problems.slice(0, 100),
      verifiedAt: new Date(),
    };
  }
}
