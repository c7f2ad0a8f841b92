import type {
  AgentListItem,
  AgentStateView,
  CallRecord,
  LiveCallEvent,
  QueueStats,
} from '@switchboard/contracts';

/** Seconds from an ISO instant to `now`, never negative (browser and server clocks differ a little). */
export function secondsSince(iso: string | null | undefined, now: number) {
  if (!iso) return 0;
  return Math.max(0, (now - Date.parse(iso)) / 1000);
}

/**
 * What a `call.*` event changes in a call record; names and times come from the next refetch.
 * The event names the agent on the call now: it becomes the first agent only until someone has
 * answered (a transfer keeps who answered first and changes the current agent).
 */
export function patchRecord(record: CallRecord, call: LiveCallEvent): CallRecord {
  const answered = record.answered_at !== null;
  const first = answered ? record.agent_user_id : (call.agent_user_id ?? record.agent_user_id);
  const current = call.state === 'connected' ? call.agent_user_id : null;
  return {
    ...record,
    status: call.state,
    on_hold: call.on_hold,
    muted: call.muted,
    queue_id: call.queue_id ?? record.queue_id,
    queue_name: call.queue_name ?? record.queue_name,
    answered_at: record.answered_at ?? (call.state === 'connected' ? new Date().toISOString() : null),
    agent_user_id: first,
    agent_name: first === record.agent_user_id ? record.agent_name : null,
    current_agent_user_id: current,
    current_agent_name: current === record.current_agent_user_id ? record.current_agent_name : null,
  };
}

/**
 * The live call list after one event: ended calls leave, known ones are patched. `known` false
 * means the list lacks the call (or is not loaded) and should be refetched.
 */
export function applyCallEvent(list: CallRecord[] | undefined, name: string, call: LiveCallEvent) {
  if (!list) return { list, known: false };
  const known = list.some((c) => c.id === call.call_id);
  if (name === 'call.ended') return { list: list.filter((c) => c.id !== call.call_id), known };
  return { list: known ? list.map((c) => (c.id === call.call_id ? patchRecord(c, call) : c)) : list, known };
}

/** The agent list with one pushed state applied, unless it is older than the one held. */
export function applyAgentState(list: AgentListItem[] | undefined, view: AgentStateView) {
  if (!list) return { list, known: false };
  let known = false;
  const next = list.map((agent) => {
    if (agent.user_id !== view.user_id) return agent;
    known = true;
    return view.version >= agent.version ? { ...agent, ...view } : agent;
  });
  return { list: next, known };
}

/** Pushed figures replace those of the same queue; the result is ordered by queue name. */
export function mergeQueueStats(current: QueueStats[] | undefined, pushed: QueueStats[]) {
  const byId = new Map((current ?? []).map((q) => [q.queue_id, q]));
  for (const q of pushed) byId.set(q.queue_id, q);
  return [...byId.values()].sort((a, b) => a.queue_name.localeCompare(b.queue_name));
}
