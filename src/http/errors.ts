// Errors with a stable code and an HTTP status. The error middleware renders them; routes throw them
// and never catch just to translate.
import type { MessageKey } from '../i18n/catalog.js';

export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** A translated message for people, when one exists for this code. */
    readonly messageKey?: MessageKey,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: ErrorDetails, code = 'bad_request') {
    super(code, 400, message, 'error.bad_request', details);
  }
}

export class ValidationError extends AppError {
  constructor(readonly fields: Array<{ field: string; message: string }>) {
    super('validation_failed', 400, fields.map((f) => `${f.field}: ${f.message}`).join('; '), 'error.validation_failed', { fields });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Not signed in') {
    super('unauthenticated', 401, message, 'error.unauthenticated');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed', code = 'forbidden') {
    super(code, 403, message, 'error.forbidden');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super('not_found', 404, message, 'error.not_found');
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(code, 409, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', 413, message, 'error.payload_too_large');
  }
}
