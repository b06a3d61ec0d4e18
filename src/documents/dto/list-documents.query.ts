import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PHASES, type Phase } from '../document.entity.js';

/** `inbox`: waiting for me; `done`: I took part and it no longer waits for me (đã xử lý); `mine`: I drafted it; `all`. */
export const BOXES = ['inbox', 'done', 'mine', 'all'] as const;
export type Box = (typeof BOXES)[number];

export class ListDocumentsQuery {
  @ApiPropertyOptional({ enum: BOXES, default: 'inbox' })
  @IsOptional()
  @IsIn(BOXES)
  box?: Box;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES)
  state?: Phase;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
