import { pendingOf, type InstanceState } from '../workflow/consultation.js';
import { ACTIVE_HANDOVERS_SQL, handoverFor, type ActiveHandover } from '../workflow/handovers.js';
/**
 * Reading documents: one SQL round trip per read, mapped by pure functions to the API's shape.
 */
import type { CompiledRoute } from '../workflow/bpmn/compile-route.js';
import { availableActions } from '../workflow/available-actions.js';
import type { CurrentUser } from '../common/current-user.js';
import { findDocumentType } from '../registers/document-types.js';
import { formatNumber } from '../registers/build-symbol.js';
import { numberSymbolSql } from '../registers/number-symbol-sql.js';
import { prepared } from '../database/preparing-client.js';
import { composeRecipientLines, type RecipientLines } from '../recipients/compose-recipient-lines.js';
import { isReceived } from '../recipients/status-codes.js';
import { composePage, type TaskLine, type OfficialPage } from '../rendering/compose-page.js';

/** Columns of a document row as selected by DOCUMENT_COLUMNS. */
export interface DocumentRow {
  id: string;
  type: string;
  subject: string;
  body: string;
  urgency: string;
  confidentiality: string;
  issuer_agency_id: string;
  drafting_unit_id: string;
  drafter_id: string;
  signer_id: string;
  route_id: string;
  route_version: number;
  handovers: ActiveHandover[];
  /** The consultation's instances at the current step, when it is a multi-instance task. */
  instances: InstanceState | null;
  consulted_unit_ids: string[];
  consultation_deadline: Date | null;
  needs_legal_review: boolean;
  recalled_at: Date | null;
  /** The earliest deadline or reminder of the current task (task_timers). */
  due_at: Date | null;
  state: string;
  step_id: string;
  assignee_ids: string[];
  participant_ids: string[];
  step_since: Date;
  version: number;
  number: number | null;
  symbol: string | null;
  issued_at: Date | null;
  date_line: string | null;
  collective: boolean;
  field: string | null;
  signature_block: string[] | null;
  signed_at: Date | null;
  signer_position: { id: string; title: string } | null;
  created_at: Date;
  updated_at: Date;
  drafter_name: string;
  signer: { id: string; fullName: string; positionTitle: string };
  drafting_unit: { id: string; code: string; name: string };
  issuer: { id: string; code: string; name: string; place: string; organId: string | null; superiorName: string | null; kind: 'agency' | 'advisory' };
}

type DocumentLink = { id: string; numberSymbol: string | null; type: string; subject: string; state: string };

export interface DocumentDetailRow extends DocumentRow {
  legal_normative: boolean;
  corrects: DocumentLink | null;
  replaces: DocumentLink | null;
  corrected_by: DocumentLink[];
  replaced_by: DocumentLink[];
  assignees: Array<{ id: string; fullName: string }>;
  consulted_units: Array<{ id: string; code: string; name: string }>;
  answers: Array<{ unit: { id: string; code: string; name: string }; task: string; answer: string; comment: string | null; by: unknown; onBehalfOf: unknown; answeredAt: string }>;
  recipients: Array<{
    id: string; code: string; name: string; role: 'addressee' | 'copy'; note: string | null; kind: string;
    shortName: string | null; category: string | null;
  }>;
  deliveries: Array<{
    id: string; recipient: { id: string; code: string; name: string; organId: string | null }; role: string; channel: string;
    viaGroup: { id: string; name: string } | null; status: string; statusAt: string | null; statusReason: string | null;
    sentAt: string | null; recall: { status: string; at: string; reason: string | null } | null;
  }>;
  attachments: Array<{
    id: string; name: string; contentType: string; size: number; sha256: string; uploadedAt: string;
    /** Once issued: the SHA-256 of the copy the agency signed, or why it could not sign it. */
    signedSha256: string | null; signingProblem: string | null;
  }>;
  /** The appendix table of tasks (document-tasks/), in order. */
  tasks: TaskLine[];
  filing_unit_codes: string[];
  drafter_initials: string | null;
  archive_copies: number | null;
  distributed_at: Date | null;
  recall_reason: string | null;
}

