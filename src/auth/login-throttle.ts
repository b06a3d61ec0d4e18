/**
 * Login rate limiting, with its counts in PostgreSQL so that several instances behind a load balancer share them:
 * per client address (LOGIN_LIMIT_PER_IP a minute) and per user name (LOGIN_LIMIT_PER_USER per 15 minutes, whatever
 * the address: password guessing spread over many machines). Beyond a limit: 429 TOO_MANY_REQUESTS with Retry-After,
 * until the window ends. (@nestjs/throttler 6 is CommonJS and requires the ESM-only @nestjs/common 12, which Jest on
 * Node 20 cannot load; the rule is small enough to keep here.)
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { CONTROL_CHARACTERS } from '../common/clean-input.js';

const CONTROL_ALL = new RegExp(CONTROL_CHARACTERS.source, 'gu');

class TooManyAttempts extends DomainError {
  override readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', `Too many login attempts: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** The user name a login names, spaces and case folded: the per-user count. */
export function loginUserKey(body: unknown): string {
  const name = (body as { username?: unknown } | undefined)?.username;
  // Counted before validation refuses anything: control characters (a NUL would not even be stored) are dropped.
  const text = typeof name === 'string' ? name.replace(CONTROL_ALL, '').trim().normalize('NFC').toLowerCase().slice(0, 200) : '';
  return `login-user:${text}`;
}

@Injectable()
export class LoginThrottleGuard implements CanActivate {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const limits = [
      { key: `login-ip:${req.ip ?? ''}`, limit: this.config.loginLimitPerIp, windowMs: 60_000 },
      { key: loginUserKey(req.body), limit: this.config.loginLimitPerUser, windowMs: 15 * 60_000 },
    ];
    for (const l of limits) {
      const wait = await this.hit(l.key, l.limit, l.windowMs);
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        throw new TooManyAttempts(wait);
      }
    }
    return true;
  }

  /** Counts one attempt on `key` in its window (a new one when the last ended); the seconds to wait when over. */
  private async hit(key: string, limit: number, windowMs: number): Promise<number> {
    const [row] = (await this.db.query(
      `INSERT INTO throttle_hits AS t (key, hits, window_ends_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_ends_at <= now() THEN 1 ELSE t.hits + 1 END,
         window_ends_at = CASE WHEN t.window_ends_at <= now() THEN now() + $2 * interval '1 millisecond' ELSE t.window_ends_at END
       RETURNING hits, greatest(1, ceil(extract(epoch FROM window_ends_at - now())))::int AS seconds_left`,
      [key, windowMs],
    )) as Array<{ hits: number; seconds_left: number }>;
    return row.hits > limit ? row.seconds_left : 0;
  }
}
