import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dueAt } from '../workflow/deadlines.js';
import { pendingItems, type InstanceState } from '../workflow/consultation.js';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { distinct } from '../common/arrays.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { chainIdOf, reserveHeadSql, type ReservedHead } from '../audit/append-audit-entry.js';
import { GENESIS_HASH } from '../audit/hash-entry.js';
import { RegistersService, type IssuedNumber } from '../registers/registers.service.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';
import { RouteRegistry } from '../workflow/route-registry.js';
import { currentNode, nextSnapshot, persistSnapshot, restoreSnapshot, type CompiledRoute, type RouteEvent } from '../workflow/bpmn/compile-route.js';
import { actionsAtStep, availableActions } from '../workflow/available-actions.js';
import { resolveCandidates, satisfiesAny, type CandidateUser } from '../workflow/candidates.js';
import { canSeeDocument } from './visibility.js';
import { absenceHandovers, ACTIVE_HANDOVERS_SQL, handoverFor, type Absence, type ActiveHandover } from '../workflow/handovers.js';
import { agencyUsersSql } from './agency-users.js';
import { DocumentsService } from './documents.service.js';
import { Clock } from '../common/clock.js';
import { SignersService, type SigningAnswer } from '../signers/signers.service.js';
import { candidateDoc, routeFacts, type DocumentResponse, type DocumentRow } from './document-view.js';
import type { DocumentActionDto } from './dto/document-action.dto.js';
import { prepared } from '../database/preparing-client.js';
import { DELIVERIES_AT_ISSUE_SQL } from '../recipients/deliveries.js';
import { TASKS_AT_ISSUE_SQL } from '../document-tasks/assign-at-issue.js';
import { OutboxKick } from '../recipients/outbox-kick.js';

/** Who fires deadlines in the audit trail. */
const SYSTEM_ACTOR = { id: null, fullName: 'Hệ thống', positionTitle: 'Hạn xử lý' };

/** Who completes a distribution when the last recipient registered the document. */
const DISTRIBUTION_ACTOR = { id: null, fullName: 'Hệ thống', positionTitle: 'Chuyển phát' };
const DISTRIBUTION_COMPLETE = 'complete';

/** The event a due interrupting timer sends to the route's machine (with `timerId`, the boundary event's id). */
const TIMER_EVENT = 'timer';

/** What an action reads of the locked document row. */
type LockedDocument = Pick<
  DocumentRow,
  | 'id' | 'type' | 'subject' | 'urgency' | 'confidentiality' | 'issuer_agency_id' | 'drafting_unit_id' | 'drafter_id' | 'signer_id'
  | 'route_id' | 'route_version' | 'state' | 'step_id' | 'participant_ids' | 'version' | 'number' | 'symbol'
  | 'field' | 'collective' | 'needs_legal_review' | 'recalled_at'
> & {
  consulted_unit_ids: string[];
  consultation_deadline: Date | null;
  /** The consultation's instances at the current step (a multi-instance task), as document-view.ts reads them. */
  instances: InstanceState | null;
  signer_position_id: string | null;
  legal_normative: boolean;
  issuer_kind: 'agency' | 'advisory';
  series_mode: 'per-type' | 'shared';
  snapshot: Record<string, unknown>; issuer_code: string; place: string; unit_code: string;
  /** Who the next step may go to, read with the lock. */
  candidate_users: CandidateUser[];
  assignee_ids: string[];
  handovers: ActiveHandover[];
  /** Absences running now (the injected clock). */
  absences: Absence[];
};

/**
 * Actions on a document's route (submit, approve, return, sign, issue, withdraw).
 * One action = one transaction: lock the row, restore the snapshot, authorise, transition,
 * write the snapshot, the side effects and the audit entry, commit. All or nothing.
 */
