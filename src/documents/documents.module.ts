import { Module } from '@nestjs/common';
import { RegistersModule } from '../registers/registers.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DocumentActionsService } from './document-actions.service.js';
import { HandoversService } from './handovers.service.js';
import { HandoversController } from './handovers.controller.js';
import { TimersService } from './timers.service.js';
import { TasksController } from './tasks.controller.js';
import { OutboxKick } from '../recipients/outbox-kick.js';

@Module({
  imports: [RegistersModule],
  controllers: [DocumentsController, HandoversController, TasksController],
  providers: [DocumentsService, DocumentActionsService, HandoversService, TimersService, OutboxKick],
  exports: [TimersService, DocumentsService, DocumentActionsService, OutboxKick],
})
export class DocumentsModule {}
