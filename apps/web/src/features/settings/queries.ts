'use client';

import {
  messageResponseSchema,
  outboundPolicyResponseSchema,
  recoveryCodesResponseSchema,
  sessionUserSchema,
  tenantSchema,
  tokenResponseSchema,
  totpEnrollResponseSchema,
  type UpdateOutboundPolicyInput,
  type UpdateOwnTenantInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { tokenStore } from '@/lib/api/token-store';
import { useAuth } from '@/lib/auth';
import { useTenantKey } from '@/lib/query';

/** The same key as the home page's tenant query, so both show one copy. */
export function useOwnTenantSettings() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenant'),
    queryFn: ({ signal }) => api.get('/api/v1/tenant', { schema: tenantSchema, signal }),
  });
}

export function useUpdateOwnTenant() {
  const key = useTenantKey();
  const client = useQueryClient();
  const { reloadUser } = useAuth();
  return useMutation({
    mutationFn: (input: UpdateOwnTenantInput) => api.patch('/api/v1/tenant', input, { schema: tenantSchema }),
    onSuccess: async (tenant) => {
      client.setQueryData(key('tenant'), tenant);
      // The session carries the tenant's name and time zone (top bar, date formatting).
      await reloadUser();
    },
  });
}

export function useUpdateProfile() {
  const { reloadUser } = useAuth();
  return useMutation({
    mutationFn: (input: { name?: string; locale?: string; email?: string; current_password?: string }) =>
      api.patch('/api/v1/auth/me', input, { schema: sessionUserSchema }),
    onSuccess: () => reloadUser(),
  });
}

/** The API ends every other session and answers new tokens for this one. */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (input: { current_password: string; new_password: string }) => {
      const tokens = await api.post('/api/v1/auth/change-password', input, { schema: tokenResponseSchema });
      tokenStore.set(tokens.access_token, tokens.expires_in);
      return tokens;
    },
  });
}

export function useTotpEnroll() {
  return useMutation({
    mutationFn: () => api.post('/api/v1/auth/totp/enroll', {}, { schema: totpEnrollResponseSchema }),
  });
}

export function useTotpConfirm() {
  return useMutation({
    mutationFn: (code: string) =>
      api.post('/api/v1/auth/totp/confirm', { code }, { schema: recoveryCodesResponseSchema }),
  });
}

export function useTotpDisable() {
  const { reloadUser } = useAuth();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) =>
      api.post('/api/v1/auth/totp/disable', input, { schema: messageResponseSchema }),
    onSuccess: () => reloadUser(),
  });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationFn: (code: string) =>
      api.post('/api/v1/auth/totp/recovery-codes', { code }, { schema: recoveryCodesResponseSchema }),
  });
}

/** The tenant's outbound calling policy (toll-fraud guard). */
export function useOutboundPolicy() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenant', 'outbound-policy'),
    queryFn: ({ signal }) =>
      api.get('/api/v1/tenant/outbound-policy', { schema: outboundPolicyResponseSchema, signal }),
  });
}

export function useUpdateOutboundPolicy() {
  const key = useTenantKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOutboundPolicyInput) =>
      api.put('/api/v1/tenant/outbound-policy', input, { schema: outboundPolicyResponseSchema }),
    onSuccess: (policy) => client.setQueryData(key('tenant', 'outbound-policy'), policy),
  });
}
