import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, type FieldProblem } from '../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { canSeeDocument, type VisibilityFacts } from '../documents/visibility.js';
import { attachmentName } from '../documents/attachment-name.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';
import { parseDeadline, type Deadline } from './task-deadline.js';
import { matchRecipients, readTaskTable, type DirectoryEntry, type TaskRow } from './task-table.js';
import { readTableFile } from './read-table-file.js';
import { countOutcomes, taskOutcome, type TaskOutcome } from './task-status.js';
import { reminderLetterText } from './reminder-letter.js';
import { DocumentsService } from '../documents/documents.service.js';
import { PdfWorkService } from '../signing/pdf-work.service.js';
import type { ReminderLetterDto, SetTasksDto, TaskFiguresQuery, TaskInputDto, TaskListQuery, TaskReportDto, TaskReviewDto } from './dto/task-table.dto.js';

interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

interface DocFacts extends VisibilityFacts {
  id: string;
  subject: string;
  state: string;
  step_id: string;
  drafter_id: string;
  signer_id: string | null;
  drafting_unit_id: string | null;
  number: number | null;
  symbol: string | null;
}

interface AssignmentRow {
  id: string;
  task_id: string;
  document_id: string;
  recipient_id: string;
  recipient_name: string;
  agency_id: string | null;
  unit_id: string | null;
  unit_name: string | null;
  status: 'assigned' | 'in-progress' | 'submitted' | 'done';
  progress: string | null;
  completed_at: Date | null;
  accepted_at: Date | null;
  version: number;
  ordinal: number;
  section: string | null;
  content: string;
  lead_text: string;
  coordinating_text: string;
  deadline_text: string;
  due_at: Date;
  due_has_time: boolean;
  product: string;
  doc_subject: string;
  doc_type: string;
  doc_number: number | null;
  doc_symbol: string | null;
  doc_issued_at: Date | null;
}

const ASSIGNMENT_SQL = `
  SELECT a.id, a.task_id, a.document_id, a.recipient_id, r.name AS recipient_name, a.agency_id, a.unit_id, un.name AS unit_name,
         a.status, a.progress, a.completed_at, a.accepted_at, a.version,
         t.ordinal, t.section, t.content, t.lead_text, t.coordinating_text, t.deadline_text, t.due_at, t.due_has_time, t.product,
         d.subject AS doc_subject, d.type AS doc_type, d.number AS doc_number, d.symbol AS doc_symbol, d.issued_at AS doc_issued_at
    FROM task_assignments a
    JOIN document_tasks t ON t.id = a.task_id
    JOIN documents d ON d.id = a.document_id
    JOIN recipients r ON r.id = a.recipient_id
    LEFT JOIN units un ON un.id = a.unit_id`;

/** Who in an agency leads it (head or deputy of one of its positions): they see and hand out all its tasks. */
const leaderSql = (user: string, agency: string) => `EXISTS (SELECT 1 FROM position_holders h JOIN positions p ON p.id = h.position_id
   WHERE h.user_id = ${user} AND p.agency_id = ${agency} AND p.role IN ('head', 'deputy'))`;

/**
 * Tasks assigned by documents (nhiệm vụ, seed 001's appendix): the table on a draft, set by its drafter (as JSON, or
 * imported from a CSV or .xlsx of the appendix); at issue one assignment per lead unit (a group stands for its
 * members), with its reminders (task-reminders.service.ts); the lead unit's reports — progress, or completion with
 * evidence files and the document that answers it — and the issuer's decision on a completion: accepted, or sent back
 * with a reason. Every change is an audit entry of the issuing document.
 */
