import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { agentStates, callRecords, tenants } from '../../db/schema/index';
import type { Clock } from '../../lib/clock';
import { startOfLocalDay } from '../../lib/time-zones';
import type { AgentService } from '../../modules/agents/agents.service';
import type { AgentPort } from './ports';

/**
 * The router's agent port: availability and statistics read from the database, every state
 * change through the agent service's conditional updates (so concurrent workers cannot both
 * claim one agent).
 */
export function createAgentPort(deps: { db: Database; agents: AgentService; clock: Clock }): AgentPort {
  const { db, agents, clock } = deps;
  const zones = new Map<string, { tz: string; at: number }>();
  const tenantZone = async (tenantId: string) => {
    const hit = zones.get(tenantId);
    if (hit && clock.now().getTime() - hit.at < 60_000) return hit.tz;
    const [t] = await db
      .select({ tz: tenants.timezone })
      .from(tenants)
      .where(eq(tenants.id, tenantId))
      .limit(1);
    const tz = t?.tz ?? 'UTC';
    zones.set(tenantId, { tz, at: clock.now().getTime() });
    return tz;
  };
  return {
    async available(tenantId, userIds) {
      if (!userIds.length) return [];
      const free = await db
        .select({ userId: agentStates.userId })
        .from(agentStates)
        .where(
          and(
            eq(agentStates.tenantId, tenantId),
            inArray(agentStates.userId, userIds),
            eq(agentStates.state, 'available'),
          ),
        );
      if (!free.length) return [];
      const ids = free.map((f) => f.userId);
      const since = startOfLocalDay(await tenantZone(tenantId), clock.now());
      const stats = await db
        .select({
          userId: callRecords.agentUserId,
          lastEnded: sql<Date | string | null>`MAX(${callRecords.endedAt})`,
          today: sql<number>`SUM(${callRecords.answeredAt} IS NOT NULL)`,
        })
        .from(callRecords)
        // Today only (tenant time zone): this runs on every offer, and the index on
        // (tenant, agent, entered_at) keeps it to the day's rows. An agent with no call today
        // counts as idle the longest.
        .where(
          and(
            eq(callRecords.tenantId, tenantId),
            inArray(callRecords.agentUserId, ids),
            gte(callRecords.enteredAt, since),
          ),
        )
        .groupBy(callRecords.agentUserId);
      return ids.map((userId) => {
        const s = stats.find((x) => x.userId === userId);
        const last = s?.lastEnded
          ? s.lastEnded instanceof Date
            ? s.lastEnded
            : new Date(`${s.lastEnded.replace(' ', 'T')}Z`)
          : null;
        return { userId, lastCallEndedAt: last, callsToday: Number(s?.today ?? 0) };
      });
    },
    async loggedInCount(tenantId, userIds) {
      if (!userIds.length) return 0;
      const [row] = await db
        .select({ n: sql<number>`COUNT(*)` })
        .from(agentStates)
        .where(
          and(
            eq(agentStates.tenantId, tenantId),
            inArray(agentStates.userId, userIds),
            ne(agentStates.state, 'offline'),
          ),
        );
      return Number(row?.n ?? 0);
    },
    async claim(tenantId, userId, callId) {
      return (await agents.claim(tenantId, userId, callId)) !== null;
    },
    async release(tenantId, userId, callId) {
      await agents.releaseOffer(tenantId, userId, callId);
    },
    async connected(tenantId, userId, callId) {
      await agents.startCall(tenantId, userId, callId);
    },
    async wrapUp(tenantId, userId, callId, seconds) {
      await agents.endCall(tenantId, userId, callId, seconds);
    },
    async freeFromCall(tenantId, callId) {
      const bound = await db
        .select({ userId: agentStates.userId })
        .from(agentStates)
        .where(and(eq(agentStates.tenantId, tenantId), eq(agentStates.currentCallId, callId)));
      for (const { userId } of bound) await agents.endCall(tenantId, userId, callId, 0);
    },
  };
}
