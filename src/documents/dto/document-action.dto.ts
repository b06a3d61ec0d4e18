import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

/** `complete` closes distribution (the clerk), until receipts from every recipient close it by themselves. */
export const DOCUMENT_ACTIONS = ['submit', 'approve', 'return', 'sign', 'issue', 'withdraw', 'complete'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

export class DocumentActionDto {
  @ApiProperty({ enum: DOCUMENT_ACTIONS })
  @IsIn(DOCUMENT_ACTIONS, { message: `must be one of ${DOCUMENT_ACTIONS.join(', ')}` })
  action: DocumentAction;

  @ApiPropertyOptional({ description: 'Required when returning a document' })
  @ValidateIf((o: DocumentActionDto) => o.action === 'return' || o.comment !== undefined)
  @IsString({ message: 'is required when returning a document' })
  @Matches(/\S/, { message: 'is required when returning a document and must not be blank' })
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The version the client saw; a stale one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