@Injectable()
export class DocumentTasksService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentsService,
    private readonly pdfWork: PdfWorkService,
  ) {}

  // ---- the table on a document ----

  /** The tasks of a document the caller may see, with where each lead unit stands once issued. */
  async table(user: CurrentUser, documentId: string) {
    await this.visibleDocument(this.db.manager, user, documentId);
    const tasks = (await this.db.query(
      `SELECT t.id, t.ordinal, t.section, t.content, t.lead_text, t.lead_recipient_ids, t.coordinating_text, t.coordinating_recipient_ids,
              t.deadline_text, t.due_at, t.due_has_time, t.product, t.source_task_id
         FROM document_tasks t WHERE t.document_id = $1 ORDER BY t.ordinal`,
      [documentId],
    )) as Array<{
      id: string; ordinal: number; section: string | null; content: string; lead_text: string; lead_recipient_ids: string[];
      coordinating_text: string; coordinating_recipient_ids: string[]; deadline_text: string; due_at: Date; due_has_time: boolean; product: string;
      source_task_id: string | null;
    }>;
    const assignments = (await this.db.query(`${ASSIGNMENT_SQL} WHERE a.document_id = $1 ORDER BY t.ordinal, r.name`, [documentId])) as AssignmentRow[];
    const now = this.clock.now();
    return tasks.map((t) => ({
      id: t.id,
      ordinal: t.ordinal,
      section: t.section,
      content: t.content,
      leadIds: t.lead_recipient_ids,
      leadText: t.lead_text,
      coordinatingIds: t.coordinating_recipient_ids,
      coordinatingText: t.coordinating_text,
      deadline: t.deadline_text,
      dueAt: t.due_at,
      dueHasTime: t.due_has_time,
      product: t.product,
      sourceTaskId: t.source_task_id,
      assignments: assignments.filter((a) => a.task_id === t.id).map((a) => this.assignmentSummary(a, now)),
    }));
  }

  /** Replaces the table of a draft (its drafter, while drafting). */
  async setTable(user: CurrentUser, documentId: string, dto: SetTasksDto, meta: RequestMeta) {
    const directory = await this.directory();
    const rows = dto.tasks.map((t, i) => this.checkedTask(t, `tasks.${i}`, directory));
    const problems = rows.flatMap((r) => r.problems);
    if (problems.length > 0) throw new InvalidInputError(problems);
    await this.db.transaction(async (m) => {
      const doc = await this.lockDraft(m, user, documentId);
      await this.replaceTable(m, documentId, rows.map((r) => r.task));
      await this.changed(m, user, meta, doc, `${rows.length} nhiệm vụ`);
    });
    return this.table(user, documentId);
  }

  /**
   * Replaces the table of a draft with the one in an uploaded CSV or .xlsx of the appendix: units named in the
   * directory are linked, the text kept as written. Tasks whose lead unit names nobody in the directory are kept, and
   * listed in `unmatched`: the drafter picks their lead unit before issue.
   */
  async importTable(user: CurrentUser, documentId: string, file: UploadedFile | undefined, meta: RequestMeta) {
    if (!file || file.buffer.length === 0) throw new InvalidInputError([{ field: 'file', reason: 'send one non-empty CSV or .xlsx file as multipart/form-data field "file"' }]);
    const { tasks, problems } = readTaskTable(await readTableFile(file));
    if (problems.length > 0) throw new InvalidInputError(problems);
    const directory = await this.directory();
    const dtos: TaskInputDto[] = tasks.map((t: TaskRow) => ({
      section: t.section ?? undefined,
      content: t.content,
      leadIds: matchRecipients(t.lead, directory),
      leadText: t.lead,
      coordinatingIds: matchRecipients(t.coordinating, directory),
      coordinatingText: t.coordinating,
      deadline: t.deadline,
      product: t.product,
    }));
    const table = await this.setTable(user, documentId, { tasks: dtos }, meta);
    return { tasks: table, unmatched: table.filter((t) => t.leadIds.length === 0).map((t) => t.ordinal) };
  }

  /** The directory's entries, for matching names and checking ids. */
  private async directory(): Promise<DirectoryEntry[]> {
    return (await this.db.query(`SELECT id, name, short_name AS "shortName" FROM recipients`)) as DirectoryEntry[];
  }

  private checkedTask(t: TaskInputDto, field: string, directory: readonly DirectoryEntry[]): { task: CheckedTask; problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const known = new Map(directory.map((d) => [d.id, d]));
    const deadline = parseDeadline(t.deadline);
    if (!deadline) problems.push({ field: `${field}.deadline`, reason: 'is not a deadline that can be read (30/6/2025, 14h00 ngày 30/6/2025, tháng 6/2025, quý II/2025, 2025-06-30)' });
    (t.leadIds ?? []).forEach((id, j) => known.has(id) || problems.push({ field: `${field}.leadIds.${j}`, reason: 'is not a recipient of the directory' }));
    (t.coordinatingIds ?? []).forEach((id, j) => known.has(id) || problems.push({ field: `${field}.coordinatingIds.${j}`, reason: 'is not a recipient of the directory' }));
    const names = (ids: readonly string[]) => ids.map((id) => known.get(id)?.name ?? '').filter(Boolean).join(', ');
    const leadText = t.leadText?.trim() || names(t.leadIds);
    if (!leadText) problems.push({ field: `${field}.leadIds`, reason: 'name at least one lead unit (đơn vị chủ trì)' });
    return {
      task: {
        section: t.section?.trim() || null,
        content: t.content.trim(),
        leadIds: t.leadIds,
        leadText,
        coordinatingIds: t.coordinatingIds ?? [],
        coordinatingText: t.coordinatingText?.trim() || names(t.coordinatingIds ?? []),
        deadlineText: t.deadline.trim(),
        deadline: deadline ?? { dueAt: new Date(0), hasTime: false },
        product: t.product?.trim() ?? '',
        sourceTaskId: t.sourceTaskId ?? null,
      },
      problems,
    };
  }

  async replaceTable(m: EntityManager, documentId: string, tasks: CheckedTask[]): Promise<void> {
    await m.query(`DELETE FROM document_tasks WHERE document_id = $1`, [documentId]);
    if (tasks.length === 0) return;
    await m.query(
      `INSERT INTO document_tasks (document_id, ordinal, section, content, lead_text, lead_recipient_ids, coordinating_text,
                                   coordinating_recipient_ids, deadline_text, due_at, due_has_time, product, source_task_id)
       SELECT $1, x.ordinal, x.section, x.content, x.lead_text, ARRAY(SELECT jsonb_array_elements_text(x.lead_ids))::uuid[], x.coordinating_text,
              ARRAY(SELECT jsonb_array_elements_text(x.coordinating_ids))::uuid[], x.deadline_text, x.due_at, x.due_has_time, x.product,
              (SELECT s.id FROM document_tasks s WHERE s.id = x.source_task_id)
         FROM jsonb_to_recordset($2::jsonb) AS x(ordinal int, section text, content text, lead_text text, lead_ids jsonb, coordinating_text text,
                                                  coordinating_ids jsonb, deadline_text text, due_at timestamptz, due_has_time boolean, product text,
                                                  source_task_id uuid)`,
      [
        documentId,
        JSON.stringify(
          tasks.map((t, i) => ({
            ordinal: i + 1,
            section: t.section,
            content: t.content,
            lead_text: t.leadText,
            lead_ids: t.leadIds,
            coordinating_text: t.coordinatingText,
            coordinating_ids: t.coordinatingIds,
            deadline_text: t.deadlineText,
            due_at: t.deadline.dueAt.toISOString(),
            due_has_time: t.deadline.hasTime,
            product: t.product,
            source_task_id: t.sourceTaskId,
          })),
        ),
      ],
    );
  }

  private async lockDraft(m: EntityManager, user: CurrentUser, id: string): Promise<DocFacts> {
    const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1 FOR UPDATE OF d`, [id])) as DocFacts[];
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', id);
    if (doc.drafter_id !== user.id) throw new ForbiddenError('NOT_DRAFTER', 'Only the drafter of a document may change its tasks');
    if (doc.state !== 'drafting') {
      throw new ConflictError('NOT_EDITABLE', `Tasks can be changed only while drafting; the document is in ${doc.state}`, { state: doc.state, step: doc.step_id });
    }
    return doc;
  }

  private async changed(m: EntityManager, user: CurrentUser, meta: RequestMeta, doc: DocFacts, comment: string): Promise<void> {
    await m.query(`UPDATE documents SET version = version + 1, updated_at = now() WHERE id = $1`, [doc.id]);
    await this.audit.recordAtStep(m, user, meta, doc, 'tasks', { comment });
  }

  private async visibleDocument(m: EntityManager, user: CurrentUser, id: string): Promise<DocFacts> {
    const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [id])) as DocFacts[];
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', id);
    return doc;
  }

  // ---- the lead units' side ----

  /**
   * Assignments the caller works on or follows: `unit` (default) those of the caller's unit, and of their agency not
   * handed to a unit yet when they lead the agency or keep its desk; `agency` all of their agency's; `issued` those given
   * by documents of their agency that they may see; `coordinating` those their agency coordinates (đơn vị phối hợp).
   */
  async list(user: CurrentUser, q: TaskListQuery) {
    const scope = q.scope ?? 'unit';
    const params: unknown[] = [user.agencyId];
    const where: string[] = [];
    if (scope === 'issued') {
      params.push(user.id);
      where.push(`d.issuer_agency_id = $1 AND (d.confidentiality = 'normal' OR d.participant_ids @> ARRAY[$2::uuid])`);
    } else if (scope === 'coordinating') {
      where.push(`d.confidentiality = 'normal' AND EXISTS (SELECT 1 FROM recipients cr LEFT JOIN recipient_group_members gm ON gm.group_id = cr.id
                    LEFT JOIN recipients m ON m.id = gm.member_id
                   WHERE cr.id = ANY(t.coordinating_recipient_ids) AND $1 IN (cr.agency_id, m.agency_id))`);
    } else if (scope === 'agency') {
      where.push(`a.agency_id = $1`);
    } else {
      params.push(user.id, user.unitId, user.roles.includes('clerk') || user.roles.includes('unit-head'));
      where.push(`a.agency_id = $1 AND (a.unit_id = $3 OR (a.unit_id IS NULL AND (${leaderSql('$2', '$1')} OR $4::boolean)))`);
    }
    if (q.documentId) {
      params.push(q.documentId);
      where.push(`a.document_id = $${params.length}`);
    }
    const rows = (await this.db.query(`${ASSIGNMENT_SQL} WHERE ${where.join(' AND ')} ORDER BY t.due_at, d.issued_at, t.ordinal, r.name LIMIT 1000`, params)) as AssignmentRow[];
    const now = this.clock.now();
    return rows.map((a) => this.assignmentSummary(a, now));
  }

  /** One assignment with its reports and reminders. */
  async get(user: CurrentUser, id: string) {
    const a = await this.visibleAssignment(this.db.manager, user, id);
    const reports = (await this.db.query(
      `SELECT tr.id, tr.kind, tr.text, tr.answer_document_id AS "answerDocumentId", tr.reported_at AS "reportedAt",
              json_build_object('id', u.id, 'fullName', u.full_name) AS "reportedBy",
              tr.decision, tr.decision_reason AS "decisionReason", tr.decided_at AS "decidedAt",
              (SELECT json_build_object('id', v.id, 'fullName', v.full_name) FROM users v WHERE v.id = tr.decided_by) AS "decidedBy",
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size, 'sha256', f.sha256) ORDER BY f.name)
                          FROM task_report_files f WHERE f.report_id = tr.id), '[]') AS files
         FROM task_reports tr JOIN users u ON u.id = tr.reported_by WHERE tr.assignment_id = $1 ORDER BY tr.reported_at, tr.id`,
      [id],
    )) as unknown[];
    const reminders = (await this.db.query(
      `SELECT kind, due_at AS "dueAt", fired_at AS "firedAt", outcome FROM task_reminders WHERE assignment_id = $1 ORDER BY due_at`,
      [id],
    )) as unknown[];
    const m = this.db.manager;
    const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [a.document_id])) as DocFacts[];
    // What the caller may do now: the web app offers only that (the server checks again).
    const can = {
      report: (a.status === 'assigned' || a.status === 'in-progress') && (await this.mayReport(m, user, a)),
      review: a.status === 'submitted' && (await this.isIssuerSide(m, user, doc)),
      handOut: a.status !== 'done' && a.agency_id === user.agencyId && (await this.leadsAgency(m, user)),
    };
    return { ...this.assignmentSummary(a, this.clock.now()), reports, reminders, can };
  }

  /** Hands an assignment of the caller's agency to one of its units (its leaders or clerks). */
  async setUnit(user: CurrentUser, id: string, unitId: string, meta: RequestMeta) {
    await this.db.transaction(async (m) => {
      const a = await this.lockAssignment(m, user, id);
      if (a.agency_id !== user.agencyId || !(await this.leadsAgency(m, user))) {
        throw new ForbiddenError('NOT_AGENCY_LEADER', 'Only the leaders and clerks of the lead agency hand its tasks to a unit');
      }
      const [unit] = (await m.query(`SELECT name FROM units WHERE id = $1 AND agency_id = $2`, [unitId, a.agency_id])) as Array<{ name: string }>;
      if (!unit) throw new InvalidInputError([{ field: 'unitId', reason: 'is not a unit of the lead agency' }]);
      await m.query(`UPDATE task_assignments SET unit_id = $2, version = version + 1 WHERE id = $1`, [id, unitId]);
      await this.record(m, user, meta, a, 'task-unit', `Nhiệm vụ ${a.ordinal} (${a.recipient_name}): giao ${unit.name}`);
    });
    return this.get(user, id);
  }

  /**
   * A report of the lead unit: progress, or completion (the issuer then accepts it or sends it back), with evidence
   * files and the document that answers the task. The lead agency's people who hold the task (its unit, or its leaders
   * and clerks); for a lead unit outside this system, the issuing document's drafter or its agency's clerk, who record
   * what came by post or by the exchange.
   */
  async report(user: CurrentUser, id: string, dto: TaskReportDto, files: UploadedFile[], meta: RequestMeta) {
    const named = files.map((f, i) => ({ file: f, name: attachmentName(f.originalname), i }));
    const bad = named.filter((f) => !f.name || f.file.buffer.length === 0);
    if (bad.length > 0) throw new InvalidInputError(bad.map((f) => ({ field: `files.${f.i}`, reason: 'is empty or has no file name' })));
    await this.db.transaction(async (m) => {
      const a = await this.lockAssignment(m, user, id);
      if (!(await this.mayReport(m, user, a))) throw new ForbiddenError('NOT_TASK_HOLDER', 'Only the lead unit of this task (or, for a unit outside the system, the issuer’s drafter or clerk) reports on it');
      if (a.status === 'done') throw new ConflictError('TASK_DONE', 'This task is done: its completion was accepted', { status: a.status, allowedActions: [] });
      if (a.status === 'submitted') {
        throw new ConflictError('AWAITING_DECISION', 'A completion of this task awaits the issuer’s decision', { status: a.status, allowedActions: ['review'] });
      }
      if (dto.answerDocumentId) {
        const [answer] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [dto.answerDocumentId])) as DocFacts[];
        if (!answer || !canSeeDocument(user, answer)) throw new InvalidInputError([{ field: 'answerDocumentId', reason: 'is not a document you may see' }]);
      }
      const now = this.clock.now();
      const [{ id: reportId }] = (await m.query(
        `INSERT INTO task_reports (assignment_id, kind, text, answer_document_id, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [id, dto.kind, dto.text.trim(), dto.answerDocumentId ?? null, user.id, now],
      )) as Array<{ id: string }>;
      for (const f of named) {
        await m.query(
          `INSERT INTO task_report_files (report_id, name, content_type, size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6)`,
          [reportId, f.name, /^[\w.+-]+\/[\w.+-]+$/.test(f.file.mimetype) ? f.file.mimetype : 'application/octet-stream', f.file.buffer.length,
            createHash('sha256').update(f.file.buffer).digest('hex'), f.file.buffer],
        );
      }
      const completion = dto.kind === 'completion';
      await m.query(
        `UPDATE task_assignments SET status = $2, progress = $3, completed_at = CASE WHEN $4::boolean THEN $5::timestamptz ELSE completed_at END, version = version + 1 WHERE id = $1`,
        [id, completion ? 'submitted' : 'in-progress', dto.text.trim().slice(0, 500), completion, now],
      );
      const late = completion && now > a.due_at ? ' (quá hạn)' : '';
      await this.record(m, user, meta, a, completion ? 'task-complete' : 'task-progress', `Nhiệm vụ ${a.ordinal} (${a.recipient_name})${late}: ${dto.text.trim().slice(0, 300)}`);
    });
    return this.get(user, id);
  }

  /** The issuer's decision on the completion reported: accepted (done), or sent back with a reason (in progress again). */
  async review(user: CurrentUser, id: string, dto: TaskReviewDto, meta: RequestMeta) {
    if (dto.decision === 'return' && !dto.reason) throw new InvalidInputError([{ field: 'reason', reason: 'say why the result goes back' }]);
    await this.db.transaction(async (m) => {
      const a = await this.lockAssignment(m, user, id);
      const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [a.document_id])) as DocFacts[];
      if (!(await this.isIssuerSide(m, user, doc))) {
        throw new ForbiddenError('NOT_TASK_ISSUER', 'Only the drafter or signer of the issuing document, or the head of its drafting unit, decides on a result');
      }
      if (a.status !== 'submitted') {
        throw new ConflictError('NO_COMPLETION', `No completion of this task awaits a decision; it is ${a.status}`, { status: a.status, allowedActions: [] });
      }
      const now = this.clock.now();
      const accepted = dto.decision === 'accept';
      await m.query(
        `UPDATE task_reports SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = $5
          WHERE id = (SELECT id FROM task_reports WHERE assignment_id = $1 AND kind = 'completion' ORDER BY reported_at DESC, id DESC LIMIT 1)`,
        [id, accepted ? 'accepted' : 'returned', dto.reason ?? null, user.id, now],
      );
      await m.query(
        `UPDATE task_assignments SET status = $2, accepted_at = CASE WHEN $3::boolean THEN $4::timestamptz END,
                completed_at = CASE WHEN $3::boolean THEN completed_at END, version = version + 1 WHERE id = $1`,
        [id, accepted ? 'done' : 'in-progress', accepted, now],
      );
      await this.record(m, user, meta, a, accepted ? 'task-accept' : 'task-return', `Nhiệm vụ ${a.ordinal} (${a.recipient_name})${dto.reason ? `: ${dto.reason}` : ''}`);
    });
    return this.get(user, id);
  }

  /** An evidence file of a report, for those who may see the assignment. */
  async file(user: CurrentUser, id: string, fileId: string) {
    await this.visibleAssignment(this.db.manager, user, id);
    const [f] = (await this.db.query(
      `SELECT f.name, f.content_type AS "contentType", f.content FROM task_report_files f JOIN task_reports tr ON tr.id = f.report_id
        WHERE f.id = $1 AND tr.assignment_id = $2`,
      [fileId, id],
    )) as Array<{ name: string; contentType: string; content: Buffer }>;
    if (!f) throw new NotFoundError('file', fileId);
    return f;
  }

  // ---- from overdue tasks, a reminder letter ----

  /**
   * Drafts the reminder letter (công văn đôn đốc) of an issued document's overdue tasks, as the caller (a drafting
   * officer of the issuing agency who may see it): addressed to their lead units, its table the overdue tasks (each row
   * naming the task it reminds of), signed by the document's signer unless another is chosen. It then follows its own
   * route like any công văn.
   */
  async reminderLetter(user: CurrentUser, documentId: string, dto: ReminderLetterDto, meta: RequestMeta) {
    const doc = await this.visibleDocument(this.db.manager, user, documentId);
    if (doc.issuer_agency_id !== user.agencyId) throw new ForbiddenError('NOT_ISSUER_AGENCY', 'Only the issuing agency reminds of its tasks');
    if (doc.number === null || !doc.symbol) throw new ConflictError('NOT_ISSUED', 'The document is not issued: its tasks are not given yet', { state: doc.state, allowedActions: [] });
    const now = this.clock.now();
    const overdue = ((await this.db.query(`${ASSIGNMENT_SQL} WHERE a.document_id = $1 ORDER BY t.ordinal, r.name`, [documentId])) as AssignmentRow[]).filter(
      (a) => this.assignmentSummary(a, now).outcome === 'overdue',
    );
    if (overdue.length === 0) throw new ConflictError('NOTHING_OVERDUE', 'No task of this document is overdue', { state: doc.state, allowedActions: [] });
    const [facts] = (await this.db.query(
      `SELECT d.type, d.issued_at, a.name AS issuer_name, d.signer_id FROM documents d JOIN agencies a ON a.id = d.issuer_agency_id WHERE d.id = $1`,
      [documentId],
    )) as Array<{ type: string; issued_at: Date; issuer_name: string; signer_id: string }>;
    const reportBy = dto.reportBy ? new Date(`${dto.reportBy}T23:59:59+07:00`) : new Date(now.getTime() + 5 * 86_400_000);
    const text = reminderLetterText(
      { type: facts.type, numberSymbol: formatNumberSymbol(doc.number, doc.symbol), issuedAt: facts.issued_at, issuerName: facts.issuer_name },
      new Set(overdue.map((a) => a.task_id)).size,
      reportBy,
    );
    // One row per overdue task, naming the lead units still late on it.
    const byTask = new Map<string, AssignmentRow[]>();
    for (const a of overdue) byTask.set(a.task_id, [...(byTask.get(a.task_id) ?? []), a]);
    const rows: CheckedTask[] = [...byTask.values()].map((as) => ({
      section: as[0].section,
      content: as[0].content,
      leadIds: as.map((a) => a.recipient_id),
      leadText: as.map((a) => a.recipient_name).join(', '),
      coordinatingIds: [],
      coordinatingText: as[0].coordinating_text,
      deadlineText: as[0].deadline_text,
      deadline: { dueAt: new Date(as[0].due_at), hasTime: as[0].due_has_time },
      product: as[0].product,
      sourceTaskId: as[0].task_id,
    }));
    return this.documents.create(
      user,
      { type: 'CV', subject: text.subject, body: text.body, addressees: [...new Set(overdue.map((a) => a.recipient_id))], signerId: dto.signerId ?? facts.signer_id },
      meta,
      (m, id) => this.replaceTable(m, id, rows),
    );
  }

  // ---- reports: done on time, done late, overdue, in progress ----

  /**
   * The figures of the tasks the caller may follow — given by documents of their agency, or led by it — per issuing
   * document and per lead unit, for tasks falling due in a period (Vietnam days, both included).
   */
  async figures(user: CurrentUser, q: TaskFiguresQuery) {
    const params: unknown[] = [user.id, user.agencyId];
    const where = [`(a.agency_id = $2 OR (d.issuer_agency_id = $2 AND (d.confidentiality = 'normal' OR d.participant_ids @> ARRAY[$1::uuid])))`];
    if (q.documentId) where.push(`a.document_id = $${params.push(q.documentId)}`);
    if (q.recipientId) where.push(`a.recipient_id = $${params.push(q.recipientId)}`);
    if (q.from) where.push(`t.due_at >= $${params.push(`${q.from}T00:00:00+07:00`)}::timestamptz`);
    if (q.to) where.push(`t.due_at <= $${params.push(`${q.to}T23:59:59.999+07:00`)}::timestamptz`);
    const rows = (await this.db.query(`${ASSIGNMENT_SQL} WHERE ${where.join(' AND ')} ORDER BY d.issued_at, t.ordinal, r.name`, params)) as AssignmentRow[];
    const now = this.clock.now();
    const facts = rows.map((a) => ({ a, f: { status: a.status, dueAt: new Date(a.due_at), completedAt: a.completed_at ? new Date(a.completed_at) : null } }));
    const group = <L extends object>(key: (a: AssignmentRow) => string, label: (a: AssignmentRow) => L) => {
      const groups = new Map<string, typeof facts>();
      for (const x of facts) groups.set(key(x.a), [...(groups.get(key(x.a)) ?? []), x]);
      return [...groups.values()].map((g) => ({ ...label(g[0].a), ...countOutcomes(g.map((x) => x.f), now) }));
    };
    return {
      at: now,
      period: { from: q.from ?? null, to: q.to ?? null },
      totals: countOutcomes(facts.map((x) => x.f), now),
      byDocument: group((a) => a.document_id, (a) => ({ document: this.assignmentSummary(a, now).document })),
      byUnit: group((a) => a.recipient_id, (a) => ({ lead: { id: a.recipient_id, name: a.recipient_name } })).sort((x, y) => x.lead.name.localeCompare(y.lead.name, 'vi')),
    };
  }

  /** The same figures as a PDF report of the caller's agency (task-figures-pdf.ts, in the PDF worker). */
  async figuresPdf(user: CurrentUser, q: TaskFiguresQuery): Promise<Buffer> {
    const figures = await this.figures(user, q);
    const [{ name }] = (await this.db.query(`SELECT name FROM agencies WHERE id = $1`, [user.agencyId])) as Array<{ name: string }>;
    return this.pdfWork.taskFigures({ ...figures, agencyName: name });
  }

  // ---- who may ----

  private lockAssignment(m: EntityManager, user: CurrentUser, id: string): Promise<AssignmentRow> {
    return this.visibleAssignment(m, user, id, true);
  }

  /**
   * Who sees an assignment: whoever may see the issuing document, and the people of the lead agency (the task is theirs)
   * and of the coordinating ones.
   */
  private async visibleAssignment(m: EntityManager, user: CurrentUser, id: string, lock = false): Promise<AssignmentRow> {
    const [a] = (await m.query(`${ASSIGNMENT_SQL} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`, [id])) as AssignmentRow[];
    if (!a) throw new NotFoundError('task', id);
    if (a.agency_id === user.agencyId) return a;
    const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [a.document_id])) as DocFacts[];
    if (canSeeDocument(user, doc)) return a;
    const [{ coordinating }] = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM document_tasks t JOIN recipients r ON r.id = ANY(t.coordinating_recipient_ids) WHERE t.id = $1 AND r.agency_id = $2) AS coordinating`,
      [a.task_id, user.agencyId],
    )) as Array<{ coordinating: boolean }>;
    if (coordinating && doc.confidentiality === 'normal') return a;
    throw new NotFoundError('task', id);
  }

  private async leadsAgency(m: EntityManager, user: CurrentUser): Promise<boolean> {
    if (user.roles.includes('clerk')) return true;
    const [{ leads }] = (await m.query(`SELECT ${leaderSql('$1', '$2')} AS leads`, [user.id, user.agencyId])) as Array<{ leads: boolean }>;
    return leads;
  }

  private async mayReport(m: EntityManager, user: CurrentUser, a: AssignmentRow): Promise<boolean> {
    if (a.agency_id === null) {
      const [doc] = (await m.query(`${DOC_SQL} WHERE d.id = $1`, [a.document_id])) as DocFacts[];
      return doc.drafter_id === user.id || (user.roles.includes('clerk') && doc.issuer_agency_id === user.agencyId);
    }
    if (a.agency_id !== user.agencyId) return false;
    if (a.unit_id !== null && a.unit_id === user.unitId) return true;
    return (a.unit_id === null && user.roles.includes('unit-head')) || (await this.leadsAgency(m, user));
  }

  private async isIssuerSide(m: EntityManager, user: CurrentUser, doc: DocFacts): Promise<boolean> {
    if (doc.drafter_id === user.id || doc.signer_id === user.id) return true;
    return user.roles.includes('unit-head') && user.unitId !== null && user.unitId === doc.drafting_unit_id;
  }

  private async record(m: EntityManager, user: CurrentUser, meta: RequestMeta, a: AssignmentRow, action: string, comment: string): Promise<void> {
    await this.audit.record(m, user, meta, {
      action,
      documentId: a.document_id,
      subject: a.doc_subject,
      numberSymbol: a.doc_number !== null && a.doc_symbol ? formatNumberSymbol(a.doc_number, a.doc_symbol) : null,
      comment,
    });
  }

  assignmentSummary(a: AssignmentRow, now: Date) {
    const outcome: TaskOutcome = taskOutcome({ status: a.status, dueAt: new Date(a.due_at), completedAt: a.completed_at ? new Date(a.completed_at) : null }, now);
    return {
      id: a.id,
      taskId: a.task_id,
      ordinal: a.ordinal,
      section: a.section,
      content: a.content,
      deadline: a.deadline_text,
      dueAt: a.due_at,
      product: a.product,
      lead: { id: a.recipient_id, name: a.recipient_name, inSystem: a.agency_id !== null, agencyId: a.agency_id },
      unit: a.unit_id ? { id: a.unit_id, name: a.unit_name } : null,
      coordinatingText: a.coordinating_text,
      status: a.status,
      outcome,
      progress: a.progress,
      completedAt: a.completed_at,
      acceptedAt: a.accepted_at,
      document: {
        id: a.document_id,
        type: a.doc_type,
        subject: a.doc_subject,
        numberSymbol: a.doc_number !== null && a.doc_symbol ? formatNumberSymbol(a.doc_number, a.doc_symbol) : null,
        issuedAt: a.doc_issued_at,
      },
    };
  }
}

interface CheckedTask {
  section: string | null;
  content: string;
  leadIds: string[];
  leadText: string;
  coordinatingIds: string[];
  coordinatingText: string;
  deadlineText: string;
  deadline: Deadline;
  product: string;
  sourceTaskId: string | null;
}

const DOC_SQL = `SELECT d.id, d.subject, d.state, d.step_id, d.drafter_id, d.signer_id, d.drafting_unit_id, d.number, d.symbol,
                        d.issuer_agency_id, d.confidentiality, d.participant_ids FROM documents d`;
