import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { linkTokenFrom, loginOutcome } from './login-outcome';

const apiError = (code: ConstructorParameters<typeof ApiError>[0]['code'], status = 401) =>
  new ApiError({ status, code, message: 'x' });

describe('login outcome', () => {
  it('moves on to the code, says a link was e-mailed, or shows the error', () => {
    expect(loginOutcome(apiError('TOTP_REQUIRED'))).toBe('totp');
    expect(loginOutcome(apiError('SIGN_IN_LINK_SENT'))).toBe('link_sent');
    expect(loginOutcome(apiError('INVALID_CREDENTIALS'))).toBe('error');
    expect(loginOutcome(apiError('RATE_LIMITED', 429))).toBe('error');
    expect(loginOutcome(new Error('boom'))).toBe('error');
  });

  it('reads the sign-in link token from the query', () => {
    expect(linkTokenFrom('abc123')).toBe('abc123');
    expect(linkTokenFrom(['first', 'second'])).toBe('first');
    expect(linkTokenFrom('  ')).toBeNull();
    expect(linkTokenFrom(undefined)).toBeNull();
  });
});
