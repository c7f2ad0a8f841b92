'use client';

import { tenantSchema, tenantStatuses, tenantUsageSchema, type Tenant } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';

export function useOwnTenant(enabled: boolean) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenant'),
    enabled,
    queryFn: ({ signal }) => api.get('/api/v1/tenant', { schema: tenantSchema, signal }),
  });
}

export function useTenantUsage(enabled: boolean) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenant', 'usage'),
    enabled,
    queryFn: ({ signal }) => api.get('/api/v1/tenant/usage', { schema: tenantUsageSchema, signal }),
  });
}

export type TenantStatusCount = { status: (typeof tenantStatuses)[number]; count: number; more: boolean };

/** Counting by walking pages keeps to the list API; past this many the card says "1000+". */
const maxPagesCounted = 10;
const countPageSize = 100;

async function countTenants(
  status: TenantStatusCount['status'],
  signal: AbortSignal,
): Promise<TenantStatusCount> {
  let cursor: string | null = null;
  let count = 0;
  for (let page = 0; page < maxPagesCounted; page += 1) {
    const result: { items: Tenant[]; nextCursor: string | null } = await api.list<Tenant>(
      '/api/v1/tenants',
      { status, limit: countPageSize, cursor: cursor ?? undefined },
      signal,
    );
    count += result.items.length;
    cursor = result.nextCursor;
    if (!cursor) return { status, count, more: false };
  }
  return { status, count, more: true };
}

export function useTenantCountsByStatus(enabled: boolean) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenants', 'count-by-status'),
    enabled,
    queryFn: ({ signal }) => Promise.all(tenantStatuses.map((status) => countTenants(status, signal))),
  });
}
