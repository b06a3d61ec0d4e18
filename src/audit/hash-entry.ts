import { createHash } from 'node:crypto';

/** The hash before the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers, in a fixed order. */
export interface HashedFields {
  chainId: string;
  chainSeq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  actorPosition: string | null;
  action: string;
  documentId: string | null;
  numberSymbol: string | null;
  subject: string | null;
  fromState: string | null;
  toState: string | null;
  fromStep: string | null;
  toStep: string | null;
  comment: string | null;
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  /** The person a delegate acted for (a handed-over task, an absence): set only then. */
  onBehalfOfId?: string | null;
  onBehalfOfName?: string | null;
}

/**
 * Canonical form: a JSON array, version first, fields in a fixed order, time in ISO 8601 UTC with milliseconds.
 * Version 1: the fields up to userAgent. Version 2, for an entry made on behalf of someone: version 1's fields, then
 * that person's id and name. Entries of either version keep verifying.
 */
export function canonicalEntry(e: HashedFields): string {
  const onBehalf = e.onBehalfOfId ? [e.onBehalfOfId, e.onBehalfOfName ?? null] : [];
  return JSON.stringify([
    onBehalf.length ? 2 : 1,
    e.chainId,
    e.chainSeq,
    e.at.toISOString(),
    e.actorId,
    e.actorName,
    e.actorPosition,
    e.action,
    e.documentId,
    e.numberSymbol,
    e.subject,
    e.fromState,
    e.toState,
    e.fromStep,
    e.toStep,
    e.comment,
    e.requestId,
    e.clientIp,
    e.userAgent,
    ...onBehalf,
  ]);
}

/** SHA-256 (hex) over the previous hash and the canonical form of the entry. */
export function hashEntry(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(e)).digest('hex');
}

/** An anchor seals the chain heads that moved since the previous anchor: SHA-256 over the previous anchor and them. */
export function hashAnchor(prevHash: string, heads: ReadonlyArray<{ chainId: string; seq: number; hash: string }>): string {
  const h = createHash('sha256').update(prevHash);
  for (const head of [...heads].sort((a, b) => (a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0))) {
    h.update(`\n${head.chainId} ${head.seq} ${head.hash}`);
  }
  return h.digest('hex');
}
