'use client';

import { useCallback } from 'react';
import { useAuth } from '@/lib/auth/auth-provider';

/** The key segment for operators outside any tenant. */
export const platformScope = 'platform';

/**
 * Query keys start with the tenant: `['t', tenantId, 'users', filters]`. Switching tenant can
 * then never show one tenant's cached rows inside another.
 */
export function useTenantKey() {
  const tenantId = useAuth().user?.tenant_id ?? platformScope;
  return useCallback((...parts: readonly unknown[]) => ['t', tenantId, ...parts] as const, [tenantId]);
}
