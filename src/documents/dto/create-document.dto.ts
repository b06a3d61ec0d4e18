import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DOCUMENT_TYPE_CODES } from '../../registers/document-types.js';
import { CONFIDENTIALITIES, URGENCIES, type Confidentiality, type Urgency } from '../document-marks.js';

export class CopyRecipientDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be the id of a recipient (GET /api/recipients)' })
  recipientId: string;

  @ApiPropertyOptional({ example: 'để b/c' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class CreateDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPE_CODES, example: 'CV' })
  @IsIn(DOCUMENT_TYPE_CODES, { message: `must be one of ${DOCUMENT_TYPE_CODES.join(', ')}` })
  type: string;

  @ApiProperty({ example: 'Triển khai chuyển đổi số năm 2026', description: 'Trích yếu' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'must not be blank' })
  subject: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  body?: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Kính gửi: recipient ids, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be the id of a recipient (GET /api/recipients)' })
  addressees: string[];

  @ApiPropertyOptional({ type: [CopyRecipientDto], description: 'Nơi nhận besides the addressees' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CopyRecipientDto)
  copiesTo?: CopyRecipientDto[];

  @ApiPropertyOptional({ enum: URGENCIES, default: 'normal' })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ enum: CONFIDENTIALITIES, default: 'normal' })
  @IsOptional()
  @IsIn(CONFIDENTIALITIES)
  confidentiality?: Confidentiality;

  @ApiProperty({ format: 'uuid', description: 'The chosen signer (GET /api/documents/:id/signers, GET /api/signers)' })
  @IsUUID('all', { message: 'must be the id of a signer (GET /api/signers)' })
  signerId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The position he signs in, when he holds several' })
  @IsOptional()
  @IsUUID('all')
  signerPositionId?: string;

  @ApiPropertyOptional({ description: 'A collective document, signed TM.; default: set by the type (agency setting)' })
  @IsOptional()
  @IsBoolean()
  collective?: boolean;

  @ApiPropertyOptional({ description: 'A legal normative document (văn bản quy phạm pháp luật): own series, year in the symbol' })
  @IsOptional()
  @IsBoolean()
  legalNormative?: boolean;

  @ApiPropertyOptional({ description: 'Needs legal review (thẩm định) by Sở Tư pháp before signing; routes read it as doc.flags.needsLegalReview' })
  @IsOptional()
  @IsBoolean()
  needsLegalReview?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'A correction (đính chính): the issued document this công văn corrects' })
  @IsOptional()
  @IsUUID('all')
  corrects?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A replacement: the issued document of the same type this one replaces' })
  @IsOptional()
  @IsUUID('all')
  replaces?: string;

  @ApiPropertyOptional({ example: 'chuyen-doi-so', description: 'The field (lĩnh vực), against a deputy’s assigned fields' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,100}$/, { message: 'must be a field code: lower-case letters, digits and "-"' })
  field?: string;

  @ApiPropertyOptional({ type: [String], example: ['HC-KSTTHC'], description: 'Units keeping a copy besides the drafting unit: `- Lưu: VT, HC-KSTTHC, CNXDKH.`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[\p{L}\p{N}&-]{1,30}$/u, { each: true, message: 'each must be a unit code: letters, digits, "-" and "&"' })
  filingUnitCodes?: string[];

  @ApiPropertyOptional({ example: 'Hantt', description: 'The drafter’s initials, appended to the `- Lưu:` line' })
  @IsOptional()
  @Matches(/^[\p{L}]{1,20}$/u, { message: 'must be letters only (at most 20)' })
  drafterInitials?: string;

  @ApiPropertyOptional({ example: 5, description: 'Copies kept (số lượng bản lưu), printed on the `- Lưu:` line' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  archiveCopies?: number;
}
