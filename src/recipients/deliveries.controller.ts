import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { DocumentsService } from '../documents/documents.service.js';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveryStatusDto, ReasonDto } from './dto/incoming.dto.js';

/** The sender's side of distribution: receipts, what needs the clerk, recall. */
@ApiTags('distribution')
@ApiBearerAuth()
@Controller()
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly documents: DocumentsService,
  ) {}

  /** Refused deliveries and messages the exchange would not take: the clerk's to handle. */
  @Get('deliveries/flagged')
  flagged(@User() user: CurrentUser) {
    return this.deliveries.flagged(user);
  }

  /** A status the recipient gave outside the system (by hand, mail, phone), recorded by the issuing clerk. */
  @Post('deliveries/:id/status')
  @HttpCode(200)
  record(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: DeliveryStatusDto, @ReqMeta() meta: RequestMeta) {
    return this.deliveries.record(user, id, dto.code, dto.reason?.normalize('NFC').trim() || null, meta);
  }

  /** Recall (thu hồi) of an issued document, with its reason. */
  @Post('documents/:id/recall')
  @HttpCode(200)
  async recall(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: ReasonDto, @ReqMeta() meta: RequestMeta) {
    await this.deliveries.recall(user, id, dto.reason.normalize('NFC').trim(), meta);
    return this.documents.get(user, id);
  }
}
