import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { SignersService } from './signers.service.js';
import { CreateDelegationDto } from './dto/create-delegation.dto.js';

@ApiTags('signers')
@ApiBearerAuth()
@Controller()
export class SignersController {
  constructor(private readonly signers: SignersService) {}

  /** Who may sign this document, in which position, and the block each would print. */
  @Get('documents/:id/signers')
  signersFor(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string) {
    return this.signers.signersFor(user, id);
  }

  @Get('delegations')
  list(@User() user: CurrentUser) {
    return this.signers.listDelegations(user);
  }

  @Post('delegations')
  async create(@User() user: CurrentUser, @Body() dto: CreateDelegationDto, @ReqMeta() meta: RequestMeta) {
    const id = await this.signers.createDelegation(user, dto, meta);
    return this.signers.getDelegation(user, id);
  }

  /** Revokes an authorisation (it stays on record, revoked). */
  @Delete('delegations/:id')
  @HttpCode(204)
  async revoke(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @ReqMeta() meta: RequestMeta) {
    await this.signers.revokeDelegation(user, id, meta);
  }
}
