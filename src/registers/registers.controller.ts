import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { User, type CurrentUser } from '../common/current-user.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { CSV_BOM } from '../common/csv.js';
import { RegisterBookService } from './register-book.service.js';
import { registerCsvHeader, registerCsvLine, renderRegisterBook } from './register-book.js';

export class RegisterRangeQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'issued on or after this day (Vietnam time)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'issued on or before this day' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;
}

export class RegisterEntriesQuery extends RegisterRangeQuery {
  @ApiPropertyOptional({ example: 50, description: 'only the last N entries of the range (the desk’s view); the export and the book take all' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  latest?: number;
}

@ApiTags('registers')
@ApiBearerAuth()
@Controller('registers')
export class RegistersController {
  constructor(private readonly book: RegisterBookService) {}

  @Get()
  list(@User() user: CurrentUser) {
    return this.book.list(user);
  }

  /** The entries with the decree's ten columns. */
  @Get(':id/entries')
  async entries(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Query() range: RegisterEntriesQuery) {
    const { register, entries, total } = await this.book.entries(user, id, range);
    return { register: { id: register.id, name: register.name, year: register.year, series: register.series_key }, total, entries };
  }

  /** The same as CSV (UTF-8 with BOM: opens right in Excel). */
  @Get(':id/export')
  @ApiProduces('text/csv')
  async export(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Query() range: RegisterRangeQuery, @Res() res: Response) {
    const { register, entries } = await this.book.entries(user, id, range);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="so-van-ban-di-${register.year}-${register.series_key.replace(/[^A-Za-z0-9]+/g, '-')}.csv"`);
    res.send(CSV_BOM + registerCsvHeader() + entries.map(registerCsvLine).join(''));
  }

  /** The printable book: a cover page, then the table. */
  @Get(':id/book')
  @ApiProduces('text/html')
  async printable(@User() user: CurrentUser, @Param('id', new UuidPipe()) id: string, @Query() range: RegisterRangeQuery, @Res() res: Response) {
    const { register, entries } = await this.book.entries(user, id, range);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.send(renderRegisterBook(this.book.cover(register, entries), entries));
  }
}
