import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DOCUMENT_TYPE_CODES } from '../registers/document-types.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { SignersService } from './signers.service.js';
import { CreateDelegationDto } from './dto/create-delegation.dto.js';

class SignerOptionsQuery {
  @IsIn(DOCUMENT_TYPE_CODES, { message: `must be one of ${DOCUMENT_TYPE_CODES.join(', ')}` })
  type: string;

  @IsOptional()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'must be a field code' })
  field?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  collective?: 'true' | 'false';
}

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

  /** Who may sign a new document of this type (and field), in which position, and the block each would print. */
  @Get('signers/options')
  signerOptions(@User() user: CurrentUser, @Query() q: SignerOptionsQuery) {
    return this.signers.signerOptions(user.agencyId, { type: q.type.normalize('NFC'), field: q.field ?? null, collective: q.collective === undefined ? undefined : q.collective === 'true' });
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
