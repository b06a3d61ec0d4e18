import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Scheduler } from '../workflow/scheduler.service.js';

/**
 * Keeps the login tables small: an hourly job (`auth-cleanup`, on pg-boss: one instance runs it) removes the
 * login-attempt counts whose window has ended (a new attempt starts a new window anyway) and the refresh tokens a day
 * after they expired (until then a used one is kept, so that its reuse is recognised as theft and ends the user's
 * sessions; after expiry it is refused as expired, so nothing is lost by removing it).
 */
@Injectable()
export class AuthCleanupService implements OnModuleInit {
  static readonly JOB = 'auth-cleanup';

  constructor(
    private readonly db: DataSource,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.every(AuthCleanupService.JOB, '23 * * * *', () => this.prune());
  }

  async prune(): Promise<{ attempts: number; tokens: number }> {
    const [, attempts] = (await this.db.query(`DELETE FROM throttle_hits WHERE window_ends_at < now()`)) as [unknown, number];
    const [, tokens] = (await this.db.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`)) as [unknown, number];
    return { attempts, tokens };
  }
}
