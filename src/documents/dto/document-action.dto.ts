import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

/**
 * The actions of the shipped routes. A route names its own (cv:actions, message names), so any well-formed name is
 * accepted here and the document's route decides: an action it does not offer now is a 409 with the allowed ones.
 * `complete` closes distribution (the clerk), until receipts from every recipient close it by themselves.
 */
export const DOCUMENT_ACTIONS = ['submit', 'approve', 'return', 'sign', 'issue', 'withdraw', 'complete'] as const;

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

  @ApiPropertyOptional({ description: 'The version the client saw; a stale one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
