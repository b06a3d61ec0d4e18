import { Controller, Delete, Get, HttpCode, Param, Put, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error.js';
import { fileResponse } from '../common/file-response.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { checkImage, IMAGE_MAX_BYTES } from './signature-images.js';

interface Upload {
  buffer: Buffer;
}

/**
 * A person's handwritten signature image (their own to set) and an agency's seal image (set by its clerk, who keeps
 * the seal, or an administrator). PNG, multipart field `file`. Every change is audited; documents already signed or
 * issued keep the image they were made with.
 */
@ApiTags('signing')
@ApiBearerAuth()
@Controller()
export class SignatureImagesController {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get('me/signature-image')
  async mySignature(@User() user: CurrentUser, @Res({ passthrough: true }) res: Response) {
    const [row] = (await this.db.query(`SELECT signature_image FROM users WHERE id = $1`, [user.id])) as Array<{ signature_image: Buffer | null }>;
    if (!row?.signature_image) throw new NotFoundError('signature image', user.username);
    return fileResponse(res, { name: 'chu-ky.png', contentType: 'image/png', content: row.signature_image }, 'inline');
  }

  @Put('me/signature-image')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMAGE_MAX_BYTES, files: 1 } }))
  async setMySignature(@User() user: CurrentUser, @UploadedFile() file: Upload | undefined, @ReqMeta() meta: RequestMeta) {
    const image = await this.checked(file);
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET signature_image = $2 WHERE id = $1`, [user.id, file!.buffer]);
      await this.audit.record(m, user, meta, { action: 'signature-image-set', documentId: null, comment: `${image.width}×${image.height}, SHA-256 ${image.sha256}` });
    });
    return image;
  }

  @Delete('me/signature-image')
  @HttpCode(204)
  async removeMySignature(@User() user: CurrentUser, @ReqMeta() meta: RequestMeta) {
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET signature_image = NULL WHERE id = $1`, [user.id]);
      await this.audit.record(m, user, meta, { action: 'signature-image-remove', documentId: null, comment: null });
    });
  }

  @Get('agencies/:id/seal-image')
  async seal(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    this.mayKeepSeal(user, id);
    const [row] = (await this.db.query(`SELECT seal_image FROM agencies WHERE id = $1`, [id])) as Array<{ seal_image: Buffer | null }>;
    if (!row?.seal_image) throw new NotFoundError('seal image', id);
    return fileResponse(res, { name: 'con-dau.png', contentType: 'image/png', content: row.seal_image }, 'inline');
  }

  @Put('agencies/:id/seal-image')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMAGE_MAX_BYTES, files: 1 } }))
  async setSeal(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @UploadedFile() file: Upload | undefined, @ReqMeta() meta: RequestMeta) {
    this.mayKeepSeal(user, id);
    const image = await this.checked(file);
    await this.db.transaction(async (m) => {
      const [agency] = (await m.query(`SELECT id FROM agencies WHERE id = $1 FOR UPDATE`, [id])) as unknown[];
      if (!agency) throw new NotFoundError('agency', id);
      await m.query(`UPDATE agencies SET seal_image = $2 WHERE id = $1`, [id, file!.buffer]);
      await this.audit.record(m, user, meta, { action: 'seal-image-set', documentId: null, comment: `agency ${id}: ${image.width}×${image.height}, SHA-256 ${image.sha256}` });
    });
    return image;
  }

  /** The clerk (văn thư) keeps the agency's seal (Decree 30/2020 art. 32); an administrator may set it up. */
  private mayKeepSeal(user: CurrentUser, agencyId: string): void {
    if (user.roles.includes('admin') || (user.roles.includes('clerk') && user.agencyId === agencyId)) return;
    throw new ForbiddenError('SEAL_KEEPER_ONLY', "Only the agency's clerk or an administrator manages its seal image");
  }

  private async checked(file: Upload | undefined) {
    if (!file) throw new InvalidInputError([{ field: 'file', reason: 'a PNG image is required (multipart field "file")' }]);
    const check = checkImage(file.buffer);
    if ('problem' in check) throw new InvalidInputError([{ field: 'file', reason: check.problem }]);
    return { ...check, size: file.buffer.length, sha256: createHash('sha256').update(file.buffer).digest('hex') };
  }
}
