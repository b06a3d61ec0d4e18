/**
 * An issued document as an edXML package (domain notes §6, §7): what the issuer's system fills itself — the issuer's
 * identifier, number and symbol, the promulgation date in Vietnam time, the signer from the frozen signature block, the
 * places it goes to (addressees, then copies, with their notes: what `- Như trên;` stands for) — for one receiving
 * agency. The same package feeds an agency of this system (its
 * incoming desk) and one outside (the exchange), so both receive the same facts.
 */
import { findDocumentType } from '../registers/document-types.js';
import { formatNumber } from '../registers/build-symbol.js';
import type { Urgency } from '../documents/document-marks.js';
import type { DocumentDetailRow } from '../documents/document-view.js';
import { documentIdOf, edxmlDate, edxmlTimestamp, type EdxmlAttachment, type EdxmlBusinessType, type EdxmlOrgan, type EdxmlPackage } from './edxml.js';

/** edXML Priority: 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc. */
export const PRIORITY_OF: Record<Urgency, 0 | 1 | 2 | 3> = { normal: 0, khan: 1, 'thuong-khan': 2, 'hoa-toc': 3 };

/** The agency's identifier on the axis; its code when it has none yet (identifiers are data, domain notes §6). */
export function organIdOf(agency: { organId: string | null; code: string }): string {
  return agency.organId ?? agency.code;
}

/**
 * SignerInfo from the signature block as signed (mark lines, title, full name): Competence is the mark lines
 * (`TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG`), Position the title under them, FullName the name.
 */
export function signerInfoOf(block: string[]): { competence: string; position: string; fullName: string } {
  if (block.length < 2) throw new Error('a signature block has at least a title and a name');
  return { competence: block.slice(0, -2).join(' / '), position: block[block.length - 2], fullName: block[block.length - 1] };
}

/** Every place the document goes, as printed: addressees then copies, notes kept (`PCT Mai Xuân Liêm (để b/c)`). */
export function toPlacesOf(row: Pick<DocumentDetailRow, 'recipients'>): string[] {
  const ordered = [...row.recipients.filter((r) => r.role === 'addressee'), ...row.recipients.filter((r) => r.role === 'copy')];
  return ordered.map((r) => (r.note ? `${r.name} (${r.note.replace(/^\((.*)\)$/, '$1')})` : r.name));
}

export function outgoingPackage(
  row: DocumentDetailRow,
  to: EdxmlOrgan,
  business: { type: EdxmlBusinessType; reason?: string | null },
  now: Date,
  attachments: EdxmlAttachment[] = [],
): EdxmlPackage {
  if (row.number === null || !row.symbol || !row.issued_at || !row.signature_block) {
    throw new Error(`document ${row.id} is not issued: it has no number, symbol, date or signature`);
  }
  const from: EdxmlOrgan = { organId: organIdOf(row.issuer), organName: row.issuer.name };
  const promulgationDate = edxmlDate(new Date(row.issued_at));
  const numberSymbol = `${formatNumber(row.number)}/${row.symbol}`;
  return {
    from,
    to: [to],
    documentId: documentIdOf(from.organId, promulgationDate, numberSymbol),
    codeNumber: formatNumber(row.number),
    codeNotation: row.symbol,
    place: row.issuer.place,
    promulgationDate,
    typeName: findDocumentType(row.type)?.name ?? row.type,
    subject: row.subject,
    content: row.body || null,
    signer: signerInfoOf(row.signature_block),
    dueDate: null,
    toPlaces: toPlacesOf(row),
    priority: PRIORITY_OF[row.urgency as Urgency] ?? 0,
    promulgationAmount: null,
    pageAmount: null,
    traces: [{ organId: from.organId, timestamp: edxmlTimestamp(now) }],
    business: { type: business.type, reason: business.reason ?? null },
    attachments,
  };
}
