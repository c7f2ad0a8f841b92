import { errorStatus, type ErrorCode } from '@switchboard/contracts';

const defaultMessages: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'You do not have permission to do this',
  UNAUTHENTICATED: 'Authentication required',
  INTERNAL: 'Something went wrong',
  RATE_LIMITED: 'Too many requests, slow down',
  SERVICE_UNAVAILABLE: 'Service temporarily unavailable',
};

/** The one error type domain code throws; the error handler maps `code` to status and envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? defaultMessages[code] ?? code.replaceAll('_', ' ').toLowerCase());
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`);

/** A validation error on one field, shaped like schema validation errors. */
export const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { fields: [{ path, message }] });
