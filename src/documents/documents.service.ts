import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { RouteAssignmentsService } from '../workflow/route-assignments.service.js';
import { dueAt } from '../workflow/deadlines.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { AuditService } from '../audit/audit.service.js';
import { RouteRegistry } from '../workflow/route-registry.js';
import { currentNode, initialSnapshot, persistSnapshot } from '../workflow/bpmn/compile-route.js';
import { resolveCandidates } from '../workflow/candidates.js';
import { canSeeDocument, visibleSql, type VisibilityFacts } from './visibility.js';
import {
  DOCUMENT_COLUMNS,
  DOCUMENT_DETAIL_SQL,
  DOCUMENT_JOINS,
  toDocumentResponse,
  toDocumentSummary,
  type DocumentDetailRow,
  type DocumentResponse,
  type DocumentRow,
} from './document-view.js';
import type { CreateDocumentDto, CopyRecipientDto } from './dto/create-document.dto.js';
import type { UpdateDocumentDto } from './dto/update-document.dto.js';
import type { ListDocumentsQuery } from './dto/list-documents.query.js';
import { agencyUsers } from './agency-users.js';
import { SignersService } from '../signers/signers.service.js';
import { distinct } from '../common/arrays.js';
import { UUID } from '../common/uuid.pipe.js';
import { prepared } from '../database/preparing-client.js';

/** Drafts and reads: creating and editing drafts, the document page, the boxes, the history. */
/** Đã xử lý: documents the caller (`$1`) took part in, which do not wait for the caller now and were not drafted by them. */
const DONE_SQL = `d.participant_ids @> ARRAY[$1::uuid] AND NOT d.assignee_ids @> ARRAY[$1::uuid] AND d.drafter_id <> $1`;

