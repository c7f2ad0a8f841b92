'use client';

import {
  pauseReasonSchema,
  queueMemberSchema,
  queueSchema,
  type CreatePauseReasonInput,
  type CreateQueueInput,
  type PauseReason,
  type Queue,
  type QueueMember,
  type QueueStrategy,
  type ReplaceQueueMembersInput,
  type UpdatePauseReasonInput,
  type UpdateQueueInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useCursorList, useTenantKey } from '@/lib/query';

export type QueueFilters = { search?: string; strategy?: QueueStrategy };

const queuePath = (id: string) => `/api/v1/queues/${encodeURIComponent(id)}`;
const memberListSchema = z.array(queueMemberSchema);
/** PUT /queues/:id/members takes at most 1000 members, so the whole list fits in ten pages. */
const memberPages = 10;

export function useQueueList(filters: QueueFilters) {
  const key = useTenantKey();
  return useCursorList<Queue>({ queryKey: key('queues', 'list', filters), path: '/api/v1/queues', query: filters });
}

export function useQueue(id: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('queues', 'detail', id),
    queryFn: ({ signal }) => api.get(queuePath(id), { schema: queueSchema, signal }),
  });
}

function useInvalidateQueues() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('queues') }),
      client.invalidateQueries({ queryKey: key('destinations') }),
    ]);
}

export function useCreateQueue() {
  const invalidate = useInvalidateQueues();
  return useMutation({
    mutationFn: (input: CreateQueueInput) => api.post('/api/v1/queues', input, { schema: queueSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateQueue(id: string) {
  const invalidate = useInvalidateQueues();
  return useMutation({
    mutationFn: (input: UpdateQueueInput) => api.patch(queuePath(id), input, { schema: queueSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteQueue() {
  const invalidate = useInvalidateQueues();
  return useMutation({
    mutationFn: (id: string) => api.delete(queuePath(id)),
    onSuccess: () => invalidate(),
  });
}

/** The whole member list: the tab edits it as one set (bulk replace sends it back complete). */
export function useQueueMembers(queueId: string) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('queues', 'members', queueId),
    queryFn: async ({ signal }) => {
      const members: QueueMember[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < memberPages; page += 1) {
        const result: { items: unknown[]; nextCursor: string | null } = await api.list<unknown>(
          `${queuePath(queueId)}/members`,
          { limit: 100, cursor: cursor ?? undefined },
          signal,
        );
        members.push(...memberListSchema.parse(result.items));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return members;
    },
  });
}

function useInvalidateMembers(queueId: string) {
  const key = useTenantKey();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: key('queues', 'members', queueId) }),
      // Member counts are shown in the queue list.
      client.invalidateQueries({ queryKey: key('queues', 'list') }),
      client.invalidateQueries({ queryKey: key('queues', 'detail', queueId) }),
    ]);
}

export function useAddQueueMembers(queueId: string) {
  const invalidate = useInvalidateMembers(queueId);
  return useMutation({
    mutationFn: async (members: { user_id: string; penalty: number }[]) => {
      for (const member of members) {
        await api.post(`${queuePath(queueId)}/members`, member, { schema: queueMemberSchema });
      }
    },
    onSettled: () => invalidate(),
  });
}

export function useSetMemberPenalty(queueId: string) {
  const invalidate = useInvalidateMembers(queueId);
  return useMutation({
    mutationFn: ({ userId, penalty }: { userId: string; penalty: number }) =>
      api.patch(`${queuePath(queueId)}/members/${encodeURIComponent(userId)}`, { penalty }, { schema: queueMemberSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useRemoveMember(queueId: string) {
  const invalidate = useInvalidateMembers(queueId);
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${queuePath(queueId)}/members/${encodeURIComponent(userId)}`),
    onSuccess: () => invalidate(),
  });
}

export function useReplaceMembers(queueId: string) {
  const invalidate = useInvalidateMembers(queueId);
  return useMutation({
    mutationFn: (input: ReplaceQueueMembersInput) =>
      api.put(`${queuePath(queueId)}/members`, input, { schema: memberListSchema }),
    onSuccess: () => invalidate(),
  });
}

// Pause reasons -------------------------------------------------------------------------------

const reasonPath = (id: string) => `/api/v1/pause-reasons/${encodeURIComponent(id)}`;

export function usePauseReasonList() {
  const key = useTenantKey();
  return useCursorList<PauseReason>({ queryKey: key('pause-reasons', 'list'), path: '/api/v1/pause-reasons' });
}

function useInvalidateReasons() {
  const key = useTenantKey();
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key('pause-reasons') });
}

export function useSavePauseReason(id: string | null) {
  const invalidate = useInvalidateReasons();
  return useMutation({
    mutationFn: (input: CreatePauseReasonInput | UpdatePauseReasonInput) =>
      id
        ? api.patch(reasonPath(id), input, { schema: pauseReasonSchema })
        : api.post('/api/v1/pause-reasons', input, { schema: pauseReasonSchema }),
    onSuccess: () => invalidate(),
  });
}

export function useDeletePauseReason() {
  const invalidate = useInvalidateReasons();
  return useMutation({
    mutationFn: (id: string) => api.delete(reasonPath(id)),
    onSuccess: () => invalidate(),
  });
}
