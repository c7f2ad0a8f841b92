import type { ErrorCode, FieldError } from '@switchboard/contracts';
import type { Translate } from '@/lib/i18n';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** An error answer from the API, decoded from the error envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    details?: unknown;
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
  }

  /** `details.fields` of a 400 VALIDATION_FAILED: `[{ path: 'body.email', message }]`. */
  get fields(): FieldError[] {
    const fields = (this.details as { fields?: unknown } | null | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldError =>
        typeof f === 'object' && f !== null && typeof f.path === 'string' && typeof f.message === 'string',
    );
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/**
 * The sentence to show a person. API messages are written for people (they name the limit, the
 * field, the missing permission); network failures and 5xx get a translated generic sentence.
 */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK_ERROR') return t('errors.network');
    if (error.code === 'BAD_RESPONSE' || error.status >= 500) {
      return error.code === 'SERVICE_UNAVAILABLE' ? t('errors.unavailable') : t('errors.server');
    }
    if (error.code === 'RATE_LIMITED') return t('errors.rateLimited');
    // "body.token: link expired" reads as a sentence once the wire path is dropped.
    if (error.code === 'VALIDATION_FAILED' && error.fields.length > 0) {
      return error.fields.map((field) => field.message).join(' · ');
    }
    return error.message;
  }
  return t('errors.unexpected');
}

type SetFieldError = (name: never, error: { type: string; message: string }) => void;

/**
 * Puts the API's field errors on the matching react-hook-form fields ("body.admin.email" →
 * "admin.email"). Returns true when at least one field took an error, so the caller can skip the
 * generic toast.
 */
export function applyFieldErrors(
  error: unknown,
  setError: SetFieldError,
  knownFields: readonly string[],
): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  let applied = false;
  for (const field of error.fields) {
    const name = field.path.replace(/^(body|query|params)\./, '');
    if (knownFields.includes(name)) {
      setError(name as never, { type: 'server', message: field.message });
      applied = true;
    }
  }
  return applied;
}
