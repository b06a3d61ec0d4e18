import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsUUID, ValidateNested, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

/**
 * The actions of the shipped routes. A route names its own (cv:actions, message names), so any well-formed name is
 * accepted here and the document's route decides: an action it does not offer now is a 409 with the allowed ones.
 * `complete` closes distribution (the clerk), until receipts from every recipient close it by themselves.
 */
export const DOCUMENT_ACTIONS = ['submit', 'approve', 'return', 'sign', 'issue', 'withdraw', 'complete'] as const;

/** The units to consult (xin ý kiến) and the deadline given to them, chosen by the drafter or a reviewer. */
export class ConsultationDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'units of the issuing agency (GET /api/units)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  unitIds: string[];

  @ApiPropertyOptional({ example: '2026-12-04T17:00:00+07:00', description: 'late units are reminded when it passes' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string;
}

export const ANSWERS = ['agree', 'disagree', 'other'] as const;

export class DocumentActionDto {
  @ApiProperty({ example: 'approve', description: `an action of the document's route, e.g. ${DOCUMENT_ACTIONS.join(', ')}` })
  @IsString()
  @MaxLength(50)
  @Matches(/^[A-Za-z][A-Za-z0-9_-]*$/, { message: 'must be an action name (letters, digits, "-" and "_", starting with a letter)' })
  action: string;

  @ApiPropertyOptional({ description: 'Required when returning a document' })
  @ValidateIf((o: DocumentActionDto) => o.action === 'return' || o.comment !== undefined)
  @IsString({ message: 'is required when returning a document' })
  @Matches(/\S/, { message: 'is required when returning a document and must not be blank' })
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ enum: ANSWERS, description: 'A consulted unit’s answer (action "answer"): agree, disagree, other opinion' })
  @ValidateIf((o: DocumentActionDto) => o.action === 'answer' || o.answer !== undefined)
  @IsIn(ANSWERS, { message: `is required when answering a consultation and must be one of ${ANSWERS.join(', ')}` })
  answer?: (typeof ANSWERS)[number];

  @ApiPropertyOptional({ type: ConsultationDto, description: 'The units to consult, when the route consults next' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsultationDto)
  consultation?: ConsultationDto;

  @ApiPropertyOptional({ description: 'The version the client saw; a stale one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
