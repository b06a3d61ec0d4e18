import { foldText, likePattern } from '../common/fold-text.js';
import { InvalidInputError } from '../common/domain-error.js';
import type { AuditFilterDto } from './dto/audit-query.dto.js';
import type { HashedFields } from './hash-entry.js';

/** The columns every audit read returns, over `audit_entries a`. */
export const AUDIT_COLUMNS = `a.id, a.at, a.chain_id, a.chain_seq, a.actor_id, a.actor_name, a.actor_position, a.action,
  a.document_id, a.number_symbol, a.subject, a.from_state, a.to_state, a.from_step, a.to_step, a.comment,
  a.request_id, a.client_ip, a.user_agent, a.on_behalf_of_id, a.on_behalf_of_name, a.hash`;

export interface AuditRow {
  id: string;
  at: Date;
  chain_id: string;
  chain_seq: number;
  actor_id: string | null;
  actor_name: string;
  actor_position: string | null;
  action: string;
  document_id: string | null;
  number_symbol: string | null;
  subject: string | null;
  from_state: string | null;
  to_state: string | null;
  from_step: string | null;
  to_step: string | null;
  comment: string | null;
  request_id: string | null;
  client_ip: string | null;
  user_agent: string | null;
  on_behalf_of_id: string | null;
  on_behalf_of_name: string | null;
  hash: string;
}

/**
 * The WHERE clause of an archivist's query, as SQL over `audit_entries a` with numbered parameters.
 * `numberSymbol` selects every entry of the document(s) that got that number, before the number too.
 */
export function auditWhere(f: AuditFilterDto, params: unknown[] = []): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.documentId) add((p) => `a.document_id = ${p}`, f.documentId);
  if (f.numberSymbol) {
    add(
      (p) => `a.document_id IN (SELECT s.document_id FROM audit_entries s WHERE s.number_symbol = ${p})`,
      f.numberSymbol.normalize('NFC').trim(),
    );
  }
  if (f.actorId) add((p) => `a.actor_id = ${p}`, f.actorId);
  if (f.action) add((p) => `a.action = ${p}`, f.action);
  const from = f.from ? new Date(f.from) : undefined;
  const to = f.to ? new Date(f.to) : undefined;
  if (from && to && from >= to) throw new InvalidInputError([{ field: 'to', reason: 'must be after from' }]);
  if (from) add((p) => `a.at >= ${p}`, from);
  if (to) add((p) => `a.at < ${p}`, to);
  if (f.q !== undefined) {
    const folded = foldText(f.q);
    if (folded.length < 2) throw new InvalidInputError([{ field: 'q', reason: 'give at least 2 letters' }]);
    add((p) => `a.search_text LIKE ${p}`, likePattern(folded));
  }
  return { where, params };
}

/** An entry as the API returns it. */
export function toAuditEntryResponse(r: AuditRow) {
  return {
    id: String(r.id),
    at: r.at,
    chainId: r.chain_id,
    chainSeq: r.chain_seq,
    actor: { id: r.actor_id, fullName: r.actor_name, position: r.actor_position },
    action: r.action,
    document: r.document_id ? { id: r.document_id, numberSymbol: r.number_symbol, subject: r.subject } : null,
    fromState: r.from_state,
    toState: r.to_state,
    fromStep: r.from_step,
    toStep: r.to_step,
    comment: r.comment,
    requestId: r.request_id,
    clientIp: r.client_ip,
    userAgent: r.user_agent,
    /** Set when a delegate acted for someone (a handed-over task, an absence). */
    onBehalfOf: r.on_behalf_of_id ? { id: r.on_behalf_of_id, fullName: r.on_behalf_of_name } : null,
    hash: r.hash,
  };
}

/** The fields of a stored entry that its hash covers (hash-entry.ts). */
export function hashedFieldsOf(r: AuditRow): HashedFields {
  return {
    chainId: r.chain_id,
    chainSeq: r.chain_seq,
    at: new Date(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorPosition: r.actor_position,
    action: r.action,
    documentId: r.document_id,
    numberSymbol: r.number_symbol,
    subject: r.subject,
    fromState: r.from_state,
    toState: r.to_state,
    fromStep: r.from_step,
    toStep: r.to_step,
    comment: r.comment,
    requestId: r.request_id,
    clientIp: r.client_ip,
    userAgent: r.user_agent,
    onBehalfOfId: r.on_behalf_of_id,
    onBehalfOfName: r.on_behalf_of_name,
  };
}
