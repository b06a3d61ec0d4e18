import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DOCUMENT_TYPE_CODES } from '../../registers/document-types.js';

export class CreateDelegationDto {
  @ApiProperty({ enum: ['TUQ', 'KT'], description: 'TUQ.: sign in the head’s name; KT.: a deputy beyond his fields' })
  @IsIn(['TUQ', 'KT'])
  kind: 'TUQ' | 'KT';

  @ApiProperty({ format: 'uuid', description: 'the head’s position (e.g. CHỦ TỊCH)' })
  @IsUUID('all')
  grantorPositionId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  granteeUserId: string;

  @ApiProperty({ format: 'uuid', description: 'the grantee’s own position, printed under TUQ.' })
  @IsUUID('all')
  granteePositionId: string;

  @ApiPropertyOptional({ type: [String], description: 'types covered; none: every type' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsIn(DOCUMENT_TYPE_CODES, { each: true })
  documentTypes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'fields covered; none: every field' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  fields?: string[];

  @ApiProperty({ example: '2026-01-01T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ example: '2026-12-31T23:59:59+07:00' })
  @IsISO8601({ strict: true })
  validTo: string;

  @ApiPropertyOptional({ example: 'Quyết định số 12/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reference?: string;
}
