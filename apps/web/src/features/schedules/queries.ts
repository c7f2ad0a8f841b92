'use client';

import {
  scheduleSchema,
  type CreateScheduleInput,
  type Schedule,
  type UpdateScheduleInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

const schedulePath = (id: string) => `/api/v1/schedules/${encodeURIComponent(id)}`;

export function useScheduleList(search: string | undefined) {
  const key = useTenantKey();
  return useCursorList<Schedule>({
    queryKey: key('schedules', 'list', { search }),
    path: '/api/v1/schedules',
    query: { search },
  });
}

/** The first hundred schedules, for the DID time-condition select and for naming them in lists. */
export function useScheduleOptions(enabled = true) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('schedules', 'options'),
    enabled,
    queryFn: async ({ signal }) => {
      const page = await api.list<unknown>('/api/v1/schedules', { limit: 100 }, signal);
      return z.array(scheduleSchema).parse(page.items);
    },
    staleTime: 30_000,
  });
}

export function useSchedule(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('schedules', 'detail', id),
    queryFn: ({ signal }) => api.get(schedulePath(id), { schema: scheduleSchema, signal }),
  });
}

function useInvalidateSchedules() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key('schedules') });
}

export function useSaveSchedule(id: string | null) {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (input: CreateScheduleInput | UpdateScheduleInput) =>
      id
        ? api.patch(schedulePath(id), input, { schema: scheduleSchema })
        : api.post('/api/v1/schedules', input, { schema: scheduleSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteSchedule() {
  const invalidate = useInvalidateSchedules();
  return useMutation({
    mutationFn: (id: string) => api.delete(schedulePath(id)),
    onSuccess: () => invalidate(),
  });
}
