import { Module } from '@nestjs/common';
import { RegistersModule } from '../registers/registers.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DocumentActionsService } from './document-actions.service.js';

@Module({
  imports: [RegistersModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentActionsService],
})
export class DocumentsModule {}
