'use client';

import {
  permissionInfoSchema,
  roleSchema,
  type CreateRoleInput,
  type Role,
  type UpdateRoleInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

const rolePath = (id: string) => `/api/v1/roles/${encodeURIComponent(id)}`;

export function useRoleList(search: string | undefined) {
  const key = useTenantKey();
  return useCursorList<Role>({
    queryKey: key('roles', 'list', { search }),
    path: '/api/v1/roles',
    query: { search },
  });
}

export function useRole(id: string | null) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('roles', 'detail', id),
    enabled: id !== null,
    queryFn: ({ signal }) => api.get(rolePath(id ?? ''), { schema: roleSchema, signal }),
  });
}

/** The permission catalogue never changes while the app runs. */
export function usePermissionCatalog() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('permissions'),
    staleTime: Infinity,
    queryFn: ({ signal }) =>
      api.get('/api/v1/permissions', { schema: z.array(permissionInfoSchema), signal }),
  });
}

function useInvalidateRoles() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('roles') }),
      client.invalidateQueries({ queryKey: key('users') }),
    ]);
}

export function useCreateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (input: CreateRoleInput) => api.post('/api/v1/roles', input, { schema: roleSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateRole(id: string) {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (input: UpdateRoleInput) => api.patch(rolePath(id), input, { schema: roleSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (id: string) => api.delete(rolePath(id)),
    onSuccess: () => invalidate(),
  });
}