export const DOCUMENT_COLUMNS = `
  d.id, d.type, d.subject, d.body, d.urgency, d.confidentiality, d.issuer_agency_id, d.drafting_unit_id,
  d.drafter_id, d.signer_id, d.route_id, d.route_version, d.needs_legal_review, d.state, d.step_id, d.assignee_ids, d.participant_ids, d.step_since,
  d.version, d.number, d.symbol, d.issued_at, d.date_line, d.created_at, d.updated_at,
  d.collective, d.field, d.signature_block, d.signed_at, d.recalled_at,
  (SELECT json_build_object('id', sp.id, 'title', sp.title) FROM positions sp WHERE sp.id = d.signer_position_id) AS signer_position,
  dr.full_name AS drafter_name,
  json_build_object('id', s.id, 'fullName', s.full_name, 'positionTitle', s.position_title) AS signer,
  json_build_object('id', un.id, 'code', un.code, 'name', un.name) AS drafting_unit,
  json_build_object('id', ag.id, 'code', ag.code, 'name', ag.name, 'place', ag.place, 'organId', ag.organ_id,
    'superiorName', ag.superior_name, 'kind', ag.kind) AS issuer,
  ${ACTIVE_HANDOVERS_SQL} AS handovers,
  d.snapshot #> ARRAY['context', 'instances', d.step_id] AS instances,
  d.consulted_unit_ids, d.consultation_deadline,
  (SELECT min(t.due_at) FROM task_timers t WHERE t.document_id = d.id AND t.step_id = d.step_id AND t.step_since = d.step_since) AS due_at`;

export const DOCUMENT_JOINS = `
  JOIN users dr ON dr.id = d.drafter_id
  JOIN users s ON s.id = d.signer_id
  JOIN units un ON un.id = d.drafting_unit_id
  JOIN agencies ag ON ag.id = d.issuer_agency_id`;

export const DOCUMENT_DETAIL_SQL = prepared(`
SELECT ${DOCUMENT_COLUMNS},
  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name), '[]')
     FROM users u WHERE u.id = ANY(d.assignee_ids)) AS assignees,
  (SELECT coalesce(json_agg(json_build_object('id', n.id, 'code', n.code, 'name', n.name) ORDER BY n.code), '[]')
     FROM units n WHERE n.id = ANY(d.consulted_unit_ids)) AS consulted_units,
  (SELECT coalesce(json_agg(json_build_object('unit', json_build_object('id', n.id, 'code', n.code, 'name', n.name), 'task', ca.task_id,
          'answer', ca.answer, 'comment', ca.comment, 'by', json_build_object('id', au.id, 'fullName', au.full_name),
          'onBehalfOf', CASE WHEN ob.id IS NULL THEN NULL ELSE json_build_object('id', ob.id, 'fullName', ob.full_name) END,
          'answeredAt', ca.answered_at) ORDER BY ca.answered_at, ca.id), '[]')
     FROM consultation_answers ca JOIN units n ON n.id = ca.unit_id JOIN users au ON au.id = ca.user_id
     LEFT JOIN users ob ON ob.id = ca.on_behalf_of_id WHERE ca.document_id = d.id) AS answers,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'role', x.role, 'note', x.note,
          'kind', r.kind, 'shortName', r.short_name, 'category', r.category) ORDER BY x.role, x.position), '[]')
     FROM document_recipients x JOIN recipients r ON r.id = x.recipient_id WHERE x.document_id = d.id) AS recipients,
  (SELECT coalesce(json_agg(json_build_object('id', dl.id,
          'recipient', json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'organId', r.organ_id),
          'role', dl.role, 'channel', dl.channel,
          'viaGroup', CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name) END,
          'status', dl.status, 'statusAt', dl.status_at, 'statusReason', dl.status_reason, 'sentAt', dl.sent_at,
          'recall', CASE WHEN dl.recall_status IS NULL THEN NULL
                    ELSE json_build_object('status', dl.recall_status, 'at', dl.recall_at, 'reason', dl.recall_reason) END)
          ORDER BY dl.role, r.sort_order, r.name), '[]')
     FROM deliveries dl JOIN recipients r ON r.id = dl.recipient_id LEFT JOIN recipients g ON g.id = dl.via_group_id
    WHERE dl.document_id = d.id) AS deliveries,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'contentType', a.content_type, 'size', a.size,
          'sha256', a.sha256, 'uploadedAt', a.uploaded_at, 'signedSha256', a.signed_sha256, 'signingProblem', a.signing_problem)
          ORDER BY a.uploaded_at, a.id), '[]')
     FROM document_attachments a WHERE a.document_id = d.id) AS attachments,
  (SELECT coalesce(json_agg(json_build_object('section', t.section, 'content', t.content, 'lead', t.lead_text, 'coordinating', t.coordinating_text,
          'deadline', t.deadline_text, 'product', t.product) ORDER BY t.ordinal), '[]')
     FROM document_tasks t WHERE t.document_id = d.id) AS tasks,
  d.legal_normative, d.filing_unit_codes, d.drafter_initials, d.archive_copies, d.distributed_at, d.recall_reason,
  (SELECT json_build_object('id', l.id, 'numberSymbol', ${numberSymbolSql('l')}, 'type', l.type, 'subject', l.subject, 'state', l.state) FROM documents l WHERE l.id = d.corrects_id) AS corrects,
  (SELECT json_build_object('id', l.id, 'numberSymbol', ${numberSymbolSql('l')}, 'type', l.type, 'subject', l.subject, 'state', l.state) FROM documents l WHERE l.id = d.replaces_id) AS replaces,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'numberSymbol', ${numberSymbolSql('l')}, 'type', l.type, 'subject', l.subject, 'state', l.state) ORDER BY l.created_at), '[]') FROM documents l WHERE l.corrects_id = d.id) AS corrected_by,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'numberSymbol', ${numberSymbolSql('l')}, 'type', l.type, 'subject', l.subject, 'state', l.state) ORDER BY l.created_at), '[]') FROM documents l WHERE l.replaces_id = d.id) AS replaced_by
FROM documents d ${DOCUMENT_JOINS}
WHERE d.id = $1`);

