import { foldText } from '../common/fold-text.js';
import { GENESIS_HASH, hashEntry, type HashedFields } from './hash-entry.js';

/** Anything that runs SQL: an EntityManager inside a transaction, or a migration's QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type NewAuditEntry = Omit<HashedFields, 'chainSeq' | 'at'> & {
  /** The time of the entry; the transaction time (to the millisecond) when omitted. */
  at?: Date;
};

/**
 * Appends one entry to its hash chain. Must run inside a transaction: the upsert locks the chain's head row until
 * commit, so appends to one chain serialise while other chains go on in parallel. Two round trips.
 */
export async function appendAuditEntry(db: Queryable, e: NewAuditEntry): Promise<{ seq: number; hash: string }> {
  const [head] = (await db.query(
    `INSERT INTO audit_chain_heads (chain_id, seq, head_hash) VALUES ($1, 1, $2)
     ON CONFLICT (chain_id) DO UPDATE SET seq = audit_chain_heads.seq + 1
     RETURNING seq, head_hash AS prev_hash, date_trunc('milliseconds', now()) AS at`,
    [e.chainId, GENESIS_HASH],
  )) as Array<{ seq: number; prev_hash: string; at: Date }>;
  const fields: HashedFields = { ...e, chainSeq: head.seq, at: e.at ?? new Date(head.at) };
  const hash = hashEntry(head.prev_hash, fields);
  await db.query(
    `WITH entry AS (
       INSERT INTO audit_entries (at, chain_id, chain_seq, actor_id, actor_name, actor_position, action, document_id,
         number_symbol, subject, from_state, to_state, from_step, to_step, comment, request_id, client_ip, user_agent,
         search_text, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21))
     UPDATE audit_chain_heads SET head_hash = $21 WHERE chain_id = $2`,
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
    ],
  );
  return { seq: head.seq, hash };
}

/** The chain an entry belongs to: its document's, or its actor's for entries about no document. */
export function chainIdOf(documentId: string | null, actorId: string | null): string {
  return documentId ? `doc:${documentId}` : `user:${actorId ?? 'unknown'}`;
}
