import { permissions as allPermissions, type SessionUser, type TokenResponse } from '@switchboard/contracts';
import { AppError } from '../../lib/app-error';
import type { AuthRepository, SessionRow } from './auth.repository';
import type { IssuedTokens, SessionSubject } from './tokens.service';

/** The signed-in user as the web app sees it, for the token's tenant and role. */
export function toSessionUser(row: SessionRow, subject: SessionSubject): SessionUser {
  const onPlatform = row.isPlatformAdmin && subject.tenantId === null;
  const roleName = subject.operator ? 'Admin (operator)' : onPlatform ? 'Platform admin' : (row.roleName ?? subject.role);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    tenant_id: row.tenantId,
    tenant_name: row.tenantName,
    tenant_slug: row.tenantSlug,
    tenant_timezone: row.tenantTimezone,
    role: subject.role,
    role_name: roleName,
    permissions: subject.operator ? [...allPermissions] : onPlatform ? [] : (row.permissions ?? []),
    platform_admin: row.isPlatformAdmin,
    acting_as_operator: subject.operator,
    totp_enabled: row.totpEnabled,
    locale: row.locale,
    features: row.features,
  };
}

export async function loadSessionUser(accounts: AuthRepository, subject: SessionSubject): Promise<SessionUser> {
  const row = await accounts.findSession(subject.userId, subject.tenantId, subject.operator);
  if (!row) throw new AppError('TOKEN_INVALID', 'Sign in again');
  return toSessionUser(row, subject);
}

/** The body every sign-in, refresh and switch answers with. */
export async function tokenResponse(accounts: AuthRepository, issued: IssuedTokens): Promise<TokenResponse> {
  return {
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    token_type: 'Bearer',
    refresh_token: issued.refreshToken,
    user: await loadSessionUser(accounts, issued.subject),
  };
}
