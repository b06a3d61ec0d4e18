import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { fileResponse } from '../common/file-response.js';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { InvalidInputError } from '../common/domain-error.js';
import { IncomingService } from './incoming.service.js';
import { AssignIncomingDto, CommentDto, ListIncomingQuery, ReasonDto, RecallAnswerDto } from './dto/incoming.dto.js';

/** The incoming desk (văn bản đến) of the caller's agency. */
@ApiTags('incoming')
@ApiBearerAuth()
@Controller()
export class IncomingController {
  constructor(private readonly incoming: IncomingService) {}

  @Get('incoming')
  list(@User() user: CurrentUser, @Query() q: ListIncomingQuery) {
    return this.incoming.list(user, { status: q.status, recall: q.recall === 'true' });
  }

  @Get('incoming/:id')
  get(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string) {
    return this.incoming.get(user, id);
  }

  @Get('incoming/:id/attachments/:attachmentId')
  async attachment(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('attachmentId', new UuidPipe('attachmentId')) attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const a = await this.incoming.attachment(user, id, attachmentId);
    return fileResponse(res, { name: a.name, contentType: a.content_type, content: a.content });
  }

  @Post('incoming/:id/register')
  @HttpCode(200)
  register(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    return this.incoming.register(user, id, meta);
  }

  @Post('incoming/:id/refuse')
  @HttpCode(200)
  refuse(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: ReasonDto, @ReqMeta() meta: RequestMeta) {
    return this.incoming.refuse(user, id, dto.reason.normalize('NFC').trim(), meta);
  }

  @Post('incoming/:id/assign')
  @HttpCode(200)
  assign(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: AssignIncomingDto, @ReqMeta() meta: RequestMeta) {
    return this.incoming.assign(user, id, dto, meta);
  }

  @Post('incoming/:id/progress')
  @HttpCode(200)
  progress(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: CommentDto, @ReqMeta() meta: RequestMeta) {
    return this.incoming.progress(user, id, dto.comment?.normalize('NFC').trim() || null, meta);
  }

  @Post('incoming/:id/complete')
  @HttpCode(200)
  complete(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: CommentDto, @ReqMeta() meta: RequestMeta) {
    return this.incoming.complete(user, id, dto.comment?.normalize('NFC').trim() || null, meta);
  }

  @Post('incoming/:id/recall-answer')
  @HttpCode(200)
  answerRecall(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: RecallAnswerDto, @ReqMeta() meta: RequestMeta) {
    return this.incoming.answerRecall(user, id, dto.agree, dto.reason?.normalize('NFC').trim() || null, meta);
  }

  /**
   * An edXML message (QCVN 102:2016) for the caller's agency, as `application/xml`: a document package lands on the
   * incoming desk (a recall package asks a received copy back); a status message moves a delivery of one of the
   * agency's own documents.
   */
  @Post('exchange/messages')
  @HttpCode(200)
  @ApiConsumes('application/xml', 'text/xml')
  @Header('Cache-Control', 'no-store')
  importMessage(@User() user: CurrentUser, @Body() body: unknown, @ReqMeta() meta: RequestMeta) {
    if (typeof body !== 'string' || body.length === 0) {
      throw new InvalidInputError([{ field: 'body', reason: 'must be an edXML message sent as application/xml' }]);
    }
    return this.incoming.importMessage(user, body, meta);
  }
}
