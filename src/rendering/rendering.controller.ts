import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { fileResponse } from '../common/file-response.js';
import { DocumentsService } from '../documents/documents.service.js';
import { renderPdf } from './render-pdf.js';

/** The official page as a PDF, at every stage (a draft shows a blank number and date, as the seed letters do). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id/pdf')
export class RenderingController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiProduces('application/pdf')
  async pdf(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta, @Res({ passthrough: true }) res: Response) {
    const doc = await this.documents.read(user, id, meta, 'read-pdf');
    const content = await renderPdf(doc.page, {
      title: doc.subject,
      author: doc.issuer.name,
      subject: doc.numberSymbol,
      createdAt: new Date(doc.issuedAt ?? doc.updatedAt),
    });
    const name = doc.numberSymbol ? `${doc.numberSymbol.replaceAll('/', '-')}.pdf` : `du-thao-${doc.id.slice(0, 8)}.pdf`;
    return fileResponse(res, { name, contentType: 'application/pdf', content }, 'inline');
  }
}
