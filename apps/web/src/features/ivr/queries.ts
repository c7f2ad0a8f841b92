'use client';

import { ivrMenuSchema, type CreateIvrMenuInput, type IvrMenu, type UpdateIvrMenuInput } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

const menuPath = (id: string) => `/api/v1/ivr-menus/${encodeURIComponent(id)}`;

export function useIvrMenuList(search: string | undefined) {
  const key = useTenantKey();
  return useCursorList<IvrMenu>({ queryKey: key('ivr', 'list', { search }), path: '/api/v1/ivr-menus', query: { search } });
}

export function useIvrMenu(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('ivr', 'detail', id),
    queryFn: ({ signal }) => api.get(menuPath(id), { schema: ivrMenuSchema, signal }),
  });
}

function useInvalidateMenus() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('ivr') }),
      client.invalidateQueries({ queryKey: key('destinations') }),
    ]);
}

export function useSaveIvrMenu(id: string | null) {
  const invalidate = useInvalidateMenus();
  return useMutation({
    mutationFn: (input: CreateIvrMenuInput | UpdateIvrMenuInput) =>
      id ? api.patch(menuPath(id), input, { schema: ivrMenuSchema }) : api.post('/api/v1/ivr-menus', input, { schema: ivrMenuSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteIvrMenu() {
  const invalidate = useInvalidateMenus();
  return useMutation({
    mutationFn: (id: string) => api.delete(menuPath(id)),
    onSuccess: () => invalidate(),
  });
}
