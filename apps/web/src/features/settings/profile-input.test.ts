import { updateProfileSchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { profileInput, profileValuesToValidate } from './profile-input';

describe('profile form input', () => {
  it('leaves the e-mail and password out while the address is unchanged', () => {
    const values = { name: 'Ada', locale: 'en', email: 'ada@example.test' };
    expect(profileInput(values, 'ada@example.test')).toEqual({ name: 'Ada', locale: 'en' });
    expect(updateProfileSchema.safeParse(profileValuesToValidate(values, 'ada@example.test')).success).toBe(true);
  });

  it('sends a new address with the current password, and asks for the password when missing', () => {
    const values = { name: 'Ada', email: ' new@example.test ', current_password: 'secret' };
    expect(profileInput(values, 'ada@example.test')).toEqual({
      name: 'Ada',
      email: 'new@example.test',
      current_password: 'secret',
    });
    const missing = updateProfileSchema.safeParse(
      profileValuesToValidate({ name: 'Ada', email: 'new@example.test' }, 'ada@example.test'),
    );
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['current_password']);
  });
});
