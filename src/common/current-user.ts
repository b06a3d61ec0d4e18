import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from './request-id.js';
import type { Role } from '../auth/roles.js';

/** The authenticated caller, as the auth guard loaded it. */
export interface CurrentUser {
  id: string;
  username: string;
  fullName: string;
  positionTitle: string;
  agencyId: string;
  /** The agency's code (UBND, STP …): route candidates may name another agency by it. */
  agencyCode: string;
  unitId: string | null;
  roles: Role[];
}

/** Who asked and from where: written into every audit entry. */
export interface RequestMeta {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

export const IS_PUBLIC = 'congvan:isPublic';
/** Marks a route that needs no bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const User = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUser => {
  return (ctx.switchToHttp().getRequest<Request>() as Request & { user: CurrentUser }).user;
});

export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const requestId = requestIdOf(req);
  const ua = req.headers['user-agent'];
  return { requestId, clientIp: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
});
