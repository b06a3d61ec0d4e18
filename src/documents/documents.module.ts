import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AttachmentsController } from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';
import { RegistersModule } from '../registers/registers.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DocumentActionsService } from './document-actions.service.js';
import { HandoversService } from './handovers.service.js';
import { HandoversController } from './handovers.controller.js';
import { TimersService } from './timers.service.js';
import { TasksController } from './tasks.controller.js';
import { OutboxKick } from '../recipients/outbox-kick.js';

@Module({
  imports: [
    RegistersModule,
    SigningModule,
    // Uploads stay in memory (multer's default storage, no `dest`; at most ATTACHMENT_MAX_BYTES, one file) on their way into the database.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [DocumentsController, HandoversController, TasksController, AttachmentsController],
  providers: [DocumentsService, DocumentActionsService, HandoversService, TimersService, OutboxKick, AttachmentsService],
  exports: [TimersService, DocumentsService, DocumentActionsService, OutboxKick, AttachmentsService],
})
export class DocumentsModule {}
