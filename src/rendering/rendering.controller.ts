import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { fileResponse } from '../common/file-response.js';
import { DocumentsService } from '../documents/documents.service.js';
import { AttachmentsService } from '../documents/attachments.service.js';
import { verifyPdfSignatures } from '../signing/verify-pdf.js';
import { SignedRevisionService } from '../signing/signed-revision.service.js';
import { IssuedRevisionService, issuedFileName } from '../signing/issued-revision.service.js';
import { PdfWorkService } from '../signing/pdf-work.service.js';

/**
 * The official page as a PDF, and its signatures. Before signing: rendered now (a draft shows a blank number and
 * date, as the seed letters do). From signing until issue: the signer's signed revision. Once issued: the issued
 * revision — the signed one completed with number, date and seal, signed by the agency (issued-revision.service.ts).
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id')
export class RenderingController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly revisions: SignedRevisionService,
    private readonly issued: IssuedRevisionService,
    private readonly pdfWork: PdfWorkService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get('pdf')
  @ApiProduces('application/pdf')
  async pdf(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response) {
    const doc = await this.documents.read(user, id, meta, 'read-pdf');
    const signed = doc.number === null ? await this.revisions.get(id) : await this.issued.get(id);
    const content =
      signed ??
      (await this.pdfWork.render(doc.page, { title: doc.subject, author: doc.issuer.name, subject: doc.numberSymbol, createdAt: new Date(doc.issuedAt ?? doc.updatedAt) }));
    const name = doc.numberSymbol ? issuedFileName(doc.numberSymbol) : `${signed ? 'da-ky' : 'du-thao'}-${doc.id.slice(0, 8)}.pdf`;
    return fileResponse(res, { name, contentType: 'application/pdf', content }, 'inline');
  }

  /** The signatures of a PDF attached to the document (signed elsewhere, for instance): the same report. */
  @Get('attachments/:attachmentId/signatures')
  async attachmentSignatures(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('attachmentId', new UuidPipe('attachmentId')) attachmentId: string,
  ) {
    const file = await this.attachments.download(user, id, attachmentId);
    const pdf = file.content.subarray(0, 5).toString('latin1') === '%PDF-';
    return { file: file.name, pdf, signatures: pdf ? verifyPdfSignatures(file.content) : [] };
  }

  /**
   * The signatures of the document as it stands: the issued revision (the signer's, then the agency's) or the
   * signer's signed revision; for each: signer, certificate, time, whether valid, what it covers.
   */
  @Get('signatures')
  async signatures(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    const doc = await this.documents.read(user, id, meta, 'read-signatures');
    const issued = doc.number === null ? null : await this.issued.get(id);
    const signed = issued ?? (await this.revisions.get(id));
    return { file: issued ? 'issued' : signed ? 'signed' : null, signatures: signed ? verifyPdfSignatures(signed) : [] };
  }
}
