'use client';

import {
  agentListItemSchema,
  callDetailSchema,
  callRecordSchema,
  queueStatsSchema,
  telephonyStatusSchema,
  type AgentListItem,
  type CallRecord,
  type TransferInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, type QueryParams } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';

const callListSchema = z.array(callRecordSchema);
const agentListSchema = z.array(agentListItemSchema);
const callPath = (id: string) => `/api/v1/calls/${encodeURIComponent(id)}`;

/**
 * Live screens show everything at once (a wall screen has no "next page"), so they read every page
 * of a keyset list up to a bound far above what one tenant has in progress.
 */
async function readAll<T>(
  path: string,
  schema: z.ZodType<T[]>,
  signal: AbortSignal,
  query: QueryParams = {},
  maxPages = 10,
) {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: { items: unknown[]; nextCursor: string | null } = await api.list<unknown>(
      path,
      { ...query, limit: 100, cursor: cursor ?? undefined },
      signal,
    );
    items.push(...schema.parse(result.items));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Calls in progress: every call for supervisors, their own for agents (the API decides). */
export function useLiveCalls() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('calls', 'live'),
    queryFn: ({ signal }) => readAll<CallRecord>('/api/v1/calls', callListSchema, signal),
    // Events keep it fresh; the slow poll only heals a missed one.
    refetchInterval: 30_000,
  });
}

/** One call with who handled each part of it (segments) and each agent's talk time. */
export function useCall(id: string | null) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('calls', 'detail', id),
    queryFn: ({ signal }) => api.get(callPath(id!), { schema: callDetailSchema, signal }),
    enabled: Boolean(id),
  });
}

export function useTelephonyStatus() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('telephony', 'status'),
    queryFn: ({ signal }) => api.get('/api/v1/telephony/status', { schema: telephonyStatusSchema, signal }),
    refetchInterval: 15_000,
  });
}

export function useQueueStats(options: { poll: boolean }) {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('queue-stats'),
    queryFn: ({ signal }) => api.get('/api/v1/queue-stats', { schema: z.array(queueStatsSchema), signal }),
    // Supervisors get pushes every few seconds; others (no supervisor room) poll instead.
    refetchInterval: options.poll ? 5_000 : 60_000,
  });
}

export function useAgents() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('agents', 'list'),
    queryFn: ({ signal }) => readAll<AgentListItem>('/api/v1/agents', agentListSchema, signal),
    refetchInterval: 60_000,
  });
}

export type CallAction =
  | { kind: 'hangup' }
  | { kind: 'hold'; on_hold: boolean }
  | { kind: 'mute'; muted: boolean }
  | { kind: 'recording'; recording: boolean }
  | { kind: 'transfer'; input: TransferInput }
  | { kind: 'attended'; action: 'complete' | 'cancel' }
  | { kind: 'supervise'; mode: 'listen' | 'whisper' | 'barge' };

function actionRequest(id: string, action: CallAction): [string, unknown] {
  switch (action.kind) {
    case 'hangup':
      return [`${callPath(id)}/hangup`, {}];
    case 'hold':
      return [`${callPath(id)}/hold`, { on_hold: action.on_hold }];
    case 'mute':
      return [`${callPath(id)}/mute`, { muted: action.muted }];
    case 'recording':
      return [`${callPath(id)}/recording`, { recording: action.recording }];
    case 'transfer':
      return [`${callPath(id)}/transfer`, action.input];
    case 'attended':
      return [`${callPath(id)}/transfer/attended`, { action: action.action }];
    case 'supervise':
      return [`${callPath(id)}/supervise`, { mode: action.mode }];
  }
}

/** One mutation for every call control button; the affected call is refetched afterwards. */
export function useCallAction() {
  const key = useTenantKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: CallAction }) => {
      const [path, body] = actionRequest(id, action);
      return api.post(path, body);
    },
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: key('calls', 'detail', id) }),
        client.invalidateQueries({ queryKey: key('calls', 'live') }),
      ]),
  });
}

export function useOriginate() {
  const key = useTenantKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (number: string) =>
      api.post('/api/v1/calls/originate', { number }, { schema: z.object({ call_id: z.string() }) }),
    onSuccess: () => client.invalidateQueries({ queryKey: key('calls', 'live') }),
  });
}
