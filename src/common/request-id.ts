import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request's id: the caller's `X-Request-Id` when it sends a sensible one (a load balancer's), else a new UUID. It
 * is in every log line of the request (pino-http), in the audit entries the request writes, and sent back in the
 * `X-Request-Id` header.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.:-]{1,200}$/.test(header) ? header : randomUUID();
}

/** pino-http's genReqId: the id, given back to the caller. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req);
  res.setHeader('X-Request-Id', id);
  return id;
}
