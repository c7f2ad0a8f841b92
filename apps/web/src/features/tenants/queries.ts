'use client';

import {
  platformTenantSchema,
  tenantFeaturesSchema,
  tenantLimitsSchema,
  tenantUsageSchema,
  type CreateTenantInput,
  type PlatformTenant,
  type tenantStatuses,
  type UpdateTenantFeaturesInput,
  type UpdateTenantInput,
  type UpdateTenantLimitsInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type TenantStatus = (typeof tenantStatuses)[number];
export type TenantFilters = { search?: string; status?: TenantStatus };

const tenantPath = (id: string) => `/api/v1/tenants/${encodeURIComponent(id)}`;

export function useTenantList(filters: TenantFilters) {
  const key = useTenantKey();
  return useCursorList<PlatformTenant>({
    queryKey: key('tenants', 'list', filters),
    path: '/api/v1/tenants',
    query: filters,
  });
}

export function useTenant(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenants', 'detail', id),
    queryFn: ({ signal }) => api.get(tenantPath(id), { schema: platformTenantSchema, signal }),
  });
}

export function useTenantUsageOf(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('tenants', 'detail', id, 'usage'),
    queryFn: ({ signal }) => api.get(`${tenantPath(id)}/usage`, { schema: tenantUsageSchema, signal }),
  });
}

function useInvalidateTenants() {
  const key = useTenantKey();
  const client = useQueryClient();
  // The home page's counts and the tenant switcher read the same rows.
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('tenants') }),
      client.invalidateQueries({ queryKey: key('operator') }),
    ]);
}

export function useCreateTenant() {
  const invalidate = useInvalidateTenants();
  return useMutation({
    mutationFn: (input: CreateTenantInput) =>
      api.post('/api/v1/tenants', input, { schema: platformTenantSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateTenant(id: string) {
  const invalidate = useInvalidateTenants();
  return useMutation({
    mutationFn: (input: UpdateTenantInput) =>
      api.patch(tenantPath(id), input, { schema: platformTenantSchema }),
    onSuccess: () => invalidate(),
  });
}

/** Puts the saved part into the cached tenant at once, so a switch does not flick back until the refetch. */
function usePatchCachedTenant(id: string) {
  const key = useTenantKey();
  const client = useQueryClient();
  return (patch: Partial<PlatformTenant>) =>
    client.setQueryData<PlatformTenant>(key('tenants', 'detail', id), (old) =>
      old ? { ...old, ...patch } : old,
    );
}

export function useSetTenantLimits(id: string) {
  const invalidate = useInvalidateTenants();
  const patch = usePatchCachedTenant(id);
  return useMutation({
    mutationFn: (input: UpdateTenantLimitsInput) =>
      api.put(`${tenantPath(id)}/limits`, input, { schema: tenantLimitsSchema }),
    onSuccess: (limits) => {
      patch({ limits });
      return invalidate();
    },
  });
}

export function useSetTenantFeatures(id: string) {
  const invalidate = useInvalidateTenants();
  const patch = usePatchCachedTenant(id);
  return useMutation({
    mutationFn: (input: UpdateTenantFeaturesInput) =>
      api.put(`${tenantPath(id)}/features`, input, { schema: tenantFeaturesSchema }),
    onSuccess: (features) => {
      patch({ features });
      return invalidate();
    },
  });
}

export type TenantLifecycleAction = 'suspend' | 'reactivate' | 'delete';

export function useTenantLifecycle(id: string) {
  const invalidate = useInvalidateTenants();
  return useMutation({
    mutationFn: (action: TenantLifecycleAction) =>
      action === 'delete'
        ? api.delete(tenantPath(id))
        : api.post(`${tenantPath(id)}/${action}`, {}, { schema: platformTenantSchema }),
    onSuccess: () => invalidate(),
  });
}
