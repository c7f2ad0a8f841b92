'use client';

import {
  roleSchema,
  userSchema,
  type CreateUserInput,
  type Role,
  type UpdateUserInput,
  type User,
  type UserStatus,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type UserFilters = { search?: string; role_id?: string; status?: UserStatus };

const userPath = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;

export function useUserList(filters: UserFilters) {
  const key = useTenantKey();
  return useCursorList<User>({
    queryKey: key('users', 'list', filters),
    path: '/api/v1/users',
    query: filters,
  });
}

export function useUser(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('users', 'detail', id),
    queryFn: ({ signal }) => api.get(userPath(id), { schema: userSchema, signal }),
  });
}

/** Every role of the tenant, for filters and role pickers (tenants hold a handful, not thousands). */
export function useRoleOptions(enabled = true) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('roles', 'options'),
    enabled,
    queryFn: async ({ signal }): Promise<Role[]> => {
      const page = await api.list<Role>('/api/v1/roles', { limit: 100 }, signal);
      return z.array(roleSchema).parse(page.items);
    },
  });
}

function useInvalidateUsers() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('users') }),
      // Role user counts and the home page's usage change with users.
      client.invalidateQueries({ queryKey: key('roles') }),
      client.invalidateQueries({ queryKey: key('tenant') }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post('/api/v1/users', input, { schema: userSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateUser(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => api.patch(userPath(id), input, { schema: userSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useAssignRole(id: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (roleId: string) =>
      api.put(`${userPath(id)}/role`, { role_id: roleId }, { schema: userSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useSetUserStatus() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: UserStatus }) =>
      api.put(`${userPath(id)}/status`, { status }, { schema: userSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.delete(userPath(id)),
    onSuccess: () => invalidate(),
  });
}
