import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { User, type CurrentUser } from '../common/current-user.js';
import { ForbiddenError } from '../common/domain-error.js';
import { seesEverything } from '../documents/visibility.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditVerifyService } from './audit-verify.service.js';
import { AuditFilterDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { vietnamIso } from '../registers/format-date-line.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: AuditQueryService,
    private readonly verifier: AuditVerifyService,
  ) {}

  @Get()
  list(@User() user: CurrentUser, @Query() query: AuditQueryDto) {
    return this.queries.list(user, query);
  }

  /** The same query as CSV (UTF-8 with BOM), streamed. */
  @Get('export')
  @ApiProduces('text/csv')
  async export(@User() user: CurrentUser, @Query() query: AuditFilterDto, @Res() res: Response) {
    const stamp = vietnamIso(new Date()).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="nhat-ky-${stamp}.csv"`);
    try {
      await this.queries.exportCsv(user, query, res);
    } catch (err) {
      // A refusal comes before the first byte and is answered as JSON (not as a CSV file named for download); a failure
      // mid-stream can only cut it short.
      if (!res.headersSent) {
        res.removeHeader('Content-Type');
        res.removeHeader('Content-Disposition');
        throw err;
      }
      res.destroy(err as Error);
    }
  }

  /** Walks every chain and anchor; reports the first broken link. Archivists and admins. */
  @Get('verify')
  verify(@User() user: CurrentUser) {
    if (!seesEverything(user)) throw new ForbiddenError('AUDIT_ARCHIVISTS_ONLY', 'Only archivists and admins verify the audit trail');
    return this.verifier.verify();
  }
}
