import { isApiError } from '@/lib/api/errors';

/**
 * What the login form does with a failed sign-in: move on to the TOTP code, tell the person we
 * e-mailed them a sign-in link (the account is under a guessing attack), or show the message.
 */
export type LoginOutcome = 'totp' | 'link_sent' | 'error';

export function loginOutcome(error: unknown): LoginOutcome {
  if (isApiError(error, 'TOTP_REQUIRED')) return 'totp';
  if (isApiError(error, 'SIGN_IN_LINK_SENT')) return 'link_sent';
  return 'error';
}

/** The token of a /login/link?token=… address, or null when it is missing or blank. */
export function linkTokenFrom(value: string | string[] | undefined): string | null {
  const token = Array.isArray(value) ? value[0] : value;
  return typeof token === 'string' && token.trim().length > 0 ? token.trim() : null;
}
