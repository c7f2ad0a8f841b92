import { z } from 'zod';
import { email, text, timeZone, plainString } from './common';
import { slugSchema } from './tenants';
import { permissionSchema } from './permissions';

export const passwordSchema = plainString().min(12, 'At least 12 characters').max(256);

export const loginSchema = z
  .object({
    email: email,
    password: plainString().min(1).max(256),
    /** Second step: a TOTP code or a recovery code, when the account has 2FA. */
    totp_code: plainString().trim().min(6).max(32).optional(),
  })
  .strict();
export type LoginInput = z.infer<typeof loginSchema>;

export const registerSchema = z
  .object({
    company_name: text(120),
    slug: slugSchema,
    name: text(120),
    email: email,
    password: passwordSchema,
    timezone: timeZone.optional(),
  })
  .strict();
export type RegisterInput = z.infer<typeof registerSchema>;

export const refreshSchema = z.object({ refresh_token: plainString().min(16).max(512).optional() }).strict();
export const forgotPasswordSchema = z.object({ email: email }).strict();
export const resetPasswordSchema = z
  .object({ token: plainString().min(16).max(512), password: passwordSchema })
  .strict();
export const changePasswordSchema = z
  .object({ current_password: plainString().min(1).max(256), new_password: passwordSchema })
  .strict();
/** Redeems an e-mailed one-time sign-in link (sent when an account is under a guessing attack). */
export const loginLinkSchema = z.object({ token: plainString().min(16).max(512) }).strict();
export type LoginLinkInput = z.infer<typeof loginLinkSchema>;
export const totpCodeSchema = z.object({ code: plainString().trim().min(6).max(32) }).strict();
export const totpDisableSchema = z
  .object({ password: plainString().min(1).max(256), code: plainString().trim().min(6).max(32) })
  .strict();

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  tenant_id: z.string().nullable(),
  tenant_name: z.string().nullable(),
  tenant_slug: z.string().nullable(),
  tenant_timezone: z.string().nullable(),
  role: z.string(),
  role_name: z.string(),
  permissions: z.array(permissionSchema),
  platform_admin: z.boolean(),
  /** Set when a platform admin has switched into a tenant. */
  acting_as_operator: z.boolean(),
  totp_enabled: z.boolean(),
  locale: z.string(),
  features: z.record(z.string(), z.boolean()).nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  expires_in: z.number().int(),
  token_type: z.literal('Bearer'),
  /** Also set as an httpOnly cookie on the auth path; returned for non-browser clients. */
  refresh_token: z.string(),
  user: sessionUserSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const totpEnrollResponseSchema = z.object({
  secret: z.string(),
  otpauth_url: z.string(),
  qr_data_url: z.string(),
});
export const recoveryCodesResponseSchema = z.object({ recovery_codes: z.array(z.string()) });
export const messageResponseSchema = z.object({ message: z.string() });
/**
 * Registration answers 202 with a message for a new and an existing address alike (no account
 * enumeration); the new admin then signs in with `loginSchema`.
 */
export const registerResponseSchema = messageResponseSchema;

/** Whether the sign-up page is open (SELF_REGISTRATION); public, so the login page can ask. */
export const registrationStatusSchema = z.object({ enabled: z.boolean() });
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

export const switchTenantSchema = z.object({ tenant_id: plainString().min(1).max(64) }).strict();

/** Access token claims (jose, HS256). */
export type AccessClaims = {
  sub: string;
  tid: string | null;
  role: string;
  /** Version of the user's permissions; a change invalidates older tokens on sockets. */
  pv: number;
  /** Platform operator acting inside a tenant. */
  op?: boolean;
  sid: string;
};
