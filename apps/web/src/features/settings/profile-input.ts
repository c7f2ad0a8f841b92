import type { z } from 'zod';
import type { updateProfileSchema } from '@switchboard/contracts';

type ProfileValues = z.input<typeof updateProfileSchema>;

/**
 * What the profile form sends: the e-mail and the current password only when the address
 * changes (the API asks for the password then, and refuses a password-less e-mail change).
 */
export function profileInput(values: ProfileValues, currentEmail: string): ProfileValues {
  const { email, current_password: currentPassword, ...rest } = values;
  const next = email?.trim();
  if (next === undefined || next === '' || next === currentEmail) return rest;
  return { ...rest, email: next, current_password: currentPassword };
}

/** The values the form validates: an unchanged address is no change and needs no password. */
export function profileValuesToValidate(values: ProfileValues, currentEmail: string): ProfileValues {
  return values.email?.trim() === currentEmail ? { ...values, email: undefined } : values;
}
