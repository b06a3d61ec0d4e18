import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_TYPE_CODES } from '../../registers/document-types.js';

export class AssignRouteDto {
  @ApiProperty({ example: 'KH', description: 'the document type (code)' })
  @IsIn(DOCUMENT_TYPE_CODES)
  documentType: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the issuing agency; none: every agency without an assignment of its own' })
  @IsOptional()
  @IsUUID('all')
  issuerAgencyId?: string;

  @ApiProperty({ example: 'ke-hoach', description: 'the key of a deployed route (its process id)' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z][A-Za-z0-9_-]*$/)
  routeKey: string;
}
