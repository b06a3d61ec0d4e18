import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

export class TaskInputDto {
  @ApiPropertyOptional({ example: 'I. Về thể chế', description: 'The section of the table the task is under' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  section?: string;

  @ApiProperty({ description: 'Nội dung nhiệm vụ' })
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, { message: 'must not be blank' })
  content: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Đơn vị chủ trì: recipients of the directory (a group stands for its members)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be the id of a recipient (GET /api/recipients)' })
  leadIds: string[];

  @ApiPropertyOptional({ description: 'The lead units as the table prints them (default: their names)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  leadText?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Đơn vị phối hợp' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each must be the id of a recipient (GET /api/recipients)' })
  coordinatingIds?: string[];

  @ApiPropertyOptional({ description: 'The coordinating units as printed (`Công an tỉnh và các đơn vị liên quan`)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  coordinatingText?: string;

  @ApiProperty({ example: 'Hoàn thành trong tháng 6/2025', description: 'A date (30/6/2025), a date and time (14h00 ngày 30/6/2025), a month, quarter or year, or ISO 8601' })
  @IsString()
  @Length(1, 200)
  deadline: string;

  @ApiPropertyOptional({ description: 'Sản phẩm: the expected product' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  product?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'In a reminder letter: the task given before that this row reminds of (no new task)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a task' })
  sourceTaskId?: string;
}

export class SetTasksDto {
  @ApiProperty({ type: [TaskInputDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TaskInputDto)
  tasks: TaskInputDto[];
}

export const REPORT_KINDS = ['progress', 'completion'] as const;

export class TaskReportDto {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS, { message: `must be one of ${REPORT_KINDS.join(', ')}` })
  kind: (typeof REPORT_KINDS)[number];

  @ApiProperty({ description: 'What was done: results, not effort' })
  @IsString()
  @Length(1, 20_000)
  @Matches(/\S/, { message: 'must not be blank' })
  text: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The document that answers the task, when one does' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a document' })
  answerDocumentId?: string;
}

export const REVIEW_DECISIONS = ['accept', 'return'] as const;

export class TaskReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS, { message: `must be one of ${REVIEW_DECISIONS.join(', ')}` })
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({ description: 'Why it goes back (required to return)' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string;
}

export class TaskUnitDto {
  @ApiProperty({ format: 'uuid', description: 'A unit of the lead agency (GET /api/units)' })
  @IsUUID('all', { message: 'must be the id of a unit' })
  unitId: string;
}

export const TASK_SCOPES = ['unit', 'agency', 'issued', 'coordinating'] as const;

export class TaskListQuery {
  @ApiPropertyOptional({ enum: TASK_SCOPES, description: 'unit: my unit’s; agency: my agency’s; issued: given by documents of my agency; coordinating: those my agency coordinates (đơn vị phối hợp)' })
  @IsOptional()
  @IsIn(TASK_SCOPES, { message: `must be one of ${TASK_SCOPES.join(', ')}` })
  scope?: (typeof TASK_SCOPES)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a document' })
  documentId?: string;
}

export class TaskFiguresQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One issuing document' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a document' })
  documentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One lead unit (a recipient of the directory)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a recipient' })
  recipientId?: string;

  @ApiPropertyOptional({ example: '2025-06-01', description: 'Tasks falling due from this day (Vietnam time)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-06-30', description: '… to this day, included' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

export class ReminderLetterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who signs it (default: the signer of the document reminded of)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a signer (GET /api/signers)' })
  signerId?: string;

  @ApiPropertyOptional({ example: '2025-07-07', description: 'The day results are due (default: in 5 days)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  reportBy?: string;
}
