import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { translate } from '@/lib/i18n/messages';
import { limitReachedMessage } from './limit-reached';
import { applyServerFieldErrors } from './server-errors';

const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
  translate(null, key, values);

describe('API errors on the users forms', () => {
  it('puts a 409 duplicate e-mail on the e-mail field, like a 400', () => {
    const setError = vi.fn();
    const taken = new ApiError({
      status: 409,
      code: 'ALREADY_EXISTS',
      message: 'body.email: this e-mail address is already in use',
      details: { fields: [{ path: 'body.email', message: 'This e-mail address is already in use' }] },
    });
    expect(applyServerFieldErrors(taken, setError, ['name', 'email'])).toBe(true);
    expect(setError).toHaveBeenCalledExactlyOnceWith('email', {
      type: 'server',
      message: 'This e-mail address is already in use',
    });
    expect(applyServerFieldErrors(new Error('boom'), setError, ['email'])).toBe(false);
  });

  it('names the limit and the figures of a LIMIT_REACHED answer', () => {
    const limit = new ApiError({
      status: 409,
      code: 'LIMIT_REACHED',
      message: 'Limit reached: this organisation may have at most 5 users',
      details: { limit: 'users', max: 5, used: 5 },
    });
    expect(limitReachedMessage(limit, t)).toBe(
      'Limit reached: Users. 5 of 5 are in use. Remove one or ask the platform operator to raise the limit.',
    );
    const bare = new ApiError({ status: 409, code: 'LIMIT_REACHED', message: 'Too many' });
    expect(limitReachedMessage(bare, t)).toBe('Too many');
    expect(limitReachedMessage(new ApiError({ status: 404, code: 'NOT_FOUND', message: 'x' }), t)).toBeNull();
  });
});
