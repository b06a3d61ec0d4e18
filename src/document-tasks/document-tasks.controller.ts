import { Body, Controller, Get, Param, Post, Put, Query, Res, UploadedFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { fileResponse } from '../common/file-response.js';
import { DocumentTasksService } from './document-tasks.service.js';
import { taskFiguresCsv } from './task-figures-csv.js';
import { ReminderLetterDto, SetTasksDto, TaskFiguresQuery, TaskListQuery, TaskReportDto, TaskReviewDto, TaskUnitDto } from './dto/task-table.dto.js';

interface Upload {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** The tasks table of a document: read by its readers, set or imported by its drafter while drafting. */
@ApiTags('document tasks')
@ApiBearerAuth()
@Controller('documents/:id')
export class DocumentTableController {
  constructor(private readonly tasks: DocumentTasksService) {}

  @Get('tasks')
  table(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string) {
    return this.tasks.table(user, id);
  }

  @Put('tasks')
  set(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: SetTasksDto, @ReqMeta() meta: RequestMeta) {
    return this.tasks.setTable(user, id, dto, meta);
  }

  /** The appendix as a CSV or .xlsx (multipart field `file`): TT, Nội dung nhiệm vụ, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn thành. */
  @Post('tasks/import')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  import(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @UploadedFile() file: Upload | undefined, @ReqMeta() meta: RequestMeta) {
    return this.tasks.importTable(user, id, file, meta);
  }

  /** Drafts the reminder letter (công văn đôn đốc) of the document's overdue tasks: 201 with the new draft. */
  @Post('reminder-letter')
  reminderLetter(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: ReminderLetterDto, @ReqMeta() meta: RequestMeta) {
    return this.tasks.reminderLetter(user, id, dto, meta);
  }
}

/** Tasks as the lead units and the issuers work on them. */
@ApiTags('document tasks')
@ApiBearerAuth()
@Controller('document-tasks')
export class DocumentTasksController {
  constructor(private readonly tasks: DocumentTasksService) {}

  @Get()
  list(@User() user: CurrentUser, @Query() q: TaskListQuery) {
    return this.tasks.list(user, q);
  }

  /** Done on time, done late, overdue, in progress: per issuing document and per lead unit. */
  @Get('report')
  figures(@User() user: CurrentUser, @Query() q: TaskFiguresQuery) {
    return this.tasks.figures(user, q);
  }

  @Get('report.csv')
  @ApiProduces('text/csv')
  async figuresCsv(@User() user: CurrentUser, @Query() q: TaskFiguresQuery, @Res({ passthrough: true }) res: Response) {
    const csv = taskFiguresCsv(await this.tasks.figures(user, q));
    return fileResponse(res, { name: 'bao-cao-nhiem-vu.csv', contentType: 'text/csv; charset=utf-8', content: Buffer.from(csv, 'utf8') });
  }

  @Get('report.pdf')
  @ApiProduces('application/pdf')
  async figuresPdf(@User() user: CurrentUser, @Query() q: TaskFiguresQuery, @Res({ passthrough: true }) res: Response) {
    return fileResponse(res, { name: 'bao-cao-nhiem-vu.pdf', contentType: 'application/pdf', content: await this.tasks.figuresPdf(user, q) });
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/unit')
  setUnit(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: TaskUnitDto, @ReqMeta() meta: RequestMeta) {
    return this.tasks.setUnit(user, id, dto.unitId, meta);
  }

  /** A report: JSON, or multipart with the evidence files (field `files`, up to 5) and the fields kind, text, answerDocumentId. */
  @Post(':id/reports')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FilesInterceptor('files', 5))
  report(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Body() dto: TaskReportDto,
    @UploadedFiles() files: Upload[] | undefined,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.tasks.report(user, id, dto, files ?? [], meta);
  }

  @Post(':id/review')
  review(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: TaskReviewDto, @ReqMeta() meta: RequestMeta) {
    return this.tasks.review(user, id, dto, meta);
  }

  @Get(':id/files/:fileId')
  async file(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('fileId', new UuidPipe('fileId')) fileId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return fileResponse(res, await this.tasks.file(user, id, fileId));
  }
}
