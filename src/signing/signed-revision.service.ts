import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOCUMENT_DETAIL_SQL, pageOf, type DocumentDetailRow } from '../documents/document-view.js';
import { renderPdf } from '../rendering/render-pdf.js';
import { SIGNING_PROVIDER, type SigningProvider } from './signing-provider.js';

/**
 * The signer's signed revision of a document: the official page with the block as signed (number and date still
 * blank), signed by the signer through the signing provider with the time of the `sign` action. Made once, the first
 * time it is asked for after signing, and kept (`document_files`): rendering and signing cost hundreds of
 * milliseconds of CPU, which the action itself does not wait for (measured: doing it inside the action cut the bench
 * from about 150 to 23 actions/s on this machine).
 */
@Injectable()
export class SignedRevisionService {
  constructor(
    private readonly db: DataSource,
    @Inject(SIGNING_PROVIDER) private readonly signing: SigningProvider,
  ) {}

  /** The signed revision, or null when the document is not signed yet. */
  async get(documentId: string): Promise<Buffer | null> {
    const stored = await this.stored(documentId);
    if (stored) return stored;
    return this.db.transaction(async (m) => {
      const [row] = (await m.query(DOCUMENT_DETAIL_SQL, [documentId])) as DocumentDetailRow[];
      if (!row?.signed_at || !row.signature_block) return null;
      const signedAt = new Date(row.signed_at);
      const page = pageOf({ ...row, number: null, symbol: null, date_line: null }, signedAt);
      const pdf = await renderPdf(page, { title: row.subject, author: row.issuer.name, subject: null, createdAt: signedAt });
      const signed = await this.signing.sign(m, pdf, { kind: 'user', id: row.signer.id, name: row.signer.fullName, organization: row.issuer.name }, {
        reason: `Ký ban hành: ${row.signature_block.slice(0, -1).join(' / ')}`,
        location: row.issuer.place,
        at: signedAt,
      });
      await m.query(
        `INSERT INTO document_files (document_id, kind, content, sha256) VALUES ($1, 'signed', $2, $3) ON CONFLICT (document_id, kind) DO NOTHING`,
        [documentId, signed, createHash('sha256').update(signed).digest('hex')],
      );
      // Another request may have made it first: the stored one is the revision.
      return (await m.query(`SELECT content FROM document_files WHERE document_id = $1 AND kind = 'signed'`, [documentId]))[0].content as Buffer;
    });
  }

  private async stored(documentId: string): Promise<Buffer | null> {
    const [row] = (await this.db.query(`SELECT content FROM document_files WHERE document_id = $1 AND kind = 'signed'`, [documentId])) as Array<{ content: Buffer }>;
    return row?.content ?? null;
  }
}
