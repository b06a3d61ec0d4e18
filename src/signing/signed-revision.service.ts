import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOCUMENT_DETAIL_SQL, pageOf, type DocumentDetailRow } from '../documents/document-view.js';
import type { PdfBlanks } from '../rendering/render-pdf.js';
import { PdfWorkService } from './pdf-work.service.js';
import { SIGNING_PROVIDER, type SigningProvider } from './signing-provider.js';

export interface SignedRevision {
  content: Buffer;
  /** Where the page's blanks are, for issuing to write into (issued-page.ts). */
  layout: PdfBlanks;
}

/**
 * The signer's signed revision of a document: the official page with the block as signed (number and date still
 * blank) and the signer's handwritten signature image when they have one, signed by the signer through the signing
 * provider with the time of the `sign` action. Made once, the first time it is asked for after signing, and kept
 * (`document_files`): rendering and signing cost hundreds of milliseconds of CPU, which the action itself does not
 * wait for (measured: doing it inside the action cut the bench from about 150 to 23 actions/s on this machine).
 */
@Injectable()
export class SignedRevisionService {
  constructor(
    private readonly db: DataSource,
    private readonly pdfWork: PdfWorkService,
    @Inject(SIGNING_PROVIDER) private readonly signing: SigningProvider,
  ) {}

  /** The signed revision, or null when the document is not signed yet. */
  async get(documentId: string): Promise<Buffer | null> {
    return (await this.revision(documentId))?.content ?? null;
  }

  async revision(documentId: string): Promise<SignedRevision | null> {
    const stored = await this.stored(documentId);
    if (stored) return stored;
    // Read and laid out outside the transaction: only the signing and the insert hold it (short locks).
    const [row] = (await this.db.query(DOCUMENT_DETAIL_SQL, [documentId])) as DocumentDetailRow[];
    if (!row?.signed_at || !row.signature_block) return null;
    const signedAt = new Date(row.signed_at);
    const page = pageOf({ ...row, number: null, symbol: null, date_line: null }, signedAt);
    const [{ signature_image: signatureImage }] = (await this.db.query(`SELECT signature_image FROM users WHERE id = $1`, [row.signer.id])) as Array<{
      signature_image: Buffer | null;
    }>;
    const { pdf, blanks } = await this.pdfWork.renderWithBlanks(page, { title: row.subject, author: row.issuer.name, subject: null, createdAt: signedAt, signatureImage });
    return this.db.transaction(async (m) => {
      const signed = await this.signing.sign(m, pdf, { kind: 'user', id: row.signer.id, name: row.signer.fullName, organization: row.issuer.name }, {
        reason: `Ký ban hành: ${row.signature_block!.slice(0, -1).join(' / ')}`,
        location: row.issuer.place,
        at: signedAt,
      });
      await m.query(
        `INSERT INTO document_files (document_id, kind, content, sha256, layout) VALUES ($1, 'signed', $2, $3, $4) ON CONFLICT (document_id, kind) DO NOTHING`,
        [documentId, signed, createHash('sha256').update(signed).digest('hex'), JSON.stringify(blanks)],
      );
      // Another request may have made it first: the stored one is the revision.
      return (await this.stored(documentId, m))!;
    });
  }

  private async stored(documentId: string, m = this.db.manager): Promise<SignedRevision | null> {
    const [row] = (await m.query(`SELECT content, layout FROM document_files WHERE document_id = $1 AND kind = 'signed'`, [documentId])) as Array<{
      content: Buffer;
      layout: PdfBlanks;
    }>;
    return row ? { content: row.content, layout: row.layout } : null;
  }
}
