import type { SQL } from 'drizzle-orm';
import type { AgentStateView } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { realtimeEvent, type RealtimeEvents } from '../../realtime/events';
import type { AgentsRepository, AgentStatePatch, AgentStateRow } from './agents.repository';

export function toAgentStateView(
  row: Pick<
    AgentStateRow,
    'userId' | 'state' | 'reasonId' | 'since' | 'currentCallId' | 'wrapupUntil' | 'version'
  >,
): AgentStateView {
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

export type TransitionDeps = {
  db: Database;
  repo: AgentsRepository;
  events: RealtimeEvents;
  clock: Clock;
  /** A fast transition's bookkeeping failed (its state change stands). */
  onError?: (err: unknown) => void;
};

/**
 * Every state change goes through here: a conditional UPDATE (the guard), the history interval,
 * and the `agent.state` event for the agent's own room, the supervisors' room and the rooms of
 * the agent's queues (and of queues they just left, `formerQueueIds`) — one transaction, published after commit. Returns null when the guard no
 * longer held (someone else changed the agent first).
 */
export function createAgentTransitions(deps: TransitionDeps) {
  /**
   * Per agent, the bookkeeping of a fast transition still being written. Every later transition
   * of that agent in this process waits for it, so an agent's history and events stay in order.
   */
  const behind = new Map<string, Promise<void>>();
  const keyOf = (tenantId: string, userId: string) => `${tenantId}:${userId}`;
  const after = async (tenantId: string, userId: string) => {
    const tail = behind.get(keyOf(tenantId, userId));
    if (tail) await tail;
  };
  const roomsOf = async (tenantId: string, userId: string, formerQueueIds: string[]) => {
    // Both before the transaction, side by side (a claim is on the way to the agent's phone).
    const [memberOf] = await Promise.all([
      deps.repo.queueIdsOf(tenantId, userId),
      deps.events.prepare(tenantId),
    ]);
    const queueIds = new Set([...memberOf, ...formerQueueIds]);
    return [`user:${userId}`, `supervisor:${tenantId}`, ...[...queueIds].map((q) => `queue:${q}`)];
  };
  /** The history interval, the row as it is now and its `agent.state` event, in one transaction. */
  const bookkeeping = async (
    tenantId: string,
    userId: string,
    patch: AgentStatePatch,
    callId: string | null,
    now: Date,
    version: number,
    rooms: string[],
    exec: Parameters<Parameters<Database['transaction']>[0]>[0],
  ) => {
    await deps.repo.appendHistory(exec, tenantId, userId, patch, callId, now);
    // The row as the guarded UPDATE left it: the patch, `since` and the version it handed back.
    const view = toAgentStateView({ userId, ...patch, since: now, version });
    const pending = await deps.events.record(
      exec,
      tenantId,
      rooms.map((room) => realtimeEvent(room, 'agent.state', view)),
    );
    return { view, pending };
  };

  async function transition(
    tenantId: string,
    userId: string,
    guard: SQL,
    patch: AgentStatePatch,
    callId: string | null = patch.currentCallId,
    formerQueueIds: string[] = [],
  ): Promise<AgentStateView | null> {
    await after(tenantId, userId);
    const rooms = await roomsOf(tenantId, userId, formerQueueIds);
    const now = deps.clock.now();
    const done = await withDeadlockRetry(() =>
      deps.db.transaction(async (tx) => {
        const changed = await deps.repo.update(tx, tenantId, userId, guard, patch, now);
        if (!changed) return null;
        return bookkeeping(tenantId, userId, patch, callId, now, changed.version, rooms, tx);
      }),
    );
    if (!done) return null;
    deps.events.publish(done.pending);
    return done.view;
  }

  /**
   * The same change with only its guard on the caller's way: the conditional UPDATE commits on
   * its own (it alone decides who wins the agent), and the history interval and the event follow
   * in their own transaction, in order with the agent's other transitions in this process. For the
   * call router's offer, where every round trip is between the caller and the agent's phone: the
   * tenant's event stream lock (which every event of the tenant queues for) stays off that way.
   * A crash between the two loses that interval and event, not the state (see
   * docs/decisions/030-router-hot-path.md).
   */
  async function fast(
    tenantId: string,
    userId: string,
    guard: SQL,
    patch: AgentStatePatch,
  ): Promise<boolean> {
    await after(tenantId, userId);
    const now = deps.clock.now();
    const won = await withDeadlockRetry(() => deps.repo.update(deps.db, tenantId, userId, guard, patch, now));
    if (!won) return false;
    const { version } = won;
    const key = keyOf(tenantId, userId);
    const write = async () => {
      try {
        const r = await roomsOf(tenantId, userId, []);
        const done = await withDeadlockRetry(() =>
          deps.db.transaction((tx) =>
            bookkeeping(tenantId, userId, patch, patch.currentCallId, now, version, r, tx),
          ),
        );
        if (done) deps.events.publish(done.pending);
      } catch (err) {
        deps.onError?.(err);
      }
    };
    const tail: Promise<void> = write().finally(() => {
      if (behind.get(key) === tail) behind.delete(key);
    });
    behind.set(key, tail);
    return true;
  }

  return Object.assign(transition, { fast });
}
export type AgentTransition = ReturnType<typeof createAgentTransitions>;
