import {
  sessionUserSchema,
  tokenResponseSchema,
  type LoginInput,
  type SessionUser,
  type TokenResponse,
} from '@switchboard/contracts';
import { api } from '@/lib/api/client';
import { tokenStore } from '@/lib/api/token-store';

/** The auth endpoints the shell uses; every call that yields tokens keeps the access token in memory. */
export async function loginRequest(input: LoginInput): Promise<TokenResponse> {
  const tokens = await api.post('/api/v1/auth/login', input, {
    anonymous: true,
    schema: tokenResponseSchema,
  });
  tokenStore.set(tokens.access_token, tokens.expires_in);
  return tokens;
}

/** Redeems an e-mailed one-time sign-in link (sent when the account is under a guessing attack). */
export async function loginLinkRequest(token: string): Promise<TokenResponse> {
  const tokens = await api.post(
    '/api/v1/auth/login-link',
    { token },
    { anonymous: true, schema: tokenResponseSchema },
  );
  tokenStore.set(tokens.access_token, tokens.expires_in);
  return tokens;
}

export async function logoutRequest(): Promise<void> {
  await api.post('/api/v1/auth/logout', {});
}

export function fetchSessionUser(): Promise<SessionUser> {
  return api.get('/api/v1/auth/me', { schema: sessionUserSchema });
}

export async function switchTenantRequest(tenantId: string): Promise<TokenResponse> {
  const tokens = await api.post(
    '/api/v1/auth/switch-tenant',
    { tenant_id: tenantId },
    { schema: tokenResponseSchema },
  );
  tokenStore.set(tokens.access_token, tokens.expires_in);
  return tokens;
}

export async function exitTenantRequest(): Promise<TokenResponse> {
  const tokens = await api.post('/api/v1/auth/switch-tenant/exit', {}, { schema: tokenResponseSchema });
  tokenStore.set(tokens.access_token, tokens.expires_in);
  return tokens;
}