/** The document as route candidates see it (candidates.ts). */
export function candidateDoc(
  row: Pick<DocumentRow, 'drafter_id' | 'signer_id' | 'drafting_unit_id' | 'issuer_agency_id'> & { instances?: InstanceState | null },
) {
  return {
    drafterId: row.drafter_id,
    signerId: row.signer_id,
    draftingUnitId: row.drafting_unit_id,
    issuerAgencyId: row.issuer_agency_id,
    pendingUnitIds: pendingOf(row.instances),
  };
}

/**
 * What route conditions see of a document as `doc` (condition.ts): `doc.type`, `doc.urgency`, `doc.confidentiality`,
 * `doc.issuer` (the issuing agency's code), `doc.legalNormative`, `doc.flags.needsLegalReview`, `doc.flags.consult`
 * (units to consult were chosen) and `doc.consultedUnits`.
 */
export function routeFacts(
  row: Pick<DocumentRow, 'type' | 'urgency' | 'confidentiality' | 'needs_legal_review' | 'consulted_unit_ids'> & {
    issuer_code: string;
    legal_normative: boolean;
  },
): Record<string, unknown> {
  return {
    type: row.type,
    urgency: row.urgency,
    confidentiality: row.confidentiality,
    issuer: row.issuer_code,
    legalNormative: row.legal_normative,
    consultedUnits: row.consulted_unit_ids,
    flags: { needsLegalReview: row.needs_legal_review, consult: row.consulted_unit_ids.length > 0 },
  };
}

/** The official page of a document (compose-page.ts): the web preview and the PDF. */
export function pageOf(row: DocumentDetailRow, now: Date, recipientLines = recipientLinesOf(row)): OfficialPage {
  return composePage(
    {
      type: row.type,
      subject: row.subject,
      body: row.body,
      urgency: row.urgency,
      confidentiality: row.confidentiality,
      legalNormative: row.legal_normative,
      issuer: row.issuer,
      draftingUnitCode: row.drafting_unit.code,
      number: row.number,
      symbol: row.symbol,
      dateLine: row.date_line,
      signatureBlock: row.signature_block,
      recipientLines,
      tasks: row.tasks ?? [],
    },
    now,
  );
}

/** The document's `Kính gửi:` and `Nơi nhận:` lines (compose-recipient-lines.ts). */
export function recipientLinesOf(row: DocumentDetailRow): RecipientLines {
  const line = (r: DocumentDetailRow['recipients'][number]) => ({ name: r.name, shortName: r.shortName, category: r.category, note: r.note });
  return composeRecipientLines({
    type: row.type,
    addressees: row.recipients.filter((r) => r.role === 'addressee').map(line),
    copies: row.recipients.filter((r) => r.role === 'copy').map(line),
    filingUnits: [...row.filing_unit_codes, row.drafting_unit.code],
    drafterInitials: row.drafter_initials,
    copyCount: row.archive_copies,
  });
}

