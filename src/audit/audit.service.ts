import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestMeta } from '../common/current-user.js';
import { appendAuditEntry, chainIdOf, writeAuditEntry, type NewAuditEntry, type ReservedHead } from './append-audit-entry.js';

export interface AuditActor {
  /** Null for the system (a deadline that fires). */
  id: string | null;
  fullName: string;
  positionTitle: string;
}

export interface AuditRecord {
  action: string;
  documentId: string | null;
  numberSymbol?: string | null;
  subject?: string | null;
  fromState?: string | null;
  toState?: string | null;
  fromStep?: string | null;
  toStep?: string | null;
  comment?: string | null;
  /** The person the actor acted for (a handed-over task, an absence). */
  onBehalfOf?: { id: string; fullName: string } | null;
}

/** Writes the audit trail, always inside the transaction of the action it records. */
@Injectable()
export class AuditService {
  /**
   * Appends the entry to its chain (the document's, or the actor's). `head`: a place in that chain already reserved in
   * this transaction with `reserveHeadSql` (to save a round trip), taken when given.
   */
  /**
   * An entry about something done to a document at its current step, which it does not leave (an edit, an
   * attachment, a handover, a reminder): state and step are the same before and after.
   */
  recordAtStep(
    m: EntityManager,
    actor: AuditActor,
    meta: RequestMeta,
    doc: { id: string; subject: string; state: string; step_id: string },
    action: string,
    extra: { comment?: string | null; numberSymbol?: string | null } = {},
  ): Promise<void> {
    return this.record(m, actor, meta, {
      action,
      documentId: doc.id,
      subject: doc.subject,
      numberSymbol: extra.numberSymbol ?? null,
      fromState: doc.state,
      toState: doc.state,
      fromStep: doc.step_id,
      toStep: doc.step_id,
      comment: extra.comment ?? null,
    });
  }

  async record(m: EntityManager, actor: AuditActor, meta: RequestMeta, r: AuditRecord, head?: ReservedHead): Promise<void> {
    const entry: NewAuditEntry = {
      chainId: chainIdOf(r.documentId, actor.id),
      actorId: actor.id,
      actorName: actor.fullName,
      actorPosition: actor.positionTitle,
      action: r.action,
      documentId: r.documentId,
      numberSymbol: r.numberSymbol ?? null,
      subject: r.subject ?? null,
      fromState: r.fromState ?? null,
      toState: r.toState ?? null,
      fromStep: r.fromStep ?? null,
      toStep: r.toStep ?? null,
      comment: r.comment ?? null,
      requestId: meta.requestId,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent,
      onBehalfOfId: r.onBehalfOf?.id ?? null,
      onBehalfOfName: r.onBehalfOf?.fullName ?? null,
    };
    await (head ? writeAuditEntry(m, head, entry) : appendAuditEntry(m, entry));
  }
}
