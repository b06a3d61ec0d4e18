/**
 * Errors thrown by services. Each has a stable `code`; the one HTTP filter (http-error.filter.ts)
 * maps the class to a status. Services never throw HttpException.
 */
export class DomainError extends Error {
  readonly status: number = 500;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown> | unknown[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** 400: the request is malformed; `details.fields` names each field and the reason. */
export class InvalidInputError extends DomainError {
  override readonly status = 400;
  constructor(fields: FieldProblem[], message?: string) {
    super('INVALID_INPUT', message ?? fields.map((f) => `${f.field}: ${f.reason}`).join('; '), { fields });
  }
}

/** 401: no valid credentials. */
export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  constructor(message = 'Authentication required: send "Authorization: Bearer <accessToken>" from POST /api/auth/login') {
    super('UNAUTHENTICATED', message);
  }
}

/** 403: the caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override readonly status = 403;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** 404 */
export class NotFoundError extends DomainError {
  override readonly status = 404;
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} does not exist`, { what, id });
  }
}

/** 409: not allowed in the current state, or a stale version, or a duplicate. */
export class ConflictError extends DomainError {
  override readonly status = 409;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
