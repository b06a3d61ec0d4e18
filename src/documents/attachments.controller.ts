import { Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { fileResponse } from '../common/file-response.js';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { AttachmentsService } from './attachments.service.js';

/** What multer hands over of an uploaded file (memory storage). */
interface UploadedAttachment {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** Attachments of a document: multipart upload (field `file`) by the drafter while drafting, download by its readers. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  add(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.attachments.add(user, id, file, meta);
  }

  /** The file; once issued, the copy signed by the agency (`?original=true`: as uploaded). */
  @Get(':attachmentId')
  async download(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('attachmentId', new UuidPipe('attachmentId')) attachmentId: string,
    @Query('original') original: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return fileResponse(res, await this.attachments.download(user, id, attachmentId, original === 'true'));
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  async remove(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('attachmentId', new UuidPipe('attachmentId')) attachmentId: string,
    @ReqMeta() meta: RequestMeta,
  ) {
    await this.attachments.remove(user, id, attachmentId, meta);
  }
}
