import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { agentStates, callRecords, endpoints, tenants } from '../../db/schema/index';
import type { Clock } from '../../lib/clock';
import { startOfLocalDay } from '../../lib/time-zones';
import type { AgentService } from '../../modules/agents/agents.service';
import type { AgentPort } from './ports';
import { allowUnscoped } from '../../lib/query-audit';

allowUnscoped(
  'phone reachability: an ARI endpoint event names only the ARA id, unique across the platform; the row names the tenant',
  /^select `tenant_id`, `id`, `user_id`, `reachability` from `endpoints` where `endpoints`\.`ara_id` = \? limit \?$/is,
);

/**
 * Originates Asterisk refuses in a row (Allocation failed: no reachable contact) before the agent
 * is put in the system pause "phone unreachable"; any offer that rings resets the count.
 */
export const PHONE_FAILED_OFFERS_BEFORE_PAUSE = 3;

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
    async available(tenantId, userIds, figures = true) {
      if (!userIds.length) return [];
      // Who is free, and the day's figures the strategies order them by, side by side (one round
      // trip on the way to an offer); the figures of agents who turn out busy are not used.
      const [free, stats] = await Promise.all([
        db
          .select({ userId: agentStates.userId })
          .from(agentStates)
          .where(
            and(
              eq(agentStates.tenantId, tenantId),
              inArray(agentStates.userId, userIds),
              eq(agentStates.state, 'available'),
              // Only an agent with an enabled phone can be rung, and a phone with no reachable
              // contact is not available (Asterisk would refuse the channel).
              sql`EXISTS (SELECT 1 FROM ${endpoints} WHERE ${endpoints.tenantId} = ${agentStates.tenantId}
                AND ${endpoints.userId} = ${agentStates.userId} AND ${endpoints.enabled} = 1)`,
              sql`NOT EXISTS (SELECT 1 FROM ${endpoints} WHERE ${endpoints.tenantId} = ${agentStates.tenantId}
                AND ${endpoints.userId} = ${agentStates.userId} AND ${endpoints.enabled} = 1
                AND ${endpoints.reachability} = 'unreachable')`,
            ),
          ),
        !figures
          ? Promise.resolve([] as { userId: string | null; lastEnded: Date | string | null; today: number }[])
          : tenantZone(tenantId).then((tz) =>
              db
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
                    inArray(callRecords.agentUserId, userIds),
                    gte(callRecords.enteredAt, startOfLocalDay(tz, clock.now())),
                  ),
                )
                .groupBy(callRecords.agentUserId),
            ),
      ]);
      return free.map(({ userId }) => {
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
      return agents.claimForOffer(tenantId, userId, callId);
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
    async phoneFailed(tenantId, userId, callId) {
      const mine = and(
        eq(endpoints.tenantId, tenantId),
        eq(endpoints.userId, userId),
        eq(endpoints.enabled, true),
      );
      await db
        .update(endpoints)
        .set({ failedOffers: sql`${endpoints.failedOffers} + 1` })
        .where(mine);
      const [row] = await db
        .select({ n: sql<number>`MAX(${endpoints.failedOffers})` })
        .from(endpoints)
        .where(mine);
      const failures = Number(row?.n ?? 0);
      if (failures < PHONE_FAILED_OFFERS_BEFORE_PAUSE) {
        await agents.releaseOffer(tenantId, userId, callId);
        return { failures, paused: false };
      }
      await db.update(endpoints).set({ failedOffers: 0 }).where(mine);
      const paused = (await agents.pauseUnreachable(tenantId, userId, callId)) !== null;
      return { failures, paused };
    },
    async phoneRang(tenantId, userId) {
      await db
        .update(endpoints)
        .set({ failedOffers: 0 })
        .where(
          and(
            eq(endpoints.tenantId, tenantId),
            eq(endpoints.userId, userId),
            sql`${endpoints.failedOffers} <> 0`,
          ),
        );
    },
    async contactStatus(araId, reachability) {
      // The ARA id (`t42_1001`) is unique across tenants; the row names the tenant.
      const [row] = await db
        .select({
          tenantId: endpoints.tenantId,
          id: endpoints.id,
          userId: endpoints.userId,
          was: endpoints.reachability,
        })
        .from(endpoints)
        .where(eq(endpoints.araId, araId))
        .limit(1);
      if (!row) return null;
      const scoped = and(eq(endpoints.tenantId, row.tenantId), eq(endpoints.id, row.id));
      if (row.was !== reachability) {
        await db
          .update(endpoints)
          .set({
            reachability,
            reachabilityAt: clock.now(),
            ...(reachability === 'reachable' ? { failedOffers: 0 } : {}),
          })
          .where(scoped);
      }
      if (reachability === 'reachable' && row.userId) await agents.resumeReachable(row.tenantId, row.userId);
      return {
        tenantId: row.tenantId,
        endpointId: row.id,
        userId: row.userId,
        changed: row.was !== reachability,
      };
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
