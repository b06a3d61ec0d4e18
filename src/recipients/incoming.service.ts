import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { AuditService, type AuditActor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { formatNumber } from '../registers/build-symbol.js';
import { vietnamDate } from '../registers/format-date-line.js';
import { DeliveriesService, type StatusSource } from './deliveries.service.js';
import { buildStatus, edxmlTimestamp, parseEdxml, EdxmlError, type EdxmlPackage, type EdxmlStatus } from './edxml.js';
import { organIdOf } from './outgoing-package.js';
import { OutboxKick } from './outbox-kick.js';
import { incomingActions, type IncomingAction } from './incoming-actions.js';
import { isReceiptCode, isRecallAnswerCode, RECALL_REQUEST_CODE, STATUS_NAMES } from './status-codes.js';

/** Who receives on behalf of the system in the audit trail. */
export const EXCHANGE_ACTOR: AuditActor = { id: null, fullName: 'Hệ thống', positionTitle: 'Văn thư điện tử' };

export interface IncomingRow {
  id: string;
  agency_id: string;
  delivery_id: string | null;
  source: 'internal' | 'edxml';
  edxml_document_id: string;
  sender_organ_id: string | null;
  sender_name: string;
  code_number: string;
  code_notation: string;
  promulgation_date: string;
  place: string | null;
  type_name: string;
  subject: string;
  content: string | null;
  signer: { competence: string; position: string; fullName: string };
  to_places: string[];
  priority: number;
  due_date: string | null;
  status: string;
  status_at: Date;
  status_reason: string | null;
  arrival_year: number | null;
  arrival_number: number | null;
  registered_at: Date | null;
  lead_unit_id: string | null;
  coordinating_unit_ids: string[];
  handling_deadline: string | null;
  assigned_at: Date | null;
  recall_status: string | null;
  recall_reason: string | null;
  recall_at: Date | null;
  recall_answer_reason: string | null;
  removed_at: Date | null;
  received_at: Date;
}

const INCOMING_COLUMNS = `i.id, i.agency_id, i.delivery_id, i.source, i.edxml_document_id, i.sender_organ_id, i.sender_name, i.code_number,
  i.code_notation, to_char(i.promulgation_date, 'YYYY-MM-DD') AS promulgation_date, i.place, i.type_name, i.subject, i.content,
  i.signer, i.to_places, i.priority, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.status, i.status_at, i.status_reason,
  i.arrival_year, i.arrival_number, i.registered_at, i.lead_unit_id, i.coordinating_unit_ids,
  to_char(i.handling_deadline, 'YYYY-MM-DD') AS handling_deadline, i.assigned_at, i.recall_status, i.recall_reason, i.recall_at,
  i.recall_answer_reason, i.removed_at, i.received_at`;

/** The leaders of an agency: holders of its head and deputy-head positions; they assign incoming documents. */
const IS_LEADER_SQL = `EXISTS (SELECT 1 FROM position_holders h JOIN positions p ON p.id = h.position_id
   WHERE h.user_id = $1 AND p.agency_id = $2 AND p.role IN ('head', 'deputy'))`;

/**
 * The incoming desk (văn bản đến) of an agency: documents delivered by agencies of this system or imported from edXML
 * packages; the clerk registers each with its arrival number (số đến, consecutive per year per receiving agency) or
 * refuses it; a leader assigns it (lead unit, coordinating units, deadline: the phiếu giải quyết); the lead unit
 * reports it in progress and completed. Each step sends the matching status code back to the sender: straight onto
 * the sender's delivery when it works in this system, as an edXML status message through the outbox otherwise.
 */
@Injectable()
export class IncomingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly deliveries: DeliveriesService,
    private readonly clock: Clock,
    private readonly kick: OutboxKick,
  ) {}

  /**
   * A package arrives at `agencyId`'s desk (status 01, sent back), inside the caller's transaction. Returns the new
   * incoming document's id, or null when this agency already holds the same document (DocumentId).
   */
  async receive(
    m: EntityManager,
    agencyId: string,
    pkg: EdxmlPackage,
    via: { source: 'internal'; deliveryId: string } | { source: 'edxml' },
    actor: AuditActor,
    meta: RequestMeta,
  ): Promise<string | null> {
    const now = this.clock.now();
    const [row] = (await m.query(
      `INSERT INTO incoming_documents (agency_id, delivery_id, source, edxml_document_id, sender_organ_id, sender_name, code_number,
         code_notation, promulgation_date, place, type_name, subject, content, signer, to_places, priority, due_date, status, status_at,
         received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_date($9, 'YYYY/MM/DD'), $10, $11, $12, $13, $14, $15, $16, to_date($17, 'YYYY/MM/DD'),
               '01', $18, $18)
       ON CONFLICT ON CONSTRAINT "UQ_incoming_document_id" DO NOTHING
       RETURNING id`,
      [
        agencyId,
        via.source === 'internal' ? via.deliveryId : null,
        via.source,
        pkg.documentId,
        pkg.from.organId,
        pkg.from.organName,
        pkg.codeNumber,
        pkg.codeNotation,
        pkg.promulgationDate,
        pkg.place || null,
        pkg.typeName,
        pkg.subject.normalize('NFC'),
        pkg.content?.normalize('NFC') ?? null,
        JSON.stringify(pkg.signer),
        pkg.toPlaces,
        pkg.priority,
        pkg.dueDate ?? null,
        now,
      ],
    )) as Array<{ id: string }>;
    if (!row) return null;
    for (const [i, a] of pkg.attachments.entries()) {
      await m.query(
        `INSERT INTO incoming_attachments (incoming_id, position, name, content_type, description, content) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.id, i, a.name.normalize('NFC'), a.contentType, a.description ?? null, a.content],
      );
    }
    const [incoming] = await this.rows(m, `i.id = $1`, [row.id]);
    await this.audit.record(m, actor, meta, {
      action: 'receive',
      documentId: incoming.id,
      subject: incoming.subject,
      numberSymbol: numberSymbolOf(incoming),
      toState: '01',
      comment: `${incoming.sender_name}${via.source === 'edxml' ? ' (edXML)' : ''}`,
    });
    await this.sendStatus(m, incoming, '01', null, actor, meta);
    return incoming.id;
  }

  /** A recall (13) reaches the desk that holds the delivered copy, inside the caller's transaction. */
  async recallRequested(m: EntityManager, incomingId: string, reason: string | null, actor: AuditActor, meta: RequestMeta): Promise<void> {
    const [incoming] = await this.rows(m, `i.id = $1`, [incomingId], true);
    if (!incoming || incoming.recall_status === RECALL_REQUEST_CODE) return;
    await m.query(`UPDATE incoming_documents SET recall_status = '13', recall_reason = $2, recall_at = $3, recall_answer_reason = NULL WHERE id = $1`, [
      incomingId,
      reason,
      this.clock.now(),
    ]);
    await this.audit.record(m, actor, meta, {
      action: 'recall-request',
      documentId: incomingId,
      subject: incoming.subject,
      numberSymbol: numberSymbolOf(incoming),
      comment: `${incoming.sender_name}${reason ? `: ${reason}` : ''}`,
    });
  }

  /** The incoming document delivered through `deliveryId`, if it reached a desk. */
  async byDelivery(m: EntityManager, deliveryId: string): Promise<string | null> {
    const [row] = (await m.query(`SELECT id FROM incoming_documents WHERE delivery_id = $1`, [deliveryId])) as Array<{ id: string }>;
    return row?.id ?? null;
  }

  async list(user: CurrentUser, q: { status?: string; recall?: boolean }) {
    const params: unknown[] = [user.id, user.agencyId];
    const where = [`i.agency_id = $2`, `i.removed_at IS NULL`, this.visibleSql(user)];
    if (q.status) {
      params.push(q.status);
      where.push(`i.status = $${params.length}`);
    }
    if (q.recall) where.push(`i.recall_status = '13'`);
    const rows = await this.rows(this.db.manager, where.join(' AND '), params, false, 'ORDER BY i.received_at DESC, i.id LIMIT 500');
    const leader = await this.isLeader(this.db.manager, user);
    return rows.map((r) => this.toResponse(r, user, leader));
  }

  async get(user: CurrentUser, id: string) {
    const [row] = await this.rows(this.db.manager, `i.id = $3 AND i.agency_id = $2 AND i.removed_at IS NULL AND ${this.visibleSql(user)}`, [
      user.id,
      user.agencyId,
      id,
    ]);
    if (!row) throw new NotFoundError('incoming document', id);
    const attachments = (await this.db.query(
      `SELECT id, name, content_type AS "contentType", description, octet_length(content) AS size FROM incoming_attachments
        WHERE incoming_id = $1 ORDER BY position`,
      [id],
    )) as unknown[];
    return { ...this.toResponse(row, user, await this.isLeader(this.db.manager, user)), attachments };
  }

  async attachment(user: CurrentUser, id: string, attachmentId: string) {
    await this.get(user, id);
    const [a] = (await this.db.query(
      `SELECT name, content_type, content FROM incoming_attachments WHERE id = $1 AND incoming_id = $2`,
      [attachmentId, id],
    )) as Array<{ name: string; content_type: string; content: Buffer }>;
    if (!a) throw new NotFoundError('attachment', attachmentId);
    return a;
  }

  /** The clerk registers the document: the next arrival number of the year, status 03. */
  register(user: CurrentUser, id: string, meta: RequestMeta) {
    return this.act(user, id, 'register', meta, async (m, row, now) => {
      const year = vietnamDate(now).year;
      const [{ last_number }] = (await m.query(
        `INSERT INTO arrival_series (agency_id, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (agency_id, year) DO UPDATE SET last_number = arrival_series.last_number + 1 RETURNING last_number`,
        [row.agency_id, year],
      )) as Array<{ last_number: number }>;
      await m.query(
        `UPDATE incoming_documents SET arrival_year = $2, arrival_number = $3, registered_at = $4, registered_by = $5 WHERE id = $1`,
        [row.id, year, last_number, now, user.id],
      );
      return { code: '03', reason: null, comment: `Số đến ${formatNumber(last_number)}/${year}` };
    });
  }

  /** The clerk refuses the document (02), with a reason, before registering it. */
  refuse(user: CurrentUser, id: string, reason: string, meta: RequestMeta) {
    return this.act(user, id, 'refuse', meta, async () => ({ code: '02', reason, comment: reason }));
  }

  /**
   * A leader assigns the document: lead unit, coordinating units, deadline (04). The tasks it gives the agency and
   * that no unit holds yet go to the lead unit.
   */
  assign(user: CurrentUser, id: string, a: { leadUnitId: string; coordinatingUnitIds?: string[]; deadline?: string }, meta: RequestMeta) {
    return this.act(user, id, 'assign', meta, async (m, row, now) => {
      const unitIds = [a.leadUnitId, ...(a.coordinatingUnitIds ?? [])];
      const found = (await m.query(`SELECT id, name FROM units WHERE agency_id = $1 AND id = ANY($2::uuid[])`, [row.agency_id, unitIds])) as Array<{
        id: string; name: string;
      }>;
      const missing = unitIds.findIndex((u) => !found.some((f) => f.id === u));
      if (missing >= 0) {
        throw new InvalidInputError([
          { field: missing === 0 ? 'leadUnitId' : `coordinatingUnitIds.${missing - 1}`, reason: 'is not a unit of the receiving agency' },
        ]);
      }
      if ((a.coordinatingUnitIds ?? []).includes(a.leadUnitId)) {
        throw new InvalidInputError([{ field: 'coordinatingUnitIds', reason: 'must not include the lead unit' }]);
      }
      const today = vietnamDate(now);
      if (a.deadline && a.deadline < `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`) {
        throw new InvalidInputError([{ field: 'deadline', reason: 'is already past' }]);
      }
      await m.query(
        `UPDATE incoming_documents SET lead_unit_id = $2, coordinating_unit_ids = $3, handling_deadline = $4, assigned_by = $5, assigned_at = $6
          WHERE id = $1`,
        [row.id, a.leadUnitId, a.coordinatingUnitIds ?? [], a.deadline ?? null, user.id, now],
      );
      // The tasks the document gives this agency (document-tasks/) go to the lead unit too, unless one was chosen.
      if (row.delivery_id) {
        await m.query(
          `UPDATE task_assignments a SET unit_id = $3, version = version + 1
             FROM deliveries dl WHERE dl.id = $1 AND a.document_id = dl.document_id AND a.agency_id = $2 AND a.unit_id IS NULL`,
          [row.delivery_id, row.agency_id, a.leadUnitId],
        );
      }
      const lead = found.find((f) => f.id === a.leadUnitId)!.name;
      return { code: '04', reason: null, comment: `Chủ trì: ${lead}${a.deadline ? `; hạn ${a.deadline}` : ''}` };
    });
  }

  /** The lead unit reports the document in progress (05). */
  progress(user: CurrentUser, id: string, comment: string | null, meta: RequestMeta) {
    return this.act(user, id, 'progress', meta, async () => ({ code: '05', reason: null, comment }));
  }

  /** The lead unit reports the document completed (06). */
  complete(user: CurrentUser, id: string, comment: string | null, meta: RequestMeta) {
    return this.act(user, id, 'complete', meta, async () => ({ code: '06', reason: null, comment }));
  }

  /** The clerk answers a recall: 15 agreed (the copy leaves the desk) or 16 refused, with a reason. */
  answerRecall(user: CurrentUser, id: string, agree: boolean, reason: string | null, meta: RequestMeta) {
    return this.act(user, id, 'answer-recall', meta, async (m, row, now) => {
      const code = agree ? '15' : '16';
      await m.query(
        `UPDATE incoming_documents SET recall_status = $2, recall_answer_reason = $3, removed_at = CASE WHEN $2 = '15' THEN $4::timestamptz END
          WHERE id = $1`,
        [row.id, code, reason, now],
      );
      return { code, reason, comment: reason };
    });
  }

  /**
   * An edXML message brought to the desk by its clerk (from the axis, a hub, or a file): a package addressed to the
   * clerk's agency becomes an incoming document (a recall package marks the copy already received); a status message
   * about one of the agency's own documents moves that recipient's delivery.
   */
  async importMessage(user: CurrentUser, xml: string, meta: RequestMeta) {
    if (!user.roles.includes('clerk')) throw new ForbiddenError('NOT_CLERK', 'Only a clerk (văn thư) imports edXML messages');
    let message;
    try {
      message = parseEdxml(xml);
    } catch (err) {
      if (err instanceof EdxmlError) throw new InvalidInputError([{ field: `edXML.${err.field}`, reason: err.reason }]);
      throw err;
    }
    const [agency] = (await this.db.query(`SELECT id, code, organ_id FROM agencies WHERE id = $1`, [user.agencyId])) as Array<{
      id: string; code: string; organ_id: string | null;
    }>;
    const ourId = organIdOf({ organId: agency.organ_id, code: agency.code });
    if (message.kind === 'status') {
      const result = await this.db.transaction((m) => this.applyStatusMessage(m, user, ourId, message.status, meta));
      return { kind: 'status' as const, ...result, delivery: await this.deliveries.deliveryView(result.deliveryId) };
    }
    const pkg = message.package;
    if (!pkg.to.some((t) => t.organId === ourId)) {
      throw new InvalidInputError([{ field: 'edXML.To', reason: `is not addressed to this agency (${ourId})` }]);
    }
    if (pkg.business.type === 1) {
      const id = await this.db.transaction(async (m) => {
        const [row] = (await m.query(`SELECT id FROM incoming_documents WHERE agency_id = $1 AND edxml_document_id = $2`, [
          user.agencyId,
          pkg.documentId,
        ])) as Array<{ id: string }>;
        if (!row) throw new NotFoundError('incoming document', pkg.documentId);
        await this.recallRequested(m, row.id, pkg.business.reason ?? null, user, meta);
        return row.id;
      });
      return { kind: 'recall' as const, incoming: await this.get(user, id) };
    }
    if (pkg.business.type !== 0) {
      throw new InvalidInputError([{ field: 'edXML.Bussiness.BussinessDocType', reason: `${pkg.business.type} (update, replace) is not supported yet` }]);
    }
    const id = await this.db.transaction(async (m) => {
      const created = await this.receive(m, user.agencyId, pkg, { source: 'edxml' }, user, meta);
      if (!created) {
        throw new ConflictError('ALREADY_RECEIVED', `This agency already received ${pkg.documentId}`, { documentId: pkg.documentId });
      }
      return created;
    });
    this.kick.now();
    return { kind: 'package' as const, incoming: await this.get(user, id) };
  }

  /** A status message about a document this agency issued: the recipient that sent it moves its delivery. */
  private async applyStatusMessage(m: EntityManager, user: CurrentUser, ourId: string, s: EdxmlStatus, meta: RequestMeta) {
    if (s.responseFor.organId !== ourId) {
      throw new InvalidInputError([{ field: 'edXML.ResponseFor.OrganId', reason: `is not this agency (${ourId})` }]);
    }
    const slash = s.responseFor.code.indexOf('/');
    const number = Number(s.responseFor.code.slice(0, slash));
    const symbol = s.responseFor.code.slice(slash + 1);
    const year = Number(s.responseFor.promulgationDate.slice(0, 4));
    const [dl] = (await m.query(
      `SELECT dl.id FROM deliveries dl JOIN documents d ON d.id = dl.document_id JOIN recipients r ON r.id = dl.recipient_id
        WHERE d.issuer_agency_id = $1 AND d.number = $2 AND d.symbol = $3 AND d.issued_year = $4 AND r.organ_id = $5`,
      [user.agencyId, number, symbol, year, s.from.organId],
    )) as Array<{ id: string }>;
    if (slash < 0 || !Number.isInteger(number) || !dl) {
      throw new NotFoundError('delivery', `${s.responseFor.code} → ${s.from.organId}`);
    }
    const reason = s.description?.normalize('NFC').trim() || null;
    const source: StatusSource = 'edxml';
    const byWhom: AuditActor = { id: user.id, fullName: user.fullName, positionTitle: `${user.positionTitle} (edXML: ${s.from.organName})` };
    let applied: boolean;
    if (isReceiptCode(s.statusCode)) {
      DeliveriesService.requireReason(s.statusCode, reason, 'edXML.Description');
      applied = await this.deliveries.applyReceipt(m, { deliveryId: dl.id, code: s.statusCode, reason, source, actor: byWhom, meta });
    } else if (isRecallAnswerCode(s.statusCode)) {
      DeliveriesService.requireReason(s.statusCode, reason, 'edXML.Description');
      applied = await this.deliveries.applyRecallAnswer(m, { deliveryId: dl.id, code: s.statusCode, reason, source, actor: byWhom, meta });
    } else {
      throw new InvalidInputError([{ field: 'edXML.StatusCode', reason: `${s.statusCode} is not an answer a recipient sends` }]);
    }
    return { deliveryId: dl.id, statusCode: s.statusCode, applied };
  }

  /**
   * One step of the desk, in one transaction: lock the incoming document, check the step is open to the user now
   * (incoming-actions.ts; 409 with the current status and the allowed steps), apply it, send the status back, audit.
   */
  private async act(
    user: CurrentUser,
    id: string,
    action: IncomingAction,
    meta: RequestMeta,
    apply: (m: EntityManager, row: IncomingRow, now: Date) => Promise<{ code: string; reason: string | null; comment: string | null }>,
  ) {
    let sendsOut = false;
    await this.db.transaction(async (m) => {
      const [row] = await this.rows(m, `i.id = $3 AND i.agency_id = $2 AND i.removed_at IS NULL AND ${this.visibleSql(user)}`, [user.id, user.agencyId, id], true);
      if (!row) throw new NotFoundError('incoming document', id);
      const leader = await this.isLeader(m, user);
      const allowed = incomingActions(row, user, leader);
      if (!allowed.includes(action)) {
        const possible = incomingActions(row, { ...user, roles: ['clerk'], unitId: row.lead_unit_id }, true);
        if (possible.includes(action)) {
          throw new ForbiddenError('NOT_ALLOWED', `You may not "${action}" this incoming document`, { status: row.status, allowedActions: allowed });
        }
        throw new ConflictError('ACTION_NOT_ALLOWED', `"${action}" is not possible now: the document is at status ${row.status} (${STATUS_NAMES[row.status]})`, {
          status: row.status,
          recallStatus: row.recall_status,
          allowedActions: allowed,
        });
      }
      const now = this.clock.now();
      const { code, reason, comment } = await apply(m, row, now);
      if (isReceiptCode(code)) {
        await m.query(`UPDATE incoming_documents SET status = $2, status_at = $3, status_reason = $4 WHERE id = $1`, [row.id, code, now, reason]);
      }
      await this.audit.record(m, user, meta, {
        action: `incoming-${action}`,
        documentId: row.id,
        subject: row.subject,
        numberSymbol: numberSymbolOf(row),
        fromState: row.status,
        toState: isReceiptCode(code) ? code : row.status,
        comment,
      });
      sendsOut = await this.sendStatus(m, row, code, reason, user, meta);
    });
    if (sendsOut) this.kick.now();
    return this.get(user, id).catch((err) => {
      // An agreed recall removes the copy from the desk: what is left to show is the answer.
      if (action === 'answer-recall' && err instanceof NotFoundError) return { id, removed: true, recallStatus: '15' };
      throw err;
    });
  }

  /**
   * Sends `code` back to the sender: onto its delivery when it works in this system, else as an edXML status message
   * through the outbox. Returns true when the outbox got a message.
   */
  private async sendStatus(m: EntityManager, row: IncomingRow, code: string, reason: string | null, actor: AuditActor, meta: RequestMeta): Promise<boolean> {
    if (row.source === 'internal' && row.delivery_id) {
      const report = { deliveryId: row.delivery_id, reason, source: 'system' as const, actor, meta };
      if (isReceiptCode(code)) await this.deliveries.applyReceipt(m, { ...report, code });
      else if (isRecallAnswerCode(code)) await this.deliveries.applyRecallAnswer(m, { ...report, code });
      return false;
    }
    const [agency] = (await m.query(`SELECT code, name, organ_id FROM agencies WHERE id = $1`, [row.agency_id])) as Array<{
      code: string; name: string; organ_id: string | null;
    }>;
    const now = this.clock.now();
    const body = buildStatus({
      responseFor: {
        organId: row.sender_organ_id ?? '',
        code: `${row.code_number}/${row.code_notation}`,
        promulgationDate: row.promulgation_date.replaceAll('-', '/'),
        documentId: row.edxml_document_id,
      },
      from: { organId: organIdOf({ organId: agency.organ_id, code: agency.code }), organName: agency.name },
      statusCode: code,
      description: reason,
      timestamp: edxmlTimestamp(now),
      staff: actor.id ? { name: actor.fullName, department: actor.positionTitle } : null,
    });
    await m.query(`INSERT INTO outbox (kind, incoming_id, body) VALUES ('status', $1, $2)`, [row.id, body]);
    return true;
  }

  private async isLeader(m: EntityManager, user: CurrentUser): Promise<boolean> {
    const [{ leader }] = (await m.query(`SELECT ${IS_LEADER_SQL} AS leader`, [user.id, user.agencyId])) as Array<{ leader: boolean }>;
    return leader;
  }

  /**
   * Who sees an incoming document of their agency: the clerks and the leaders all of them; others those their unit
   * leads or coordinates. Uses `$1` (the user) and `$2` (the agency).
   */
  private visibleSql(user: CurrentUser): string {
    if (user.roles.includes('clerk')) return '$1::uuid IS NOT NULL';
    return `(${IS_LEADER_SQL} OR EXISTS (SELECT 1 FROM users u WHERE u.id = $1
              AND (u.unit_id = i.lead_unit_id OR u.unit_id = ANY(i.coordinating_unit_ids))))`;
  }

  private async rows(m: EntityManager, where: string, params: unknown[], lock = false, tail = ''): Promise<IncomingRow[]> {
    return (await m.query(`SELECT ${INCOMING_COLUMNS} FROM incoming_documents i WHERE ${where} ${tail} ${lock ? 'FOR UPDATE OF i' : ''}`, params)) as IncomingRow[];
  }

  private toResponse(r: IncomingRow, user: CurrentUser, leader: boolean) {
    return {
      id: r.id,
      source: r.source,
      documentId: r.edxml_document_id,
      sender: { organId: r.sender_organ_id, name: r.sender_name },
      numberSymbol: numberSymbolOf(r),
      promulgationDate: r.promulgation_date,
      place: r.place,
      typeName: r.type_name,
      subject: r.subject,
      content: r.content,
      signer: r.signer,
      toPlaces: r.to_places,
      priority: r.priority,
      dueDate: r.due_date,
      status: { code: r.status, name: STATUS_NAMES[r.status], at: r.status_at, reason: r.status_reason },
      arrival: r.arrival_number === null ? null : { number: formatNumber(r.arrival_number), year: r.arrival_year, registeredAt: r.registered_at },
      assignment: r.lead_unit_id
        ? { leadUnitId: r.lead_unit_id, coordinatingUnitIds: r.coordinating_unit_ids, deadline: r.handling_deadline, assignedAt: r.assigned_at }
        : null,
      recall: r.recall_status ? { status: r.recall_status, name: STATUS_NAMES[r.recall_status], reason: r.recall_reason, at: r.recall_at, answerReason: r.recall_answer_reason } : null,
      receivedAt: r.received_at,
      availableActions: incomingActions(r, user, leader),
    };
  }
}

function numberSymbolOf(r: Pick<IncomingRow, 'code_number' | 'code_notation'>): string {
  return `${r.code_number}/${r.code_notation}`;
}
