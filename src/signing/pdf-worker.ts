/**
 * The CPU-bound PDF work — laying out a page with pdfkit, signing, drawing the issued page — as functions a worker
 * thread runs (pdf-work.ts), so that the server's event loop keeps answering requests meanwhile. Buffers arrive as
 * Uint8Array (structured clone) and are turned back into Buffers here.
 */
import type { OfficialPage } from '../rendering/compose-page.js';
import { renderPdf, renderPdfWithBlanks, type PdfBlanks, type PdfInfo } from '../rendering/render-pdf.js';
import { completeIssuedPage, stampAttachment, type IssuedFacts } from './issued-page.js';
import { signPdf } from './sign-pdf.js';
import { renderTaskFiguresPdf, type TaskFiguresReport } from '../document-tasks/task-figures-pdf.js';

const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const maybe = (u: Uint8Array | null | undefined) => (u ? buf(u) : null);

export interface SignArgs {
  pdf: Uint8Array;
  p12: Uint8Array;
  passphrase: string;
  what: { name: string; reason: string; location: string; at: Date };
}

export function render(a: { page: OfficialPage; info: PdfInfo }): Promise<Buffer> {
  return renderPdf(a.page, { ...a.info, signatureImage: maybe(a.info.signatureImage) });
}

export function renderWithBlanks(a: { page: OfficialPage; info: PdfInfo }): Promise<{ pdf: Buffer; blanks: PdfBlanks }> {
  return renderPdfWithBlanks(a.page, { ...a.info, signatureImage: maybe(a.info.signatureImage) });
}

export function sign(a: SignArgs): Promise<Buffer> {
  return signPdf(buf(a.pdf), buf(a.p12), a.passphrase, a.what);
}

export function complete(a: { signed: Uint8Array; blanks: PdfBlanks; facts: IssuedFacts }): Promise<Buffer> {
  return completeIssuedPage(buf(a.signed), a.blanks, { ...a.facts, seal: maybe(a.facts.seal) });
}

export function stamp(a: { pdf: Uint8Array; numberSymbol: string; at: Date }): Promise<Buffer> {
  return stampAttachment(buf(a.pdf), a.numberSymbol, a.at);
}

export function taskFigures(a: TaskFiguresReport): Promise<Buffer> {
  return renderTaskFiguresPdf({ ...a, at: new Date(a.at) });
}
