'use client';

import {
  agentStateViewSchema,
  callEventNames,
  liveCallEventSchema,
  queueStatsSchema,
  type AgentListItem,
  type CallRecord,
  type LiveCallEvent,
  type QueueStats,
} from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { useRealtimeResync, useRoomEvents } from '@/lib/websocket';
import { useTenantKey } from '@/lib/query';
import { applyAgentState, applyCallEvent, mergeQueueStats, patchRecord } from './live-cache';

export { secondsSince } from './live-cache';

const callEventSet = new Set<string>(callEventNames);
const queueStatsPush = z.object({ queues: z.array(queueStatsSchema) });

/** The current time, re-rendered every `everyMs`: durations and countdowns tick with it. */
export function useNow(everyMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Calls `handler` with every parsed `call.*` event of `room`. */
export function useCallEvents(room: string | null, handler: (name: string, call: LiveCallEvent) => void) {
  useRoomEvents(room, (event) => {
    if (!callEventSet.has(event.event)) return;
    const parsed = liveCallEventSchema.safeParse(event.data);
    if (parsed.success) handler(event.event, parsed.data);
  });
}

/**
 * Keeps the live call list in step with `call.*` pushes: what the event carries is patched in at
 * once, ended calls leave, and a call the list has not seen yet triggers one (coalesced) refetch
 * for its full record.
 */
export function useLiveCallsSync(room: string | null) {
  const key = useTenantKey();
  const client = useQueryClient();
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchSoon = () => {
    clearTimeout(refetchTimer.current);
    refetchTimer.current = setTimeout(
      () => void client.invalidateQueries({ queryKey: key('calls', 'live') }),
      300,
    );
  };
  useEffect(() => () => clearTimeout(refetchTimer.current), []);
  useRealtimeResync(refetchSoon);
  useCallEvents(room, (name, call) => {
    let known = false;
    client.setQueryData<CallRecord[]>(key('calls', 'live'), (list) => {
      const result = applyCallEvent(list, name, call);
      known = result.known;
      return result.list;
    });
    client.setQueryData<CallRecord>(key('calls', 'detail', call.call_id), (record) =>
      record ? patchRecord(record, call) : record,
    );
    // A new agent or an answer changes fields the event does not carry (names, answered_at).
    if (!known || name === 'call.answered' || name === 'call.offered') refetchSoon();
  });
}

/** Applies `agent.state` pushes to the agent list, ignoring ones older than what it holds. */
export function useAgentStateSync(room: string | null) {
  const key = useTenantKey();
  const client = useQueryClient();
  useRealtimeResync(() => void client.invalidateQueries({ queryKey: key('agents') }));
  useRoomEvents(room, (event) => {
    if (event.event !== 'agent.state') return;
    const parsed = agentStateViewSchema.safeParse(event.data);
    if (!parsed.success) return;
    const view = parsed.data;
    let known = false;
    client.setQueryData<AgentListItem[]>(key('agents', 'list'), (list) => {
      const result = applyAgentState(list, view);
      known = result.known;
      return result.list;
    });
    if (!known) void client.invalidateQueries({ queryKey: key('agents', 'list') });
  });
}

/** Replaces each pushed queue's figures in the queue-stats cache. */
export function useQueueStatsSync(room: string | null) {
  const key = useTenantKey();
  const client = useQueryClient();
  useRoomEvents(room, (event) => {
    if (event.event !== 'queue.stats') return;
    const parsed = queueStatsPush.safeParse(event.data);
    if (!parsed.success) return;
    client.setQueryData<QueueStats[]>(key('queue-stats'), (current) =>
      mergeQueueStats(current, parsed.data.queues),
    );
  });
}
