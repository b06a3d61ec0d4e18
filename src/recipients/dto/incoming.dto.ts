import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { RECEIPT_CODES, type ReceiptCode } from '../status-codes.js';

export class ReasonDto {
  @ApiProperty({ example: 'Văn bản gửi nhầm đơn vị.' })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}

export class CommentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

/** The phiếu giải quyết: lead unit, coordinating units, deadline. */
export class AssignIncomingDto {
  @ApiProperty({ format: 'uuid', description: 'the lead unit (đơn vị chủ trì), a unit of the receiving agency' })
  @IsUUID('all')
  leadUnitId: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'coordinating units (đơn vị phối hợp)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];

  @ApiPropertyOptional({ example: '2026-12-15', description: 'handling deadline (a date)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  deadline?: string;
}

export class RecallAnswerDto {
  @ApiProperty({ description: 'true: agree (15, the copy leaves the desk); false: refuse (16, reason required)' })
  @IsBoolean()
  agree: boolean;

  @ApiPropertyOptional()
  @ValidateIf((o: RecallAnswerDto) => o.agree === false || o.reason !== undefined)
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'is required to refuse a recall and must not be blank' })
  reason?: string;
}

export class DeliveryStatusDto {
  @ApiProperty({ enum: RECEIPT_CODES, description: '01 arrived, 02 refused (reason required), 03 registered, 04 assigned, 05 in progress, 06 completed' })
  @IsIn(RECEIPT_CODES, { message: `must be one of ${RECEIPT_CODES.join(', ')}` })
  code: ReceiptCode;

  @ApiPropertyOptional()
  @ValidateIf((o: DeliveryStatusDto) => o.code === '02' || o.reason !== undefined)
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'is required for status 02 and must not be blank' })
  reason?: string;
}

export class ListIncomingQuery {
  @ApiPropertyOptional({ enum: RECEIPT_CODES })
  @IsOptional()
  @IsIn(RECEIPT_CODES)
  status?: ReceiptCode;

  @ApiPropertyOptional({ description: 'only documents whose recall waits for an answer' })
  @IsOptional()
  @IsIn(['true', 'false'])
  recall?: 'true' | 'false';
}
