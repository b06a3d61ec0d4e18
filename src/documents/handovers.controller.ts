import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { HandoversService } from './handovers.service.js';
import { CreateAbsenceDto, CreateHandoverDto } from './dto/handover.dto.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class HandoversController {
  constructor(private readonly handovers: HandoversService) {}

  /** Hands the task waiting for the caller to a deputy of the same agency, who then acts on the caller's behalf. */
  @Post('documents/:id/handovers')
  handOver(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Body() dto: CreateHandoverDto, @ReqMeta() meta: RequestMeta) {
    return this.handovers.handOver(user, id, dto, meta);
  }

  @Delete('documents/:id/handovers/:handoverId')
  endHandover(
    @User() user: CurrentUser,
    @Param('id', new UuidPipe()) id: string,
    @Param('handoverId', new UuidPipe('handoverId')) handoverId: string,
    @ReqMeta() meta: RequestMeta,
  ) {
    return this.handovers.endHandover(user, id, handoverId, meta);
  }

  @Get('absences')
  listAbsences(@User() user: CurrentUser) {
    return this.handovers.listAbsences(user);
  }

  @Post('absences')
  createAbsence(@User() user: CurrentUser, @Body() dto: CreateAbsenceDto, @ReqMeta() meta: RequestMeta) {
    return this.handovers.createAbsence(user, dto, meta);
  }

  @Delete('absences/:id')
  @HttpCode(204)
  endAbsence(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    return this.handovers.endAbsence(user, id, meta);
  }
}
