import { z } from 'zod';
import { email, text, isoDate, plainString, localeTag } from './common';
import { passwordSchema } from './auth';
import { pageQuerySchema } from './pagination';

export const userStatuses = ['active', 'disabled'] as const;
export const userStatusSchema = z.enum(userStatuses);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: userStatusSchema,
  role_id: z.string(),
  role_key: z.string(),
  role_name: z.string(),
  extension: z.string().nullable(),
  locale: z.string(),
  totp_enabled: z.boolean(),
  /**
   * Whether the viewer may change, disable or delete this user: they hold every permission the
   * user holds (or are a platform operator). Present on answers to a signed-in viewer.
   */
  manageable: z.boolean().optional(),
  last_login_at: isoDate.nullable(),
  created_at: isoDate,
  updated_at: isoDate,
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z
  .object({
    email: email,
    name: text(120),
    password: passwordSchema,
    role_id: plainString().min(1).max(64),
    locale: localeTag.optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    email: email.optional(),
    name: text(120).optional(),
    locale: localeTag.optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const assignRoleSchema = z.object({ role_id: plainString().min(1).max(64) }).strict();
export const setUserStatusSchema = z.object({ status: userStatusSchema }).strict();

export const listUsersQuerySchema = pageQuerySchema.extend({
  search: plainString().trim().max(120).optional(),
  role_id: plainString().max(64).optional(),
  status: userStatusSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** A new own e-mail address needs the current password (issue 16.1). */
export const updateProfileSchema = z
  .object({
    name: text(120).optional(),
    locale: localeTag.optional(),
    email: email.optional(),
    current_password: plainString().min(1).max(256).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.email !== undefined && v.current_password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['current_password'],
        message: 'Enter your current password to change your e-mail address',
      });
    }
  });
