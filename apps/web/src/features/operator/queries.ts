'use client';

import { tenantSchema, type Tenant } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';

/** Tenants the operator can switch into, filtered by the search box. */
export function useSwitchableTenants(search: string, enabled: boolean) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('operator', 'switchable-tenants', search),
    enabled,
    queryFn: async ({ signal }) => {
      const page = await api.list<Tenant>('/api/v1/tenants', { search, status: 'active', limit: 20 }, signal);
      return page.items.map((tenant) => tenantSchema.parse(tenant));
    },
    placeholderData: (previous) => previous,
  });
}
