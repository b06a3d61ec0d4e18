import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { distinct } from '../common/arrays.js';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { RouteRegistry } from '../workflow/route-registry.js';
import { ACTIVE_HANDOVERS_SQL, type ActiveHandover } from '../workflow/handovers.js';
import { canSeeDocument } from './visibility.js';
import { DocumentsService } from './documents.service.js';
import type { DocumentResponse } from './document-view.js';
import type { CreateAbsenceDto, CreateHandoverDto } from './dto/handover.dto.js';

interface LockedStay {
  id: string;
  subject: string;
  state: string;
  step_id: string;
  route_id: string;
  route_version: number;
  version: number;
  issuer_agency_id: string;
  confidentiality: string;
  participant_ids: string[];
  assignee_ids: string[];
  handovers: ActiveHandover[];
}

/**
 * Handing a waiting task to a deputy (the owner keeps it; the deputy acts on the owner's behalf, audited as such),
 * taking it back, and absences (new tasks handed to a stand-in meanwhile: document-actions.service.ts).
 */
@Injectable()
export class HandoversService {
  constructor(
    private readonly db: DataSource,
    private readonly routes: RouteRegistry,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  private async lockStay(m: EntityManager, user: CurrentUser, id: string): Promise<LockedStay> {
    const [doc] = (await m.query(
      `SELECT d.id, d.subject, d.state, d.step_id, d.route_id, d.route_version, d.version, d.issuer_agency_id,
              d.confidentiality, d.participant_ids, d.assignee_ids, ${ACTIVE_HANDOVERS_SQL} AS handovers
         FROM documents d WHERE d.id = $1 FOR UPDATE OF d`,
      [id],
    )) as LockedStay[];
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', id);
    return doc;
  }

  /** A person of the caller's agency, active, other than the caller: a deputy, a stand-in. */
  private async colleague(m: EntityManager, user: CurrentUser, userId: string, field: string): Promise<{ id: string; full_name: string }> {
    const [other] = (await m.query(`SELECT id, full_name, agency_id FROM users WHERE id = $1 AND active`, [userId])) as Array<{
      id: string;
      full_name: string;
      agency_id: string;
    }>;
    if (!other) throw new InvalidInputError([{ field, reason: 'is not an active user' }]);
    if (other.id === user.id) throw new InvalidInputError([{ field, reason: 'is yourself' }]);
    if (other.agency_id !== user.agencyId) throw new InvalidInputError([{ field, reason: 'must be a person of your agency' }]);
    return other;
  }

  async handOver(user: CurrentUser, id: string, dto: CreateHandoverDto, meta: RequestMeta): Promise<DocumentResponse> {
    await this.db.transaction(async (m) => {
      const doc = await this.lockStay(m, user, id);
      const task = this.routes.get(doc.route_id, doc.route_version).tasks[doc.step_id];
      const details = { state: doc.state, step: doc.step_id, version: doc.version };
      if (!task) throw new ConflictError('NOT_AT_A_TASK', `The document is ${doc.state}: no task waits to be handed over`, details);
      if (task.phase === 'signing') {
        throw new ConflictError(
          'SIGNING_NOT_HANDED_OVER',
          'Signing is not handed over: the authority to sign passes only by a written authorisation (TUQ., KT.) or by choosing another signer',
          details,
        );
      }
      if (!doc.assignee_ids.includes(user.id)) {
        throw new ForbiddenError('NOT_ASSIGNEE', `The step ${doc.step_id} does not wait for you: only its assignees hand it over`, details);
      }
      const deputy = await this.colleague(m, user, dto.toUserId, 'toUserId');
      if (doc.assignee_ids.includes(deputy.id)) {
        throw new InvalidInputError([{ field: 'toUserId', reason: 'may already act on this step' }]);
      }
      const reason = dto.reason?.normalize('NFC').trim() ?? null;
      // The stay's step and time straight from the row (to the microsecond, which a JS Date would lose).
      await m.query(
        `INSERT INTO task_handovers (document_id, step_id, step_since, owner_id, delegate_id, reason, created_by)
         SELECT d.id, d.step_id, d.step_since, $2, $3, $4, $2 FROM documents d WHERE d.id = $1`,
        [doc.id, user.id, deputy.id, reason],
      );
      await m.query(
        `UPDATE documents SET assignee_ids = $2, participant_ids = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [doc.id, distinct([...doc.assignee_ids, deputy.id]), distinct([...doc.participant_ids, deputy.id])],
      );
      await this.audit.recordAtStep(m, user, meta, doc, 'handover', { comment: `${user.fullName} → ${deputy.full_name}${reason ? `: ${reason}` : ''}` });
    });
    return this.documents.get(user, id);
  }

  /** The owner takes the task back, or the deputy gives it back. */
  async endHandover(user: CurrentUser, id: string, handoverId: string, meta: RequestMeta): Promise<DocumentResponse> {
    await this.db.transaction(async (m) => {
      const doc = await this.lockStay(m, user, id);
      const h = doc.handovers.find((x) => x.id === handoverId);
      if (!h) throw new NotFoundError('active handover', handoverId);
      if (user.id !== h.ownerId && user.id !== h.delegateId) {
        throw new ForbiddenError('NOT_YOUR_HANDOVER', 'Only the owner of the task or the deputy ends a handover');
      }
      await m.query(`UPDATE task_handovers SET ended_at = $2 WHERE id = $1`, [h.id, this.clock.now()]);
      // The deputy was not an assignee before (checked when handed over): unless another handover names them, they leave.
      const stillDelegate = doc.handovers.some((x) => x.id !== h.id && x.delegateId === h.delegateId);
      const assignees = stillDelegate ? doc.assignee_ids : doc.assignee_ids.filter((x) => x !== h.delegateId);
      await m.query(`UPDATE documents SET assignee_ids = $2, version = version + 1, updated_at = now() WHERE id = $1`, [doc.id, assignees]);
      await this.audit.recordAtStep(m, user, meta, doc, 'handover-end', { comment: `${h.ownerName} → ${h.delegateName}` });
    });
    return this.documents.get(user, id);
  }


  async createAbsence(user: CurrentUser, dto: CreateAbsenceDto, meta: RequestMeta) {
    const from = new Date(dto.validFrom);
    const to = new Date(dto.validTo);
    if (to <= from) throw new InvalidInputError([{ field: 'validTo', reason: 'must be after validFrom' }]);
    if (to <= this.clock.now()) throw new InvalidInputError([{ field: 'validTo', reason: 'is already past' }]);
    const id = await this.db.transaction(async (m) => {
      const standIn = await this.colleague(m, user, dto.standInId, 'standInId');
      const reason = dto.reason?.normalize('NFC').trim() ?? null;
      const [row] = (await m.query(
        `INSERT INTO absences (user_id, stand_in_id, valid_from, valid_to, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [user.id, standIn.id, from, to, reason],
      )) as Array<{ id: string }>;
      await this.audit.record(m, user, meta, {
        action: 'absence',
        documentId: null,
        comment: `${user.fullName} → ${standIn.full_name}, ${from.toISOString()} – ${to.toISOString()}${reason ? `: ${reason}` : ''}`,
      });
      return row.id;
    });
    return (await this.listAbsences(user)).find((a) => a.id === id)!;
  }

  /** The caller's absences and those they stand in for, not ended and not over. */
  async listAbsences(user: CurrentUser) {
    const rows = (await this.db.query(
      `SELECT a.id, a.valid_from, a.valid_to, a.reason, a.created_at,
              json_build_object('id', u.id, 'fullName', u.full_name) AS "user",
              json_build_object('id', s.id, 'fullName', s.full_name) AS stand_in
         FROM absences a JOIN users u ON u.id = a.user_id JOIN users s ON s.id = a.stand_in_id
        WHERE (a.user_id = $1 OR a.stand_in_id = $1) AND a.ended_at IS NULL AND a.valid_to > $2
        ORDER BY a.valid_from`,
      [user.id, this.clock.now()],
    )) as Array<{ id: string; valid_from: Date; valid_to: Date; reason: string | null; created_at: Date; user: unknown; stand_in: unknown }>;
    return rows.map((r) => ({ id: r.id, user: r.user, standIn: r.stand_in, validFrom: r.valid_from, validTo: r.valid_to, reason: r.reason, createdAt: r.created_at }));
  }

  async endAbsence(user: CurrentUser, id: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const [a] = (await m.query(`SELECT id, user_id FROM absences WHERE id = $1 AND ended_at IS NULL FOR UPDATE`, [id])) as Array<{
        id: string;
        user_id: string;
      }>;
      if (!a || a.user_id !== user.id) throw new NotFoundError('absence', id);
      await m.query(`UPDATE absences SET ended_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      await this.audit.record(m, user, meta, { action: 'absence-end', documentId: null, comment: `absence ${id}` });
    });
  }
}
