import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DOCUMENT_DETAIL_SQL, pageOf, type DocumentDetailRow } from '../documents/document-view.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';
import { PdfWorkService } from './pdf-work.service.js';
import { SignedRevisionService } from './signed-revision.service.js';
import { SIGNING_PROVIDER, type SignerIdentity, type SigningProvider } from './signing-provider.js';

/** The issued PDF's file name: `01-UBND-CNTT.pdf`. */
export function issuedFileName(numberSymbol: string): string {
  return `${numberSymbol.replaceAll('/', '-')}.pdf`;
}

/**
 * The issued document as it has legal value (Decree 30/2020 art. 5): the signer's signed revision, completed at issue
 * with the number, the date and the seal image (an incremental update that keeps the signer's signature valid), then
 * signed by the issuing agency with the time of issue. Each PDF attachment gets the agency's signature too, shown as
 * text (issued-page.ts); the original stays beside the signed copy. Made once, the first time the issued document is
 * asked for, and kept (`document_files` kind `issued`), for the reason the signed revision is.
 */
@Injectable()
export class IssuedRevisionService {
  private readonly log = new Logger(IssuedRevisionService.name);

  constructor(
    private readonly db: DataSource,
    private readonly signed: SignedRevisionService,
    private readonly pdfWork: PdfWorkService,
    @Inject(SIGNING_PROVIDER) private readonly signing: SigningProvider,
  ) {}

  /** The issued revision, or null when the document is not issued yet. */
  async get(documentId: string): Promise<Buffer | null> {
    const stored = await this.stored(documentId);
    if (stored) return stored;
    const [row] = (await this.db.query(DOCUMENT_DETAIL_SQL, [documentId])) as DocumentDetailRow[];
    if (!row || row.number === null || !row.symbol || !row.issued_at || !row.date_line) return null;
    const revision = await this.signed.revision(documentId);
    if (!revision) return null;
    const layout =
      revision.layout ??
      // A revision signed before the layout was kept: the same page laid out again gives the same blanks.
      (await this.pdfWork.renderWithBlanks(pageOf({ ...row, number: null, symbol: null, date_line: null }, new Date(row.signed_at!)), {
        title: row.subject, author: row.issuer.name, subject: null, createdAt: new Date(row.signed_at!),
      })).blanks;
    const issuedAt = new Date(row.issued_at);
    const numberSymbol = formatNumberSymbol(row.number, row.symbol);
    const agency: SignerIdentity = { kind: 'agency', id: row.issuer.id, name: row.issuer.name, organization: row.issuer.name };
    const request = { reason: `Phát hành: ${numberSymbol}`, location: row.issuer.place, at: issuedAt };
    return this.db.transaction(async (m) => {
      const [{ seal_image: seal }] = (await m.query(`SELECT seal_image FROM agencies WHERE id = $1`, [row.issuer.id])) as Array<{ seal_image: Buffer | null }>;
      const completed = await this.pdfWork.complete(revision.content, layout, { number: row.number!, dateLine: row.date_line!, seal });
      const issued = await this.signing.sign(m, completed, agency, request);
      const [made] = (await m.query(
        `INSERT INTO document_files (document_id, kind, content, sha256) VALUES ($1, 'issued', $2, $3) ON CONFLICT (document_id, kind) DO NOTHING RETURNING id`,
        [documentId, issued, createHash('sha256').update(issued).digest('hex')],
      )) as Array<{ id: string }>;
      if (made) await this.signAttachments(m, documentId, numberSymbol, agency, request);
      return (await this.stored(documentId, m))!;
    });
  }

  /** The agency's signature on each PDF attachment; one it cannot sign keeps its reason (`signing_problem`). */
  private async signAttachments(m: EntityManager, documentId: string, numberSymbol: string, agency: SignerIdentity, request: { reason: string; location: string; at: Date }) {
    const rows = (await m.query(`SELECT id, name, content FROM document_attachments WHERE document_id = $1 AND signed_content IS NULL ORDER BY uploaded_at, id`, [documentId])) as Array<{
      id: string;
      name: string;
      content: Buffer;
    }>;
    for (const a of rows) {
      if (a.content.subarray(0, 5).toString('latin1') !== '%PDF-') continue;
      try {
        const signed = await this.signing.sign(m, await this.pdfWork.stamp(a.content, numberSymbol, request.at), agency, request);
        await m.query(`UPDATE document_attachments SET signed_content = $2, signed_sha256 = $3 WHERE id = $1`, [a.id, signed, createHash('sha256').update(signed).digest('hex')]);
      } catch (err) {
        // A PDF with a cross-reference stream, or damaged: sent as it came, and said so.
        const problem = `not signed: ${(err as Error).message}`;
        this.log.warn(`attachment ${a.name} of ${numberSymbol}: ${problem}`);
        await m.query(`UPDATE document_attachments SET signing_problem = $2 WHERE id = $1`, [a.id, problem]);
      }
    }
  }

  private async stored(documentId: string, m = this.db.manager): Promise<Buffer | null> {
    const [row] = (await m.query(`SELECT content FROM document_files WHERE document_id = $1 AND kind = 'issued'`, [documentId])) as Array<{ content: Buffer }>;
    return row?.content ?? null;
  }
}
