import { describe, expect, it, vi } from 'vitest';
import { translate } from '@/lib/i18n/messages';
import { ApiError, applyFieldErrors, errorMessage } from './errors';

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate(null, key, values);

describe('API errors in forms and messages', () => {
  it('puts field errors on the matching form fields, nested paths included', () => {
    const setError = vi.fn();
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      details: {
        fields: [
          { path: 'body.admin.email', message: 'Taken' },
          { path: 'body.unknown', message: 'Ignored' },
        ],
      },
    });
    expect(applyFieldErrors(error, setError, ['admin.email', 'name'])).toBe(true);
    expect(setError).toHaveBeenCalledExactlyOnceWith('admin.email', { type: 'server', message: 'Taken' });
  });

  it("shows the API's message, but a generic one for server failures", () => {
    const limit = new ApiError({
      status: 409,
      code: 'LIMIT_REACHED',
      message: 'The users limit (5) is reached',
    });
    expect(errorMessage(limit, t)).toBe('The users limit (5) is reached');
    const crash = new ApiError({ status: 500, code: 'INTERNAL', message: 'Something went wrong' });
    expect(errorMessage(crash, t)).toBe(translate(null, 'errors.server'));
    expect(errorMessage(new Error('boom'), t)).toBe(translate(null, 'errors.unexpected'));
    const expired = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'body.token: This reset link is invalid',
      details: { fields: [{ path: 'body.token', message: 'This reset link is invalid' }] },
    });
    expect(errorMessage(expired, t)).toBe('This reset link is invalid');
  });
});
