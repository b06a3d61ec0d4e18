import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditVerifyService } from './audit-verify.service.js';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AuditController } from './audit.controller.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditQueryService, AuditVerifyService, AuditAnchorService],
  exports: [AuditService, AuditAnchorService],
})
export class AuditModule {}