@Injectable()
export class DocumentActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly routes: RouteRegistry,
    private readonly audit: AuditService,
    private readonly registers: RegistersService,
    private readonly documents: DocumentsService,
    private readonly signers: SignersService,
    private readonly clock: Clock,
    private readonly outbox: OutboxKick,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The document row, locked until commit, with what an action reads: candidates, handovers, absences running now. */
  private async lock(m: EntityManager, id: string): Promise<LockedDocument | undefined> {
    const [doc] = (await m.query(
      prepared(`SELECT d.id, d.type, d.subject, d.urgency, d.confidentiality, d.issuer_agency_id, d.drafting_unit_id, d.drafter_id,
              d.signer_id, d.route_id, d.route_version, d.state, d.step_id, d.participant_ids, d.snapshot, d.version, d.number, d.symbol,
              d.signer_position_id, d.field, d.collective, d.needs_legal_review, d.consulted_unit_ids, d.consultation_deadline,
              d.legal_normative, d.recalled_at, ag.code AS issuer_code, ag.place, ag.kind AS issuer_kind, ag.series_mode,
              un.code AS unit_code, ${agencyUsersSql('d.issuer_agency_id', 'd.drafter_id', 'd.signer_id', '$2')} AS candidate_users,
              d.assignee_ids, ${ACTIVE_HANDOVERS_SQL} AS handovers, d.snapshot #> ARRAY['context', 'instances', d.step_id] AS instances,
              (SELECT coalesce(json_agg(json_build_object('id', a.id, 'userId', a.user_id, 'standInId', a.stand_in_id, 'reason', a.reason)
                      ORDER BY a.created_at), '[]')
                 FROM absences a WHERE a.ended_at IS NULL AND a.valid_from <= $3 AND a.valid_to > $3) AS absences
         FROM documents d JOIN agencies ag ON ag.id = d.issuer_agency_id JOIN units un ON un.id = d.drafting_unit_id
        WHERE d.id = $1 FOR UPDATE OF d`),
      [id, this.routes.namedAgencyCodes(), this.clock.now()],
    )) as LockedDocument[];
    return doc;
  }

  async act(user: CurrentUser, id: string, dto: DocumentActionDto, meta: RequestMeta): Promise<DocumentResponse> {
    try {
      await this.db.transaction(async (m) => {
        const doc = await this.lock(m, id);
        if (!doc || !canSeeDocument(user, doc)) {
          throw new NotFoundError('document', id);
        }
        if (doc.recalled_at) {
          throw new ConflictError('RECALLED', `The document was recalled on ${doc.recalled_at.toISOString()}: its record is frozen`, {
            state: doc.state,
            step: doc.step_id,
            recalledAt: doc.recalled_at,
            allowedActions: [],
          });
        }
        const route = this.routes.get(doc.route_id, doc.route_version);
        const candidates = candidateDoc(doc);
        // A deputy holding a handover from an assignee acts on the assignee's behalf.
        const handover = handoverFor(user.id, doc.handovers, doc.assignee_ids);
        const allowed = availableActions(route, doc.step_id, user, candidates, !!handover);
        const conflictDetails = { state: doc.state, step: doc.step_id, version: doc.version, allowedActions: allowed };
        if (dto.expectedVersion !== undefined && dto.expectedVersion !== doc.version) {
          throw new ConflictError(
            'STALE_VERSION',
            `The document changed since version ${dto.expectedVersion}: it is now version ${doc.version}, in ${doc.state} (step ${doc.step_id})`,
            conflictDetails,
          );
        }
        const atStep = actionsAtStep(route, doc.step_id).filter((a) => a.action === dto.action);
        if (atStep.length === 0) {
          throw new ConflictError(
            'ACTION_NOT_ALLOWED',
            `"${dto.action}" is not possible now: the document is in ${doc.state} (step ${doc.step_id}); ` +
              `you may: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
            conflictDetails,
          );
        }
        const inOwnRight = atStep.some((a) => satisfiesAny(user, candidates, a.candidates));
        const onBehalfOf = !inOwnRight && handover && route.tasks[doc.step_id]?.actions.includes(dto.action) ? handover : undefined;
        if (!inOwnRight && !onBehalfOf) {
          throw new ForbiddenError(
            'NOT_ASSIGNEE',
            `You may not "${dto.action}" this document: the step ${doc.step_id} is for ${atStep.flatMap((a) => a.candidates).join(', ')}`,
            { state: doc.state, step: doc.step_id, allowedActions: allowed },
          );
        }
        // The units to consult, when chosen with this action: units of the issuing agency, a deadline to come.
        const consultation = dto.consultation ? await this.checkConsultation(m, doc, dto.consultation) : null;
        const consultedUnits = consultation?.unitIds ?? doc.consulted_unit_ids;
        // A consulted unit answers through its head (or the head's deputy): the item is that unit.
        const answeringUnit =
          dto.action === 'answer'
            ? doc.candidate_users.find((u) => u.id === (onBehalfOf?.ownerId ?? user.id))?.unitId ?? user.unitId
            : null;
        const comment = dto.comment?.normalize('NFC').trim() ?? null;
        await this.advance(
          m,
          doc,
          route,
          {
            type: dto.action,
            doc: routeFacts({ ...doc, consulted_unit_ids: consultedUnits }),
            data: { consultedUnits },
            ...(dto.action === 'answer' ? { item: answeringUnit, answer: dto.answer } : {}),
          } as RouteEvent,
          {
            actor: user,
            meta,
            comment: dto.action === 'answer' ? `${dto.answer}${comment ? `: ${comment}` : ''}` : comment,
            onBehalfOf: onBehalfOf ? { id: onBehalfOf.ownerId, fullName: onBehalfOf.ownerName } : null,
            consultation: consultation ?? undefined,
            answer: dto.action === 'answer' && answeringUnit ? { unitId: answeringUnit, answer: dto.answer!, comment } : undefined,
          },
        );
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err as { driverError?: { constraint?: string } }).driverError?.constraint === 'UQ_documents_register_number') {
        throw new ConflictError('DUPLICATE_NUMBER', 'This number and symbol were already issued in this register', {});
      }
      throw err;
    }
    if (dto.action === 'issue') this.outbox.now();
    return this.documents.get(user, id);
  }

  /**
   * Every recipient has received the document (deliveries.service.ts): its route moves on by `complete`, as the
   * system, when the current step offers it (the distribution task of the shipped routes). Inside the caller's
   * transaction. Returns whether it moved.
   */
  async completeDistribution(m: EntityManager, documentId: string, meta: RequestMeta): Promise<boolean> {
    const doc = await this.lock(m, documentId);
    if (!doc || doc.recalled_at) return false;
    const route = this.routes.get(doc.route_id, doc.route_version);
    if (!actionsAtStep(route, doc.step_id).some((a) => a.action === DISTRIBUTION_COMPLETE)) return false;
    await this.advance(m, doc, route, { type: DISTRIBUTION_COMPLETE, doc: routeFacts(doc) } as RouteEvent, {
      actor: DISTRIBUTION_ACTOR,
      meta,
      comment: 'Mọi nơi nhận đã tiếp nhận văn bản (trạng thái 03 trở lên)', // read by users in the history: Vietnamese
      onBehalfOf: null,
    });
    return true;
  }

  /** The units chosen for a consultation: units of the issuing agency (400 otherwise); the deadline still to come. */
  private async checkConsultation(
    m: EntityManager,
    doc: LockedDocument,
    c: { unitIds: string[]; deadline?: string },
  ): Promise<{ unitIds: string[]; deadline: Date | null }> {
    const found = (await m.query(`SELECT id FROM units WHERE agency_id = $1 AND id = ANY($2::uuid[])`, [doc.issuer_agency_id, c.unitIds])) as Array<{
      id: string;
    }>;
    const missing = c.unitIds.findIndex((id) => !found.some((f) => f.id === id));
    if (missing >= 0) throw new InvalidInputError([{ field: `consultation.unitIds.${missing}`, reason: 'is not a unit of the issuing agency' }]);
    const deadline = c.deadline ? new Date(c.deadline) : null;
    if (deadline && deadline <= this.clock.now()) throw new InvalidInputError([{ field: 'consultation.deadline', reason: 'is already past' }]);
    return { unitIds: c.unitIds, deadline };
  }

  /**
   * Fires one due timer, inside the caller's transaction, which holds the timer's row (timers.service.ts): an
   * interrupting timer moves the document along the timer's flow (escalation, re-routing), a reminder writes an audit
   * entry. A timer of a stay that is over (the document moved on) is obsolete and does nothing.
   */
  async fireTimer(
    m: EntityManager,
    timer: { id: string; documentId: string; timerId: string; interrupting: boolean },
  ): Promise<'escalated' | 'reminded' | 'obsolete'> {
    const doc = await this.lock(m, timer.documentId);
    if (!doc) return 'obsolete';
    const [{ current }] = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM documents d JOIN task_timers t ON t.document_id = d.id AND t.step_id = d.step_id
                        AND t.step_since = d.step_since WHERE t.id = $1) AS current`,
      [timer.id],
    )) as Array<{ current: boolean }>;
    if (!current) return 'obsolete';
    const route = this.routes.get(doc.route_id, doc.route_version);
    const task = route.tasks[doc.step_id];
    const meta = { requestId: `timer:${timer.id}`, clientIp: null, userAgent: null };
    if (!timer.interrupting) {
      await this.audit.recordAtStep(m, SYSTEM_ACTOR, meta, doc, 'remind', {
        numberSymbol: doc.number !== null && doc.symbol ? formatNumberSymbol(doc.number, doc.symbol) : null,
        comment: `${task?.name ?? doc.step_id}: đến hạn (${timer.timerId})`, // read by users in the history: Vietnamese
      });
      return 'reminded';
    }
    await this.advance(m, doc, route, { type: TIMER_EVENT, timerId: timer.timerId, doc: routeFacts(doc) } as RouteEvent, {
      actor: SYSTEM_ACTOR,
      meta,
      comment: `${task?.name ?? doc.step_id}: quá hạn (${timer.timerId})`,
      onBehalfOf: null,
      auditAction: 'escalate',
    });
    return 'escalated';
  }

  /**
   * Moves a locked document by `event` along its route and writes everything that follows, under the row lock: the new
   * step and its assignees (and stand-ins of absent ones), the signature at signing, the number at issue, the new task's
   * timers, and the audit entry.
   */
  private async advance(
    m: EntityManager,
    doc: LockedDocument,
    route: CompiledRoute,
    event: RouteEvent,
    by: {
      actor: AuditActor;
      meta: RequestMeta;
      comment: string | null;
      onBehalfOf: { id: string; fullName: string } | null;
      /** The audit action when it is not the event's name (a timer's). */
      auditAction?: string;
      /** Units to consult and their deadline, chosen with this action. */
      consultation?: { unitIds: string[]; deadline: Date | null };
      /** A consulted unit's answer. */
      answer?: { unitId: string; answer: string; comment: string | null };
    },
  ): Promise<void> {
    const candidates = candidateDoc(doc);
    const next = nextSnapshot(route, restoreSnapshot(route, doc.snapshot), event);
    const consultedUnits = by.consultation?.unitIds ?? doc.consulted_unit_ids;
    if (!next && consultedUnits.length === 0 && Object.values(route.tasks).some((t) => t.multiInstance)) {
      throw new InvalidInputError([
        { field: 'consultation.unitIds', reason: `choose the units to consult: "${event.type}" leads to the consultation of this route` },
      ]);
    }
    if (!next) {
      throw new ConflictError('ACTION_NOT_ALLOWED', `"${event.type}" leads nowhere from step ${doc.step_id}`, {
        state: doc.state,
        step: doc.step_id,
        version: doc.version,
      });
    }
    const node = currentNode(route, next);
    const toStep = node.kind === 'task' ? node.task.id : node.end.id;
    const toState = node.kind === 'task' ? node.task.phase : node.end.phase;
    // An answer that does not complete a consultation keeps the document's stay at the task: same deadlines, same
    // handovers; only the units still to answer remain assignees.
    const stays = event.type === 'answer' && toStep === doc.step_id;
    const persisted = persistSnapshot(next);
    const candidatesOfNext =
      node.kind === 'task'
        ? resolveCandidates(doc.candidate_users, { ...candidates, pendingUnitIds: pendingItems(persisted, node.task.id) }, node.task.candidates)
        : [];
    // Absent people's new tasks go to their stand-ins too (never a signing: signing authority is not handed over).
    const standIns = !stays && node.kind === 'task' && node.task.phase !== 'signing' ? absenceHandovers(candidatesOfNext, doc.absences) : [];
    const keptDelegates = stays ? doc.handovers.filter((h) => candidatesOfNext.includes(h.ownerId)).map((h) => h.delegateId) : [];
    const assignees = distinct([...candidatesOfNext, ...keptDelegates, ...standIns.map((a) => a.standInId)]);
    // The new task's deadlines and reminders, from now, on the working calendar: durable rows (timers.service.ts); a
    // consultation also reminds late units at the deadline chosen for it.
    const now = this.clock.now();
    const consultationDeadline = by.consultation ? by.consultation.deadline : doc.consultation_deadline;
    const timers =
      stays || node.kind !== 'task'
        ? []
        : [
            ...route.timers
              .filter((t) => t.attachedTo === node.task.id)
              .map((t) => ({ id: t.id, interrupting: t.interrupting, due: dueAt(t, now, this.config.workingCalendar) })),
            ...(node.task.multiInstance && consultationDeadline && consultationDeadline > now
              ? [{ id: 'consultationDeadline', interrupting: false, due: consultationDeadline }]
              : []),
          ];

    // Signing: the signer's authority on this date decides, and the block is frozen as signed.
    let signing: SigningAnswer | null = null;
    if (event.type === 'sign') {
      signing = await this.signers.authorise(m, {
        agencyId: doc.issuer_agency_id,
        signerId: doc.signer_id,
        positionId: doc.signer_position_id,
        type: doc.type,
        field: doc.field,
        collective: doc.collective,
      }, now);
    }

    let issued: IssuedNumber | null = null;
    if (event.type === 'issue') {
      issued = await this.registers.issue(m, {
        type: doc.type,
        confidentiality: doc.confidentiality,
        legalNormative: doc.legal_normative,
        issuerAgencyId: doc.issuer_agency_id,
        issuerCode: doc.issuer_code,
        issuerKind: doc.issuer_kind,
        seriesMode: doc.series_mode,
        place: doc.place,
        draftingUnitCode: doc.unit_code,
      });
    }
    // The document's new state, at issue one delivery per recipient agency (groups expanded) with its outbox message
    // (deliveries.ts) and one assignment per task and lead unit (assign-at-issue.ts), and the next place in its audit
    // chain: one round trip, under the row lock.
    const [head] = (await m.query(
      prepared(`WITH moved AS (UPDATE documents SET state = $2, step_id = $3, assignee_ids = $4, participant_ids = $5, snapshot = $6,
              step_since = CASE WHEN $27::boolean THEN step_since ELSE now() END, version = version + 1, updated_at = now(),
              consulted_unit_ids = $28, consultation_deadline = $29,
              issued_year = coalesce($7, issued_year), number = coalesce($8, number), symbol = coalesce($9, symbol),
              issued_at = coalesce($10, issued_at), date_line = coalesce($11, date_line),
              signature_block = coalesce($12, signature_block), signing_authority = coalesce($13, signing_authority),
              signer_position_id = coalesce($14, signer_position_id), signed_at = CASE WHEN $12::jsonb IS NULL THEN signed_at ELSE $16::timestamptz END,
              register_id = coalesce($15, register_id)
        WHERE id = $1),
       delivered AS (INSERT INTO deliveries (document_id, recipient_id, role, channel, via_group_id)
         ${DELIVERIES_AT_ISSUE_SQL}
         RETURNING id, channel),
       outboxed AS (INSERT INTO outbox (kind, delivery_id) SELECT 'deliver', id FROM delivered WHERE channel <> 'manual'),
       handed AS (INSERT INTO task_handovers (document_id, step_id, step_since, owner_id, delegate_id, reason, absence_id, created_by)
         SELECT $1, $3, now(), x.owner, x.delegate, x.reason, x.absence, x.owner
           FROM unnest($20::uuid[], $21::uuid[], $22::text[], $23::uuid[]) AS x(owner, delegate, reason, absence)),
       timed AS (INSERT INTO task_timers (document_id, step_id, step_since, timer_id, interrupting, due_at)
         SELECT $1, $3, now(), x.id, x.interrupting, x.due
           FROM unnest($24::text[], $25::boolean[], $26::timestamptz[]) AS x(id, interrupting, due)),
       ${TASKS_AT_ISSUE_SQL}
       ${reserveHeadSql('$17', '$18')}`),
      [
        doc.id,
        toState,
        toStep,
        assignees,
        distinct([...doc.participant_ids, ...(by.actor.id ? [by.actor.id] : []), ...assignees]),
        persisted,
        issued?.year ?? null,
        issued?.number ?? null,
        issued?.symbol ?? null,
        issued?.issuedAt ?? null,
        issued?.dateLine ?? null,
        signing ? JSON.stringify(signing.block) : null,
        signing ? JSON.stringify({ kind: signing.kind, positionId: signing.positionId, delegationId: signing.delegationId }) : null,
        signing?.positionId ?? null,
        issued?.registerId ?? null,
        this.clock.now(),
        chainIdOf(doc.id, by.actor.id),
        GENESIS_HASH,
        issued !== null,
        standIns.map((a) => a.userId),
        standIns.map((a) => a.standInId),
        standIns.map((a) => `absence${a.reason ? `: ${a.reason}` : ''}`),
        standIns.map((a) => a.id),
        timers.map((t) => t.id),
        timers.map((t) => t.interrupting),
        timers.map((t) => t.due),
        stays,
        consultedUnits,
        consultationDeadline,
        doc.issuer_agency_id,
        this.config.taskRemindBeforeHours,
        this.config.taskEscalateAfterHours,
      ],
    )) as ReservedHead[];
    if (by.answer) {
      await m.query(
        `INSERT INTO consultation_answers (document_id, task_id, unit_id, answer, comment, user_id, on_behalf_of_id, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [doc.id, doc.step_id, by.answer.unitId, by.answer.answer, by.answer.comment, by.actor.id, by.onBehalfOf?.id ?? null, now],
      );
    }
    await this.audit.record(m, by.actor, by.meta, {
      action: by.auditAction ?? event.type,
      documentId: doc.id,
      subject: doc.subject,
      numberSymbol:
        issued?.numberSymbol ?? (doc.number !== null && doc.symbol ? formatNumberSymbol(doc.number, doc.symbol) : null),
      fromState: doc.state,
      toState,
      fromStep: doc.step_id,
      toStep,
      comment: by.comment,
      onBehalfOf: by.onBehalfOf,
    }, head);
  }
}
