'use client';

import {
  endpointDetailSchema,
  endpointPasswordSchema,
  userSchema,
  type CreateEndpointInput,
  type Endpoint,
  type EndpointKind,
  type UpdateEndpointInput,
  type User,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type EndpointFilters = { kind?: EndpointKind; enabled?: 'true' | 'false'; search?: string };

/** Registration comes from Asterisk's contacts; a phone that just registered shows within 10 s. */
const registrationRefreshMs = 10_000;

export function useEndpointList(filters: EndpointFilters) {
  const key = useTenantKey();
  const list = useCursorList<Endpoint>({
    queryKey: key('endpoints', 'list', filters),
    path: '/api/v1/endpoints',
    query: filters,
  });
  const refetch = useRef(list.refetch);
  refetch.current = list.refetch;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refetch.current();
    }, registrationRefreshMs);
    return () => clearInterval(timer);
  }, []);
  return list;
}

export function useEndpoint(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('endpoints', 'detail', id),
    queryFn: ({ signal }) => api.get(`/api/v1/endpoints/${encodeURIComponent(id)}`, { schema: endpointDetailSchema, signal }),
    refetchInterval: registrationRefreshMs,
  });
}

function useInvalidateEndpoints() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('endpoints') }),
      // Endpoints and voicemail boxes are destinations for DIDs, queues and IVR menus.
      client.invalidateQueries({ queryKey: key('destinations') }),
    ]);
}

export function useCreateEndpoint() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (input: CreateEndpointInput) =>
      api.post('/api/v1/endpoints', input, { schema: endpointDetailSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateEndpoint(id: string) {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (input: UpdateEndpointInput) =>
      api.patch(`/api/v1/endpoints/${encodeURIComponent(id)}`, input, { schema: endpointDetailSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteEndpoint() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/endpoints/${encodeURIComponent(id)}`),
    onSuccess: () => invalidate(),
  });
}

export function useEndpointPassword(id: string, action: 'reveal-password' | 'regenerate-password') {
  return useMutation({
    mutationFn: () =>
      api.post(`/api/v1/endpoints/${encodeURIComponent(id)}/${action}`, {}, { schema: endpointPasswordSchema }),
  });
}

const userListSchema = z.array(userSchema);

/** Active users for pickers (endpoint owner, queue members); searched on the server. */
export function useUserOptions(search: string, enabled = true) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('users', 'options', search),
    enabled,
    queryFn: async ({ signal }): Promise<User[]> => {
      const page = await api.list<unknown>('/api/v1/users', { search, status: 'active', limit: 50 }, signal);
      return userListSchema.parse(page.items);
    },
    staleTime: 30_000,
  });
}