function distributionOf(row: DocumentDetailRow) {
  const count = (p: (status: string) => boolean) => row.deliveries.filter((d) => p(d.status)).length;
  return {
    deliveries: row.deliveries.length,
    received: count(isReceived),
    refused: count((s) => s === '02'),
    waiting: count((s) => !isReceived(s) && s !== '02'),
    completedAt: row.distributed_at,
  };
}

function stepOf(route: CompiledRoute, stepId: string): { id: string; name: string } {
  const task = route.tasks[stepId];
  const end = route.ends[stepId];
  return { id: stepId, name: task?.name ?? end?.name ?? stepId };
}

function numberFields(row: DocumentRow) {
  const number = row.number === null ? null : formatNumber(row.number);
  return {
    number,
    symbol: row.symbol,
    numberSymbol: number !== null && row.symbol !== null ? `${number}/${row.symbol}` : null,
    dateLine: row.date_line,
    issuedAt: row.issued_at,
  };
}

/** A document as a list shows it. */
export function toDocumentSummary(row: DocumentRow, route: CompiledRoute, user: CurrentUser) {
  return {
    id: row.id,
    type: row.type,
    typeName: findDocumentType(row.type)?.name ?? row.type,
    subject: row.subject,
    urgency: row.urgency,
    confidentiality: row.confidentiality,
    state: row.state,
    step: stepOf(route, row.step_id),
    /** The route the document follows, the version it started on, and the BPMN element it stands at. */
    route: { key: row.route_id, name: route.name, version: row.route_version, elementId: row.step_id },
    waitingSince: row.step_since,
    /** The current task's earliest deadline (or reminder), if its route sets one. */
    dueAt: row.due_at,
    /** Set when the issuer recalled the document: its record is frozen. */
    recalledAt: row.recalled_at,
    availableActions: availableActions(route, row.step_id, user, candidateDoc(row), !!handoverFor(user.id, row.handovers, row.assignee_ids)),
    version: row.version,
    ...numberFields(row),
    drafter: { id: row.drafter_id, fullName: row.drafter_name },
    signer: { ...row.signer, position: row.signer_position },
    draftingUnit: row.drafting_unit,
    issuer: row.issuer,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A document as GET /api/documents/:id returns it. */
export function toDocumentResponse(row: DocumentDetailRow, route: CompiledRoute, user: CurrentUser, now: Date) {
  const summary = toDocumentSummary(row, route, user);
  const recipientLines = recipientLinesOf(row);
  return {
    ...summary,
    body: row.body,
    collective: row.collective,
    field: row.field,
    /** Shown from the moment the signer is chosen; frozen at signing (signedAt). */
    signatureBlock: row.signature_block,
    signedAt: row.signed_at,
    /** Who the step waits for, and to whom they handed it (the delegate acts on their behalf). */
    step: { ...summary.step, assignees: row.assignees, handovers: row.handovers },
    addressees: row.recipients.filter((r) => r.role === 'addressee').map(({ id, code, name }) => ({ id, code, name })),
    copiesTo: row.recipients.filter((r) => r.role === 'copy').map(({ id, code, name, note }) => ({ id, code, name, note })),
    /** The `Kính gửi:` and `Nơi nhận:` lines as the page prints them. */
    recipientLines,
    /** The official page as the decree lays it out (compose-page.ts): the web app's preview, the PDF's text. */
    page: pageOf(row, now, recipientLines),
    /** Tệp đính kèm: download at GET /api/documents/:id/attachments/:attachmentId. */
    attachments: row.attachments,
    filing: { unitCodes: row.filing_unit_codes, drafterInitials: row.drafter_initials, copies: row.archive_copies },
    /** Each recipient agency's delivery and the status it sent back; complete when all reached 03 or later. */
    deliveries: row.deliveries,
    distribution: distributionOf(row),
    recall: row.recalled_at ? { at: row.recalled_at, reason: row.recall_reason } : null,
    legalNormative: row.legal_normative,
    needsLegalReview: row.needs_legal_review,
    /** Consultation (xin ý kiến): the units consulted, the deadline given, where each stands now, and every answer. */
    consultation: {
      units: row.consulted_units,
      deadline: row.consultation_deadline,
      pending: row.instances ? pendingOf(row.instances) : [],
      answers: row.answers,
    },
    /** Corrections (đính chính) and replacements, both ways. */
    corrects: row.corrects,
    correctedBy: row.corrected_by,
    replaces: row.replaces,
    replacedBy: row.replaced_by,
  };
}

export type DocumentResponse = ReturnType<typeof toDocumentResponse>;
export type DocumentSummary = ReturnType<typeof toDocumentSummary>;
