import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { CurrentUser, RequestMeta } from '../common/current-user.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { canSeeDocument, type VisibilityFacts } from './visibility.js';
import { attachmentName } from './attachment-name.js';
import { IssuedRevisionService } from '../signing/issued-revision.service.js';

export interface AttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

type LockedDoc = VisibilityFacts & { id: string; subject: string; state: string; step_id: string; drafter_id: string };

/**
 * Attachments (tệp đính kèm) of a document: the drafter adds and removes them while drafting; whoever may see the
 * document downloads them. Each change is audited in the document's trail.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly issued: IssuedRevisionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async lockDraft(m: EntityManager, user: CurrentUser, id: string): Promise<LockedDoc> {
    const [doc] = (await m.query(
      `SELECT id, subject, state, step_id, drafter_id, issuer_agency_id, confidentiality, participant_ids FROM documents WHERE id = $1 FOR UPDATE`,
      [id],
    )) as LockedDoc[];
    if (!doc || !canSeeDocument(user, doc)) throw new NotFoundError('document', id);
    if (doc.drafter_id !== user.id) throw new ForbiddenError('NOT_DRAFTER', 'Only the drafter of a document may change its attachments');
    if (doc.state !== 'drafting') {
      throw new ConflictError('NOT_EDITABLE', `Attachments can be changed only while drafting; the document is in ${doc.state}`, {
        state: doc.state,
        step: doc.step_id,
      });
    }
    return doc;
  }

  /** The draft changed: a new version, and the audit entry. */
  private async changed(m: EntityManager, user: CurrentUser, meta: RequestMeta, doc: LockedDoc, action: string, comment: string): Promise<void> {
    await m.query(`UPDATE documents SET version = version + 1, updated_at = now() WHERE id = $1`, [doc.id]);
    await this.audit.recordAtStep(m, user, meta, doc, action, { comment });
  }

  async add(user: CurrentUser, id: string, file: { originalname: string; mimetype: string; buffer: Buffer } | undefined, meta: RequestMeta): Promise<AttachmentInfo> {
    if (!file || file.buffer.length === 0) throw new InvalidInputError([{ field: 'file', reason: 'send one non-empty file as multipart/form-data field "file"' }]);
    const name = attachmentName(file.originalname);
    if (!name) throw new InvalidInputError([{ field: 'file', reason: 'the file name is empty or not a file name' }]);
    const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.mimetype) ? file.mimetype : 'application/octet-stream';
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.db.transaction(async (m) => {
      const doc = await this.lockDraft(m, user, id);
      const [{ count }] = (await m.query(`SELECT count(*)::int AS count FROM document_attachments WHERE document_id = $1`, [id])) as Array<{ count: number }>;
      if (count >= this.config.attachmentMaxCount) {
        throw new ConflictError('TOO_MANY_ATTACHMENTS', `A document has at most ${this.config.attachmentMaxCount} attachments`, { count });
      }
      const [row] = (await m.query(
        `INSERT INTO document_attachments (document_id, name, content_type, size, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, name, content_type AS "contentType", size, sha256, uploaded_at AS "uploadedAt"`,
        [id, name, contentType, file.buffer.length, sha256, file.buffer, user.id],
      )) as AttachmentInfo[];
      await this.changed(m, user, meta, doc, 'attach', `${name} (${file.buffer.length} B, SHA-256 ${sha256})`);
      return row;
    });
  }

  async remove(user: CurrentUser, id: string, attachmentId: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const doc = await this.lockDraft(m, user, id);
      const [gone] = (await m.query(
        `WITH gone AS (DELETE FROM document_attachments WHERE id = $1 AND document_id = $2 RETURNING name, sha256) SELECT * FROM gone`,
        [attachmentId, id],
      )) as Array<{ name: string; sha256: string }>;
      if (!gone) throw new NotFoundError('attachment', attachmentId);
      await this.changed(m, user, meta, doc, 'detach', `${gone.name} (SHA-256 ${gone.sha256})`);
    });
  }

  /**
   * The attachment's file: once issued, the copy signed by the agency (issued-revision.service.ts) when there is one;
   * `original` asks for the file as uploaded. An issued PDF the agency has not signed yet (nobody asked for the issued
   * document so far) is signed now, with the document.
   */
  async download(user: CurrentUser, id: string, attachmentId: string, original = false, signed = false): Promise<{ name: string; contentType: string; content: Buffer }> {
    const [row] = (await this.db.query(
      `SELECT a.name, a.content_type, ${original ? 'a.content' : 'coalesce(a.signed_content, a.content) AS content'},
              d.number IS NOT NULL AND a.signed_content IS NULL AND a.signing_problem IS NULL AND substring(a.content FROM 1 FOR 5) = '%PDF-'::bytea AS awaiting,
              d.issuer_agency_id, d.confidentiality, d.participant_ids
         FROM document_attachments a JOIN documents d ON d.id = a.document_id WHERE a.id = $1 AND a.document_id = $2`,
      [attachmentId, id],
    )) as Array<VisibilityFacts & { name: string; content_type: string; content: Buffer; awaiting: boolean }>;
    if (!row || !canSeeDocument(user, row)) throw new NotFoundError('attachment', attachmentId);
    if (!original && !signed && row.awaiting && (await this.issued.get(id))) return this.download(user, id, attachmentId, original, true);
    return { name: row.name, contentType: row.content_type, content: row.content };
  }
}
