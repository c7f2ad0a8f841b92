import type { SQL } from 'drizzle-orm';
import type { AgentStateView } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { realtimeEvent, type RealtimeEvents } from '../../realtime/events';
import type { AgentsRepository, AgentStatePatch, AgentStateRow } from './agents.repository';

export function toAgentStateView(row: AgentStateRow): AgentStateView {
  return {
    user_id: row.userId,
    state: row.state,
    reason_id: row.reasonId,
    since: row.since.toISOString(),
    current_call_id: row.currentCallId,
    wrapup_until: row.wrapupUntil ? row.wrapupUntil.toISOString() : null,
    version: row.version,
  };
}

const DEADLOCK = 1213;

/**
 * InnoDB may still pick a transition as a deadlock victim (locks taken by other modules'
 * transactions on the same rows); running it again is safe: its guard is evaluated afresh.
 */
async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const errno =
        (err as { errno?: number; cause?: { errno?: number } }).errno ??
        (err as { cause?: { errno?: number } }).cause?.errno;
      if (errno !== DEADLOCK || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}

export type TransitionDeps = { db: Database; repo: AgentsRepository; events: RealtimeEvents; clock: Clock };

/**
 * Every state change goes through here: a conditional UPDATE (the guard), the history interval,
 * and the `agent.state` event for the agent's own room, the supervisors' room and the rooms of
 * the agent's queues (and of queues they just left, `formerQueueIds`) — one transaction, published after commit. Returns null when the guard no
 * longer held (someone else changed the agent first).
 */
export function createAgentTransitions(deps: TransitionDeps) {
  return async function transition(
    tenantId: string,
    userId: string,
    guard: SQL,
    patch: AgentStatePatch,
    callId: string | null = patch.currentCallId,
    formerQueueIds: string[] = [],
  ): Promise<AgentStateView | null> {
    // Both before the transaction, side by side (a claim is on the way to the agent's phone).
    const [memberOf] = await Promise.all([deps.repo.queueIdsOf(tenantId, userId), deps.events.prepare(tenantId)]);
    const queueIds = new Set([...memberOf, ...formerQueueIds]);
    const rooms = [`user:${userId}`, `supervisor:${tenantId}`, ...[...queueIds].map((q) => `queue:${q}`)];
    const now = deps.clock.now();
    const done = await withDeadlockRetry(() =>
      deps.db.transaction(async (tx) => {
        if (!(await deps.repo.update(tx, tenantId, userId, guard, patch, now))) return null;
        await deps.repo.appendHistory(tx, tenantId, userId, patch, callId, now);
        const row = await deps.repo.find(tenantId, userId, tx);
        if (!row) return null;
        const view = toAgentStateView(row);
        const pending = await deps.events.record(
          tx,
          tenantId,
          rooms.map((room) => realtimeEvent(room, 'agent.state', view)),
        );
        return { view, pending };
      }),
    );
    if (!done) return null;
    deps.events.publish(done.pending);
    return done.view;
  };
}
export type AgentTransition = ReturnType<typeof createAgentTransitions>;
