import { foldText } from '../common/fold-text.js';
import { GENESIS_HASH, hashEntry, type HashedFields } from './hash-entry.js';
import { prepared } from '../database/preparing-client.js';

/** Anything that runs SQL: an EntityManager inside a transaction, or a migration's QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type NewAuditEntry = Omit<HashedFields, 'chainSeq' | 'at'> & {
  /** The time of the entry; the transaction time (to the millisecond) when omitted. */
  at?: Date;
};

/** The next place in a chain, as `reserveHeadSql` returns it. */
export interface ReservedHead {
  seq: number;
  prev_hash: string;
  at: Date;
}

/**
 * The statement that takes the next place in a chain: the upsert locks the chain's head row until commit, so appends to
 * one chain serialise while other chains go on in parallel. Returns a `ReservedHead`. `chain` and `genesis` are SQL
 * parameters ($n) holding the chain id and GENESIS_HASH; a caller may prefix it with `WITH … AS (…)` to do other
 * writes in the same round trip.
 */
export function reserveHeadSql(chain: string, genesis: string): string {
  return `INSERT INTO audit_chain_heads (chain_id, seq, head_hash) VALUES (${chain}, 1, ${genesis})
     ON CONFLICT (chain_id) DO UPDATE SET seq = audit_chain_heads.seq + 1
     RETURNING seq, head_hash AS prev_hash, date_trunc('milliseconds', now()) AS at`;
}

/** Appends one entry to its hash chain. Must run inside a transaction. Two round trips. */
export async function appendAuditEntry(db: Queryable, e: NewAuditEntry): Promise<{ seq: number; hash: string }> {
  const [head] = (await db.query(prepared(reserveHeadSql('$1', '$2')), [e.chainId, GENESIS_HASH])) as ReservedHead[];
  return writeAuditEntry(db, head, e);
}

/** Writes an entry at a place reserved in this transaction (`reserveHeadSql`) and moves the chain's head to it. */
export async function writeAuditEntry(db: Queryable, head: ReservedHead, e: NewAuditEntry): Promise<{ seq: number; hash: string }> {
  const fields: HashedFields = { ...e, chainSeq: head.seq, at: e.at ?? new Date(head.at) };
  const hash = hashEntry(head.prev_hash, fields);
  await db.query(
    prepared(`WITH entry AS (
       INSERT INTO audit_entries (at, chain_id, chain_seq, actor_id, actor_name, actor_position, action, document_id,
         number_symbol, subject, from_state, to_state, from_step, to_step, comment, request_id, client_ip, user_agent,
         search_text, prev_hash, hash, on_behalf_of_id, on_behalf_of_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23))
     UPDATE audit_chain_heads SET head_hash = $21 WHERE chain_id = $2`),
    [
      fields.at,
      fields.chainId,
      fields.chainSeq,
      fields.actorId,
      fields.actorName,
      fields.actorPosition,
      fields.action,
      fields.documentId,
      fields.numberSymbol,
      fields.subject,
      fields.fromState,
      fields.toState,
      fields.fromStep,
      fields.toStep,
      fields.comment,
      fields.requestId,
      fields.clientIp,
      fields.userAgent,
      foldText(`${fields.subject ?? ''} ${fields.comment ?? ''}`),
      head.prev_hash,
      hash,
      fields.onBehalfOfId ?? null,
      fields.onBehalfOfName ?? null,
    ],
  );
  return { seq: head.seq, hash };
}

/** The chain an entry belongs to: its document's, or its actor's for entries about no document. */
export function chainIdOf(documentId: string | null, actorId: string | null): string {
  return documentId ? `doc:${documentId}` : `user:${actorId ?? 'unknown'}`;
}