@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: DataSource,
    private readonly routes: RouteRegistry,
    private readonly audit: AuditService,
    private readonly signers: SignersService,
    private readonly assignments: RouteAssignmentsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new draft. `within`: more to write in the same transaction (the tasks of a reminder letter), given its id. */
  async create(user: CurrentUser, dto: CreateDocumentDto, meta: RequestMeta, within?: (m: EntityManager, id: string) => Promise<void>): Promise<DocumentResponse> {
    if (!user.roles.includes('drafter') || !user.unitId) {
      throw new ForbiddenError('NOT_A_DRAFTER', 'Only a drafting officer of a unit may create documents');
    }
    const id = await this.db.transaction(async (m) => {
      const routeKey = await this.assignments.routeKeyFor(m, dto.type.normalize('NFC'), user.agencyId);
      const deployed = this.routes.latest(routeKey);
      if (!deployed) throw new DomainError('ROUTE_MISSING', `documents of type ${dto.type} are assigned the route "${routeKey}", which is not deployed`);
      const route = deployed.route;
      const signing = await this.signers.checkDraftSigner(m, {
        agencyId: user.agencyId,
        signerId: dto.signerId,
        positionId: dto.signerPositionId,
        type: dto.type.normalize('NFC'),
        field: dto.field ?? null,
        collective: dto.collective,
      });
      const recipients = await this.checkRecipients(m, dto.addressees, dto.copiesTo ?? []);
      await this.checkLinks(m, user, dto);
      const snapshot = initialSnapshot(route);
      const node = currentNode(route, snapshot);
      if (node.kind !== 'task') throw new Error(`${route.file}: the route ends before its first task`);
      const doc = {
        drafterId: user.id,
        signerId: dto.signerId,
        draftingUnitId: user.unitId!,
        issuerAgencyId: user.agencyId,
      };
      const assignees = resolveCandidates(await agencyUsers(m, user.agencyId, doc, this.routes.namedAgencyCodes()), doc, node.task.candidates);
      const [row] = (await m.query(
        prepared(`INSERT INTO documents (type, subject, body, urgency, confidentiality, issuer_agency_id, drafting_unit_id,
           drafter_id, signer_id, route_id, state, step_id, assignee_ids, participant_ids, snapshot,
           signer_position_id, collective, field, signature_block, legal_normative, corrects_id, replaces_id, route_version,
           needs_legal_review, filing_unit_codes, drafter_initials, archive_copies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
         RETURNING id`),
        [
          dto.type.normalize('NFC'),
          dto.subject.normalize('NFC').trim(),
          (dto.body ?? '').normalize('NFC'),
          dto.urgency ?? 'normal',
          dto.confidentiality ?? 'normal',
          user.agencyId,
          user.unitId,
          user.id,
          dto.signerId,
          deployed.key,
          node.task.phase,
          node.task.id,
          assignees,
          distinct([user.id, dto.signerId, ...assignees]),
          persistSnapshot(snapshot),
          signing.positionId,
          signing.collective,
          dto.field ?? null,
          JSON.stringify(signing.block),
          dto.legalNormative ?? false,
          dto.corrects ?? null,
          dto.replaces ?? null,
          deployed.version,
          dto.needsLegalReview ?? false,
          (dto.filingUnitCodes ?? []).map((c) => c.normalize('NFC')),
          dto.drafterInitials?.normalize('NFC') ?? null,
          dto.archiveCopies ?? null,
        ],
      )) as Array<{ id: string }>;
      await this.writeRecipients(m, row.id, recipients);
      await within?.(m, row.id);
      // The first task's deadlines, like every task's (document-actions.service.ts).
      const timers = route.timers.filter((t) => t.attachedTo === node.task.id);
      if (timers.length > 0) {
        const now = this.clock.now();
        await m.query(
          `INSERT INTO task_timers (document_id, step_id, step_since, timer_id, interrupting, due_at)
           SELECT d.id, d.step_id, d.step_since, x.id, x.interrupting, x.due
             FROM documents d, unnest($2::text[], $3::boolean[], $4::timestamptz[]) AS x(id, interrupting, due) WHERE d.id = $1`,
          [row.id, timers.map((t) => t.id), timers.map((t) => t.interrupting), timers.map((t) => dueAt(t, now, this.config.workingCalendar))],
        );
      }
      await this.audit.record(m, user, meta, {
        action: 'create',
        documentId: row.id,
        subject: dto.subject.normalize('NFC').trim(),
        toState: node.task.phase,
        toStep: node.task.id,
      });
      return row.id;
    });
    return this.get(user, id);
  }

  async update(user: CurrentUser, id: string, dto: UpdateDocumentDto, meta: RequestMeta): Promise<DocumentResponse> {
    // No draft field takes null: a field left out keeps its value.
    const nulls = Object.entries(dto).filter(([, v]) => v === null);
    if (nulls.length > 0) throw new InvalidInputError(nulls.map(([field]) => ({ field, reason: 'must not be null: leave the field out to keep its value' })));
    await this.db.transaction(async (m) => {
      const [doc] = (await m.query(
        `SELECT id, subject, type, field, collective, signer_id, signer_position_id, drafter_id, state, step_id,
                issuer_agency_id, confidentiality, participant_ids, version
           FROM documents WHERE id = $1 FOR UPDATE`,
        [id],
      )) as Array<{
        id: string;
        subject: string;
        type: string;
        field: string | null;
        collective: boolean;
        signer_id: string;
        signer_position_id: string | null;
        drafter_id: string;
        state: string;
        step_id: string;
        issuer_agency_id: string;
        confidentiality: string;
        participant_ids: string[];
        version: number;
      }>;
      if (!doc || !canSeeDocument(user, doc)) {
        throw new NotFoundError('document', id);
      }
      if (doc.drafter_id !== user.id) {
        throw new ForbiddenError('NOT_DRAFTER', 'Only the drafter of a document may edit it');
      }
      if (doc.state !== 'drafting') {
        throw new ConflictError('NOT_EDITABLE', `The document can be edited only while drafting; it is in ${doc.state}`, {
          state: doc.state,
          step: doc.step_id,
        });
      }
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.type !== undefined) set('type', dto.type.normalize('NFC'));
      if (dto.subject !== undefined) set('subject', dto.subject.normalize('NFC').trim());
      if (dto.body !== undefined) set('body', dto.body.normalize('NFC'));
      if (dto.urgency !== undefined) set('urgency', dto.urgency);
      if (dto.confidentiality !== undefined) set('confidentiality', dto.confidentiality);
      if (dto.field !== undefined) set('field', dto.field);
      if (dto.legalNormative !== undefined) set('legal_normative', dto.legalNormative);
      if (dto.needsLegalReview !== undefined) set('needs_legal_review', dto.needsLegalReview);
      if (dto.filingUnitCodes !== undefined) set('filing_unit_codes', dto.filingUnitCodes.map((c) => c.normalize('NFC')));
      if (dto.drafterInitials !== undefined) set('drafter_initials', dto.drafterInitials.normalize('NFC'));
      if (dto.archiveCopies !== undefined) set('archive_copies', dto.archiveCopies);
      if (dto.corrects !== undefined || dto.replaces !== undefined) {
        await this.checkLinks(m, user, { type: dto.type ?? doc.type, corrects: dto.corrects, replaces: dto.replaces });
        if (dto.corrects !== undefined) set('corrects_id', dto.corrects);
        if (dto.replaces !== undefined) set('replaces_id', dto.replaces);
      }
      const signerChanged = dto.signerId !== undefined && dto.signerId !== doc.signer_id;
      if ([dto.signerId, dto.signerPositionId, dto.type, dto.field, dto.collective].some((v) => v !== undefined)) {
        // Who signs, in which position and for what: checked again, and the block follows.
        const signerId = dto.signerId ?? doc.signer_id;
        const signing = await this.signers.checkDraftSigner(m, {
          agencyId: doc.issuer_agency_id,
          signerId,
          positionId: dto.signerPositionId ?? (signerChanged ? null : doc.signer_position_id),
          type: dto.type?.normalize('NFC') ?? doc.type,
          field: dto.field ?? doc.field,
          collective: dto.collective ?? (dto.type !== undefined ? undefined : doc.collective),
        });
        set('signer_id', signerId);
        set('signer_position_id', signing.positionId);
        set('collective', signing.collective);
        set('signature_block', JSON.stringify(signing.block));
        set('participant_ids', distinct([...doc.participant_ids, signerId]));
      }
      if (dto.addressees !== undefined || dto.copiesTo !== undefined) {
        const current = (await m.query(
          `SELECT recipient_id, role, note FROM document_recipients WHERE document_id = $1 ORDER BY role, position`,
          [id],
        )) as Array<{ recipient_id: string; role: string; note: string | null }>;
        const addressees = dto.addressees ?? current.filter((r) => r.role === 'addressee').map((r) => r.recipient_id);
        const copies =
          dto.copiesTo ??
          current.filter((r) => r.role === 'copy').map((r) => ({ recipientId: r.recipient_id, note: r.note ?? undefined }));
        const recipients = await this.checkRecipients(m, addressees, copies);
        await m.query(`DELETE FROM document_recipients WHERE document_id = $1`, [id]);
        await this.writeRecipients(m, id, recipients);
      }
      params.push(id);
      await m.query(
        `UPDATE documents SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $${params.length}`,
        params,
      );
      await this.audit.recordAtStep(m, user, meta, { ...doc, subject: dto.subject?.normalize('NFC').trim() ?? doc.subject }, 'edit');
    });
    return this.get(user, id);
  }

  async get(user: CurrentUser, id: string, m: EntityManager = this.db.manager): Promise<DocumentResponse> {
    const [row] = (await m.query(DOCUMENT_DETAIL_SQL, [id])) as DocumentDetailRow[];
    if (!row || !canSeeDocument(user, row)) {
      throw new NotFoundError('document', id);
    }
    return toDocumentResponse(row, this.routes.get(row.route_id, row.route_version), user, this.clock.now());
  }

  /**
   * The boxes. `inbox`: what waits for the caller's action, most urgent first, then longest waiting.
   * `mine`: drafted by the caller, newest first. `all`: every document the caller may see, newest first.
   * Keyset pagination: stable while documents are added.
   */
  async list(user: CurrentUser, q: ListDocumentsQuery) {
    const box = q.box ?? 'inbox';
    const limit = q.limit ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    const inbox = box === 'inbox';
    // The inbox reads document_inbox (one row per assignee and waiting document, kept by a trigger) in its key order:
    // a page is an index range scan however many documents wait.
    if (box === 'all') where.push(visibleSql(user, params));
    else {
      params.push(user.id);
      where.push(inbox ? `i.user_id = $1` : box === 'mine' ? `d.drafter_id = $1` : DONE_SQL);
    }
    if (q.state) {
      params.push(q.state);
      where.push(`d.state = $${params.length}`);
    }
    const sortKey = inbox ? ['i.urgency_rank', 'i.step_since', 'i.document_id'] : ['d.created_at', 'd.id'];
    if (q.cursor) {
      // [rank (inbox), time to the microsecond, id], as the previous page wrote it (cursor_key below).
      const key = decodeCursor(q.cursor, sortKey.length, (k) =>
        k.every((x) => typeof x === 'string') &&
        (!inbox || /^[0-3]$/.test(k[0] as string)) &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(k[k.length - 2] as string) &&
        UUID.test(k[k.length - 1] as string),
      );
      const placeholders = key.map((k) => {
        params.push(k);
        return `$${params.length}`;
      });
      const op = inbox ? '>' : '<';
      where.push(`(${sortKey.join(', ')}) ${op} (${placeholders.map((p, i) => (i === 0 && inbox ? `${p}::smallint` : i < sortKey.length - 1 ? `${p}::timestamptz` : `${p}::uuid`)).join(', ')})`);
    }
    params.push(limit + 1);
    const order = inbox ? `i.urgency_rank ASC, i.step_since ASC, i.document_id ASC` : `d.created_at DESC, d.id DESC`;
    const rows = (await this.db.query(
      `SELECT ${DOCUMENT_COLUMNS},
              ARRAY[${sortKey.map((k) => (k.endsWith('_since') || k.endsWith('_at') ? `to_char(${k} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `${k}::text`)).join(', ')}] AS cursor_key
         FROM ${inbox ? 'document_inbox i JOIN documents d ON d.id = i.document_id' : 'documents d'} ${DOCUMENT_JOINS}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT $${params.length}`,
      params,
    )) as Array<DocumentRow & { cursor_key: string[] }>;
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last.cursor_key) : null;
    return {
      items: page.map((r) => toDocumentSummary(r, this.routes.get(r.route_id, r.route_version), user)),
      nextCursor,
    };
  }

  /** How many documents each box holds for the caller: the web app's counters. */
  async counts(user: CurrentUser): Promise<{ inbox: number; done: number; mine: number }> {
    const [row] = (await this.db.query(
      `SELECT (SELECT count(*)::int FROM document_inbox i WHERE i.user_id = $1) AS inbox,
              (SELECT count(*)::int FROM documents d WHERE ${DONE_SQL}) AS done,
              (SELECT count(*)::int FROM documents d WHERE d.drafter_id = $1) AS mine`,
      [user.id],
    )) as Array<{ inbox: number; done: number; mine: number }>;
    return row;
  }

  /**
   * The document page for a person. Reading a confidential document is itself an audit entry.
   */
  async read(user: CurrentUser, id: string, meta: RequestMeta, action = 'read'): Promise<DocumentResponse> {
    const doc = await this.get(user, id);
    if (doc.confidentiality !== 'normal') {
      await this.db.transaction((m) =>
        this.audit.record(m, user, meta, {
          action,
          documentId: id,
          numberSymbol: doc.numberSymbol,
          subject: doc.subject,
          fromState: doc.state,
          toState: doc.state,
          fromStep: doc.step.id,
          toStep: doc.step.id,
        }),
      );
    }
    return doc;
  }

  async history(user: CurrentUser, id: string, meta: RequestMeta) {
    await this.read(user, id, meta, 'read-history'); // 404 unless visible; audited when confidential
    const rows = (await this.db.query(
      `SELECT id, at, action, actor_id, actor_name, actor_position, from_state, to_state, from_step, to_step, comment, number_symbol,
              on_behalf_of_id, on_behalf_of_name
         FROM audit_entries WHERE document_id = $1 ORDER BY id ASC`,
      [id],
    )) as Array<Record<string, string | null>>;
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      action: r.action,
      actor: { id: r.actor_id, fullName: r.actor_name, position: r.actor_position },
      /** Set when a deputy acted for the person the step waited for. */
      onBehalfOf: r.on_behalf_of_id ? { id: r.on_behalf_of_id, fullName: r.on_behalf_of_name } : null,
      fromState: r.from_state,
      toState: r.to_state,
      step: r.to_step,
      fromStep: r.from_step,
      comment: r.comment,
      numberSymbol: r.number_symbol,
    }));
  }

  /**
   * After issue, a content error needs a replacing document of the same type; a format or procedure error is
   * corrected by a công văn (đính chính). Either points at an issued document of the same agency.
   */
  private async checkLinks(m: EntityManager, user: CurrentUser, dto: { type: string; corrects?: string; replaces?: string }) {
    for (const field of ['corrects', 'replaces'] as const) {
      const target = dto[field];
      if (!target) continue;
      const [doc] = (await m.query(
        `SELECT type, number, issuer_agency_id, confidentiality, participant_ids FROM documents WHERE id = $1`,
        [target],
      )) as Array<VisibilityFacts & { type: string; number: number | null }>;
      if (!doc || !canSeeDocument(user, doc)) throw new InvalidInputError([{ field, reason: 'is not a document you may see' }]);
      if (doc.number === null) throw new InvalidInputError([{ field, reason: 'is not issued yet: only an issued document is corrected or replaced' }]);
      if (doc.issuer_agency_id !== user.agencyId) throw new InvalidInputError([{ field, reason: 'was issued by another agency' }]);
      if (field === 'corrects' && dto.type.normalize('NFC') !== 'CV') {
        throw new InvalidInputError([{ field: 'type', reason: 'a correction (đính chính) is made by a công văn (CV)' }]);
      }
      if (field === 'replaces' && dto.type.normalize('NFC') !== doc.type) {
        throw new InvalidInputError([{ field: 'type', reason: `a replacement is a document of the same type (${doc.type})` }]);
      }
    }
  }

  private async checkRecipients(
    m: EntityManager,
    addressees: string[],
    copies: CopyRecipientDto[],
  ): Promise<Array<{ recipientId: string; role: 'addressee' | 'copy'; note: string | null; position: number }>> {
    const all = [
      ...addressees.map((recipientId, i) => ({ recipientId, role: 'addressee' as const, note: null, position: i })),
      ...copies.map((c, i) => ({
        recipientId: c.recipientId,
        role: 'copy' as const,
        note: c.note?.normalize('NFC').trim() || null,
        position: i,
      })),
    ];
    const ids = all.map((r) => r.recipientId);
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) {
      throw new InvalidInputError([{ field: 'copiesTo', reason: `recipient ${dup} is listed more than once` }]);
    }
    const found = (await m.query(prepared(`SELECT id FROM recipients WHERE id = ANY($1::uuid[])`), [ids])) as Array<{ id: string }>;
    const known = new Set(found.map((r) => r.id));
    const missing = addressees.findIndex((x) => !known.has(x));
    if (missing >= 0) throw new InvalidInputError([{ field: `addressees.${missing}`, reason: 'is not a known recipient' }]);
    const missingCopy = copies.findIndex((c) => !known.has(c.recipientId));
    if (missingCopy >= 0) {
      throw new InvalidInputError([{ field: `copiesTo.${missingCopy}.recipientId`, reason: 'is not a known recipient' }]);
    }
    return all;
  }

  private async writeRecipients(
    m: EntityManager,
    documentId: string,
    recipients: Array<{ recipientId: string; role: string; note: string | null; position: number }>,
  ): Promise<void> {
    if (recipients.length === 0) return;
    await m.query(
      prepared(`INSERT INTO document_recipients (document_id, recipient_id, role, note, position)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[])`),
      [
        documentId,
        recipients.map((r) => r.recipientId),
        recipients.map((r) => r.role),
        recipients.map((r) => r.note),
        recipients.map((r) => r.position),
      ],
    );
  }
}
