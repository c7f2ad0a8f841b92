'use client';

import {
  agentStateViewSchema,
  pauseReasonSchema,
  type AgentStateView,
  type PauseReason,
  type SetAgentStateInput,
} from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';

const statePath = '/api/v1/agents/me/state';

export function useMyAgentState() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('agents', 'me'),
    queryFn: ({ signal }) => api.get(statePath, { schema: agentStateViewSchema, signal }),
    refetchInterval: 60_000,
  });
}

/** Stores a pushed or returned state unless the cache already holds a newer version. */
export function useStoreMyState() {
  const key = useTenantKey();
  const client = useQueryClient();
  return (view: AgentStateView) =>
    client.setQueryData<AgentStateView>(key('agents', 'me'), (current) =>
      current && current.version > view.version ? current : view,
    );
}

export function useSetMyAgentState() {
  const store = useStoreMyState();
  return useMutation({
    mutationFn: (input: SetAgentStateInput) => api.put(statePath, input, { schema: agentStateViewSchema }),
    onSuccess: (view) => store(view),
  });
}

/** The tenant's enabled pause reasons, in the API's order (one page holds them all). */
export function usePauseReasons() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('pause-reasons', 'enabled'),
    queryFn: async ({ signal }) => {
      const page = await api.list<unknown>('/api/v1/pause-reasons', { limit: 100, enabled: 'true' }, signal);
      return z
        .array(pauseReasonSchema)
        .parse(page.items)
        .filter((r: PauseReason) => r.enabled);
    },
    staleTime: 5 * 60_000,
  });
}
