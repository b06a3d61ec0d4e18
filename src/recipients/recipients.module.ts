import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveriesController } from './deliveries.controller.js';
import { IncomingService } from './incoming.service.js';
import { IncomingController } from './incoming.controller.js';
import { OutboxService } from './outbox.service.js';

/** Distribution and receipt: deliveries and their status codes, the outbox and the exchange (edXML), the incoming desk, recall. */
@Module({
  imports: [DocumentsModule, SigningModule],
  controllers: [DeliveriesController, IncomingController],
  providers: [DeliveriesService, IncomingService, OutboxService],
  exports: [OutboxService],
})
export class RecipientsModule {}
