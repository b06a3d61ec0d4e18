import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { IS_PUBLIC } from '../common/current-user.js';
import { UnauthenticatedError } from '../common/domain-error.js';
import { AuthService } from './auth.service.js';

/** Global guard: a valid bearer token of an active user on every route not marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: unknown }>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthenticatedError();
    let sub: string;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: string }>(match[1])).sub;
    } catch {
      throw new UnauthenticatedError('The access token is invalid or expired: log in again');
    }
    const user = await this.auth.findActiveUser(sub);
    if (!user) throw new UnauthenticatedError('The account of this token no longer exists or is disabled');
    req.user = user;
    return true;
  }
}
