'use client';

import { trunkSchema, type CreateTrunkInput, type Trunk, type TrunkKind, type UpdateTrunkInput } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type TrunkFilters = { search?: string; kind?: TrunkKind };

const trunkPath = (id: string) => `/api/v1/trunks/${encodeURIComponent(id)}`;

export function useTrunkList(filters: TrunkFilters) {
  const key = useTenantKey();
  return useCursorList<Trunk>({ queryKey: key('trunks', 'list', filters), path: '/api/v1/trunks', query: filters });
}

export function useTrunk(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('trunks', 'detail', id),
    queryFn: ({ signal }) => api.get(trunkPath(id), { schema: trunkSchema, signal }),
  });
}

function useInvalidateTrunks() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key('trunks') });
}

export function useSaveTrunk(id: string | null) {
  const invalidate = useInvalidateTrunks();
  return useMutation({
    mutationFn: (input: CreateTrunkInput | UpdateTrunkInput) =>
      id ? api.patch(trunkPath(id), input, { schema: trunkSchema }) : api.post('/api/v1/trunks', input, { schema: trunkSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteTrunk() {
  const invalidate = useInvalidateTrunks();
  return useMutation({
    mutationFn: (id: string) => api.delete(trunkPath(id)),
    onSuccess: () => invalidate(),
  });
}
