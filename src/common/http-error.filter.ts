import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-error.js';

/** The one error filter: every error becomes `{ statusCode, code, message, details }`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { statusCode, body } = toErrorBody(error);
    if (statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(statusCode).json(body);
  }
}

const FRAMEWORK_CODES: Record<number, string> = { 400: 'INVALID_INPUT', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' };

export function toErrorBody(error: unknown): {
  statusCode: number;
  body: { statusCode: number; code: string; message: string; details?: unknown };
} {
  if (error instanceof DomainError) {
    return {
      statusCode: error.status,
      body: { statusCode: error.status, code: error.code, message: error.message, details: error.details },
    };
  }
  if (error instanceof HttpException) {
    // Raised by the framework itself (unknown route, bad JSON body, payload too large).
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    const code = FRAMEWORK_CODES[statusCode] ?? `HTTP_${statusCode}`;
    return { statusCode, body: { statusCode, code, message } };
  }
  return { statusCode: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' } };
}
