import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from './common/current-user.js';

/** For load balancers and monitors: 200 when the database answers within 2 s, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get()
  @HttpCode(200)
  async health(@Res({ passthrough: true }) res: Response) {
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('the database did not answer within 2 s')), 2000).unref()),
      ]);
      return { status: 'ok', database: 'ok' };
    } catch (err) {
      res.status(503);
      return { status: 'unavailable', database: 'down', reason: err instanceof Error ? err.message : String(err) };
    }
  }
}
