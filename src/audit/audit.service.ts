import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';

export interface AuditRecord {
  action: string;
  documentId: string | null;
  numberSymbol?: string | null;
  fromState?: string | null;
  toState?: string | null;
  fromStep?: string | null;
  toStep?: string | null;
  comment?: string | null;
}

/** Writes the audit trail, always inside the transaction of the action it records. */
@Injectable()
export class AuditService {
  async record(m: EntityManager, actor: CurrentUser, meta: RequestMeta, r: AuditRecord): Promise<void> {
    await m.query(
      `INSERT INTO audit_entries (actor_id, actor_name, actor_position, action, document_id, number_symbol,
         from_state, to_state, from_step, to_step, comment, request_id, client_ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        actor.id,
        actor.fullName,
        actor.positionTitle,
        r.action,
        r.documentId,
        r.numberSymbol ?? null,
        r.fromState ?? null,
        r.toState ?? null,
        r.fromStep ?? null,
        r.toStep ?? null,
        r.comment ?? null,
        meta.requestId,
        meta.clientIp,
        meta.userAgent,
      ],
    );
  }
}
