import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { DocumentTableController, DocumentTasksController } from './document-tasks.controller.js';
import { DocumentTasksService } from './document-tasks.service.js';
import { TaskRemindersService } from './task-reminders.service.js';

/** Tasks assigned by documents: the table, the lead units' reports, the issuer's decisions, reminders, figures. */
@Module({
  imports: [
    DocumentsModule,
    SigningModule,
    // Evidence files and imported tables stay in memory on their way into the database (at most ATTACHMENT_MAX_BYTES each).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.attachmentMaxBytes, files: 5, fields: 10 } }),
    }),
  ],
  controllers: [DocumentTableController, DocumentTasksController],
  providers: [DocumentTasksService, TaskRemindersService],
  exports: [DocumentTasksService, TaskRemindersService],
})
export class DocumentTasksModule {}
