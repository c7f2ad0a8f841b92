import { z } from 'zod';

/**
 * Every error the API can answer with. Domain code throws `new AppError('CODE')`; the API's one
 * error handler maps the code to its HTTP status through `errorStatus`.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  /** Sign-in under a guessing attack: the password alone is not enough; a one-time link was e-mailed. */
  SIGN_IN_LINK_SENT: 401,
  FORBIDDEN: 403,
  FEATURE_DISABLED: 403,
  /** The outbound calling policy refuses this number (blocked, premium, not allowed, international). */
  DESTINATION_NOT_ALLOWED: 403,
  TENANT_SUSPENDED: 403,
  ACCOUNT_DISABLED: 403,
  SELF_REGISTRATION_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  LIMIT_REACHED: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A byte range outside a streamed file (a recording's audio); the answer's Content-Range gives its size. */
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  TELEPHONY_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  TELEPHONY_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];
export const errorCodeSchema = z.enum(errorCodes);

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;
