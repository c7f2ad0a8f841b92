import { and, eq, inArray, isNull, lt, lte, ne, notInArray, or } from 'drizzle-orm';
import type {
  AgentListItem,
  AgentStateView,
  ListAgentsQuery,
  SetAgentStateInput,
} from '@switchboard/contracts';
import { agentStates } from '../../db/schema/index';
import { AppError, fieldError } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { Presence } from '../../realtime/presence';
import type { RealtimeOptions } from '../../realtime/options';
import { createAgentCalls } from './agent-calls';
import { createAgentTransitions, toAgentStateView, type TransitionDeps } from './agent-transitions';

/** States an agent may leave by choice; ringing and on-call belong to the call router. */
const AGENT_OWNED = ['offline', 'available', 'paused', 'away', 'wrap_up'] as const;

export type AgentServiceDeps = TransitionDeps & { options: Pick<RealtimeOptions, 'presenceGraceMs'> };

export function createAgentService(deps: AgentServiceDeps) {
  const { repo, clock } = deps;
  const transition = createAgentTransitions(deps);

  async function current(tenantId: string, userId: string) {
    const existing = await repo.find(tenantId, userId);
    if (existing) return existing;
    await repo.ensure(tenantId, userId, clock.now());
    const row = await repo.find(tenantId, userId);
    if (!row) throw new AppError('NOT_FOUND', 'Agent not found');
    return row;
  }

  const presence: Presence = {
    // Operators switched into a tenant are not agents of it.
    tracks: (ctx) => ctx.permissions.has('agent.state') && !ctx.operator,
    async seen(byTenant) {
      const now = clock.now();
      for (const [tenantId, userIds] of byTenant) await repo.touchSeen(tenantId, [...userIds], now);
    },
  };

  return {
    presence,
    ...createAgentCalls({ transition, clock }),

    async getOwnState(ctx: TenantContext): Promise<AgentStateView> {
      return toAgentStateView(await current(ctx.tenantId, ctx.userId));
    },

    /** The agent picks available, paused (with one of the tenant's pause reasons), away or offline. */
    async setOwnState(ctx: TenantContext, input: SetAgentStateInput): Promise<AgentStateView> {
      const reasonId = input.reason_id ?? null;
      if (reasonId && input.state !== 'paused')
        throw fieldError('body.reason_id', 'Only a paused agent has a reason');
      if (reasonId && !(await repo.pauseReasonExists(ctx.tenantId, reasonId))) {
        throw new AppError('UNPROCESSABLE', 'reason_id: unknown pause reason', {
          fields: [{ path: 'body.reason_id', message: 'Unknown pause reason' }],
        });
      }
      // Optimistic concurrency: the change applies to the version we validated, or we re-read.
      for (let attempt = 0; attempt < 3; attempt++) {
        const row = await current(ctx.tenantId, ctx.userId);
        if (row.state === 'ringing' || row.state === 'on_call') {
          throw new AppError('INVALID_STATE', 'Finish the call before changing state');
        }
        if (row.state === input.state && row.reasonId === reasonId) return toAgentStateView(row);
        const changed = await transition(
          ctx.tenantId,
          ctx.userId,
          and(eq(agentStates.version, row.version), inArray(agentStates.state, [...AGENT_OWNED]))!,
          { state: input.state, reasonId, currentCallId: null, wrapupUntil: null },
        );
        if (changed) return changed;
      }
      throw new AppError('CONFLICT', 'Your state changed meanwhile; try again');
    },

    /** State intervals of one agent, oldest first (analytics reads the table directly). */
    history: (tenantId: string, userId: string) => repo.history(tenantId, userId),

    async list(
      ctx: TenantContext,
      q: ListAgentsQuery,
    ): Promise<{ items: AgentListItem[]; nextCursor: string | null }> {
      const after = decodeCursor(q.cursor, 2) as [string, string] | null;
      const rows = await repo.list(ctx.tenantId, q.state, after, q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.name, r.userId]);
      return {
        items: page.items.map((r) => ({
          user_id: r.userId,
          name: r.name,
          email: r.email,
          state: r.state,
          reason_id: r.reasonId,
          since: (r.since ?? r.createdAt).toISOString(),
          current_call_id: r.currentCallId,
          wrapup_until: r.wrapupUntil ? r.wrapupUntil.toISOString() : null,
          version: r.version ?? 0,
          last_seen_at: r.lastSeenAt ? r.lastSeenAt.toISOString() : null,
          phone_unreachable: Boolean(r.phoneUnreachable),
        })),
        nextCursor: page.nextCursor,
      };
    },

    /** Worker: agents whose wrap-up time is over become available. Returns how many changed. */
    async expireWrapUps(): Promise<number> {
      const now = clock.now();
      let changed = 0;
      for (const a of await repo.findExpiredWrapUps(now)) {
        const done = await transition(
          a.tenantId,
          a.userId,
          and(eq(agentStates.state, 'wrap_up'), lte(agentStates.wrapupUntil, now))!,
          { state: 'available', reasonId: null, currentCallId: null, wrapupUntil: null },
        );
        if (done) changed++;
      }
      return changed;
    },

    /**
     * System transition for a user who was disabled or deleted: offline from any state, so the
     * ACD (which offers calls only to `available` agents) skips them. A call in progress goes on
     * in Asterisk; the router's later transitions for it no longer match and leave the agent
     * offline. `formerQueueIds` are queues the user was just taken out of, told as well.
     */
    forceOffline(
      tenantId: string,
      userId: string,
      formerQueueIds: string[] = [],
    ): Promise<AgentStateView | null> {
      return transition(
        tenantId,
        userId,
        ne(agentStates.state, 'offline'),
        { state: 'offline', reasonId: null, currentCallId: null, wrapupUntil: null },
        null,
        formerQueueIds,
      );
    },

    /** Worker: agents no instance has seen for the grace period go offline, unless on a call. */
    async sweepPresence(): Promise<number> {
      const cutoff = new Date(clock.now().getTime() - deps.options.presenceGraceMs);
      let changed = 0;
      for (const a of await repo.findStale(cutoff)) {
        const done = await transition(
          a.tenantId,
          a.userId,
          and(
            notInArray(agentStates.state, ['offline', 'ringing', 'on_call']),
            or(isNull(agentStates.lastSeenAt), lt(agentStates.lastSeenAt, cutoff)),
          )!,
          { state: 'offline', reasonId: null, currentCallId: null, wrapupUntil: null },
        );
        if (done) changed++;
      }
      return changed;
    },
  };
}
export type AgentService = ReturnType<typeof createAgentService>;
