'use client';

import { didSchema, type CreateDidInput, type DestinationType, type Did, type UpdateDidInput } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type DidFilters = { search?: string; destination_type?: DestinationType };

const didPath = (id: string) => `/api/v1/dids/${encodeURIComponent(id)}`;

export function useDidList(filters: DidFilters) {
  const key = useTenantKey();
  return useCursorList<Did>({ queryKey: key('dids', 'list', filters), path: '/api/v1/dids', query: filters });
}

export function useDid(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('dids', 'detail', id),
    queryFn: ({ signal }) => api.get(didPath(id), { schema: didSchema, signal }),
  });
}

function useInvalidateDids() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key('dids') });
}

export function useSaveDid(id: string | null) {
  const invalidate = useInvalidateDids();
  return useMutation({
    mutationFn: (input: CreateDidInput | UpdateDidInput) =>
      id ? api.patch(didPath(id), input, { schema: didSchema }) : api.post('/api/v1/dids', input, { schema: didSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteDid() {
  const invalidate = useInvalidateDids();
  return useMutation({
    mutationFn: (id: string) => api.delete(didPath(id)),
    onSuccess: () => invalidate(),
  });
}
