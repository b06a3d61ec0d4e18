import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { DocumentsService } from './documents.service.js';
import { DocumentActionsService } from './document-actions.service.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';
import { UpdateDocumentDto } from './dto/update-document.dto.js';
import { DocumentActionDto } from './dto/document-action.dto.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly actions: DocumentActionsService,
  ) {}

  @Post()
  create(@User() user: CurrentUser, @Body() dto: CreateDocumentDto, @ReqMeta() meta: RequestMeta) {
    return this.documents.create(user, dto, meta);
  }

  @Get()
  list(@User() user: CurrentUser, @Query() query: ListDocumentsQuery) {
    return this.documents.list(user, query);
  }

  @Get('counts')
  counts(@User() user: CurrentUser) {
    return this.documents.counts(user);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    return this.documents.read(user, id, meta);
  }

  @Patch(':id')
  update(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Body() dto: UpdateDocumentDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.documents.update(user, id, dto, meta);
  }

  @Post(':id/actions')
  @HttpCode(200)
  act(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Body() dto: DocumentActionDto,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.actions.act(user, id, dto, meta);
  }

  @Get(':id/history')
  history(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    return this.documents.history(user, id, meta);
  }
}
