import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/domain-error.js';
import { distinct } from '../common/arrays.js';
import { AuditService } from '../audit/audit.service.js';
import { chainIdOf, reserveHeadSql, type ReservedHead } from '../audit/append-audit-entry.js';
import { GENESIS_HASH } from '../audit/hash-entry.js';
import { RegistersService, type IssuedNumber } from '../registers/registers.service.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';
import { RouteRegistry } from '../workflow/route-registry.js';
import { currentNode, nextSnapshot, persistSnapshot, restoreSnapshot } from '../workflow/bpmn/compile-route.js';
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

/** What an action reads of the locked document row. */
type LockedDocument = Pick<
  DocumentRow,
  | 'id' | 'type' | 'subject' | 'urgency' | 'confidentiality' | 'issuer_agency_id' | 'drafting_unit_id' | 'drafter_id' | 'signer_id'
  | 'route_id' | 'route_version' | 'state' | 'step_id' | 'participant_ids' | 'version' | 'number' | 'symbol'
  | 'field' | 'collective' | 'needs_legal_review'
> & {
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
  ) {}

  async act(user: CurrentUser, id: string, dto: DocumentActionDto, meta: RequestMeta): Promise<DocumentResponse> {
    try {
      await this.db.transaction(async (m) => {
        const [doc] = (await m.query(
          prepared(`SELECT d.id, d.type, d.subject, d.urgency, d.confidentiality, d.issuer_agency_id, d.drafting_unit_id, d.drafter_id,
                  d.signer_id, d.route_id, d.route_version, d.state, d.step_id, d.participant_ids, d.snapshot, d.version, d.number, d.symbol,
                  d.signer_position_id, d.field, d.collective, d.needs_legal_review,
                  d.legal_normative, ag.code AS issuer_code, ag.place, ag.kind AS issuer_kind, ag.series_mode,
                  un.code AS unit_code, ${agencyUsersSql('d.issuer_agency_id', 'd.drafter_id', 'd.signer_id', '$2')} AS candidate_users,
                  d.assignee_ids, ${ACTIVE_HANDOVERS_SQL} AS handovers,
                  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'userId', a.user_id, 'standInId', a.stand_in_id, 'reason', a.reason)
                          ORDER BY a.created_at), '[]')
                     FROM absences a WHERE a.ended_at IS NULL AND a.valid_from <= $3 AND a.valid_to > $3) AS absences
             FROM documents d JOIN agencies ag ON ag.id = d.issuer_agency_id JOIN units un ON un.id = d.drafting_unit_id
            WHERE d.id = $1 FOR UPDATE OF d`),
          [id, this.routes.namedAgencyCodes(), this.clock.now()],
        )) as LockedDocument[];
        if (!doc || !canSeeDocument(user, doc)) {
          throw new NotFoundError('document', id);
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
        const next = nextSnapshot(route, restoreSnapshot(route, doc.snapshot), {
          type: dto.action,
          doc: routeFacts(doc),
        });
        if (!next) {
          throw new ConflictError('ACTION_NOT_ALLOWED', `"${dto.action}" leads nowhere from step ${doc.step_id}`, conflictDetails);
        }
        const node = currentNode(route, next);
        const toStep = node.kind === 'task' ? node.task.id : node.end.id;
        const toState = node.kind === 'task' ? node.task.phase : node.end.phase;
        const candidatesOfNext =
          node.kind === 'task' ? resolveCandidates(doc.candidate_users, candidates, node.task.candidates) : [];
        // Absent people's new tasks go to their stand-ins too (never a signing: signing authority is not handed over).
        const standIns = node.kind === 'task' && node.task.phase !== 'signing' ? absenceHandovers(candidatesOfNext, doc.absences) : [];
        const assignees = distinct([...candidatesOfNext, ...standIns.map((a) => a.standInId)]);

        // Signing: the signer's authority on this date decides, and the block is frozen as signed.
        let signing: SigningAnswer | null = null;
        if (dto.action === 'sign') {
          signing = await this.signers.authorise(m, {
            agencyId: doc.issuer_agency_id,
            signerId: doc.signer_id,
            positionId: doc.signer_position_id,
            type: doc.type,
            field: doc.field,
            collective: doc.collective,
          }, this.clock.now());
        }

        let issued: IssuedNumber | null = null;
        if (dto.action === 'issue') {
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
        // The document's new state, at issue one delivery per addressee and copy recipient (receipt tracking comes with
        // distribution), and the next place in its audit chain: one round trip, under the row lock.
        const [head] = (await m.query(
          prepared(`WITH moved AS (UPDATE documents SET state = $2, step_id = $3, assignee_ids = $4, participant_ids = $5, snapshot = $6,
                  step_since = now(), version = version + 1, updated_at = now(),
                  issued_year = coalesce($7, issued_year), number = coalesce($8, number), symbol = coalesce($9, symbol),
                  issued_at = coalesce($10, issued_at), date_line = coalesce($11, date_line),
                  signature_block = coalesce($12, signature_block), signing_authority = coalesce($13, signing_authority),
                  signer_position_id = coalesce($14, signer_position_id), signed_at = CASE WHEN $12::jsonb IS NULL THEN signed_at ELSE $16::timestamptz END,
                  register_id = coalesce($15, register_id)
            WHERE id = $1),
           delivered AS (INSERT INTO deliveries (document_id, recipient_id, role)
             SELECT document_id, recipient_id, role FROM document_recipients WHERE document_id = $1 AND $19::boolean),
           handed AS (INSERT INTO task_handovers (document_id, step_id, step_since, owner_id, delegate_id, reason, absence_id, created_by)
             SELECT $1, $3, now(), x.owner, x.delegate, x.reason, x.absence, $24
               FROM unnest($20::uuid[], $21::uuid[], $22::text[], $23::uuid[]) AS x(owner, delegate, reason, absence))
           ${reserveHeadSql('$17', '$18')}`),
          [
            doc.id,
            toState,
            toStep,
            assignees,
            distinct([...doc.participant_ids, user.id, ...assignees]),
            persistSnapshot(next),
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
            chainIdOf(doc.id, user.id),
            GENESIS_HASH,
            issued !== null,
            standIns.map((a) => a.userId),
            standIns.map((a) => a.standInId),
            standIns.map((a) => `absence${a.reason ? `: ${a.reason}` : ''}`),
            standIns.map((a) => a.id),
            user.id,
          ],
        )) as ReservedHead[];
        await this.audit.record(m, user, meta, {
          action: dto.action,
          documentId: doc.id,
          subject: doc.subject,
          numberSymbol:
            issued?.numberSymbol ?? (doc.number !== null && doc.symbol ? formatNumberSymbol(doc.number, doc.symbol) : null),
          fromState: doc.state,
          toState,
          fromStep: doc.step_id,
          toStep,
          comment: dto.comment?.normalize('NFC').trim() ?? null,
          onBehalfOf: onBehalfOf ? { id: onBehalfOf.ownerId, fullName: onBehalfOf.ownerName } : null,
        }, head);
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err as { driverError?: { constraint?: string } }).driverError?.constraint === 'UQ_documents_register_number') {
        throw new ConflictError('DUPLICATE_NUMBER', 'This number and symbol were already issued in this register', {});
      }
      throw err;
    }
    return this.documents.get(user, id);
  }
}
