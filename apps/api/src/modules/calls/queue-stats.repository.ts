import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { agentStates, callRecords, queueMembers, queues } from '../../db/schema/index';

export type QueueCounts = {
  queueId: string;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  answeredWithinSl: number;
  answeredWait: number;
  handled: number;
  handleSeconds: number;
};

const n = (v: unknown) => Number(v ?? 0);
const toDate = (v: unknown): Date | null =>
  v instanceof Date ? v : typeof v === 'string' && v ? new Date(`${v.replace(' ', 'T')}Z`) : null;

/** The aggregates behind the live queue figures (GLOSSARY), one query per kind for all queues. */
export function createQueueStatsRepository(db: Database) {
  return {
    async queues(tenantId: string, queueIds?: string[]) {
      return db
        .select({ id: queues.id, name: queues.name, serviceLevelSeconds: queues.serviceLevelSeconds })
        .from(queues)
        .where(and(eq(queues.tenantId, tenantId), queueIds?.length ? inArray(queues.id, queueIds) : undefined));
    },
    /** Counts for calls that entered each queue since `since`. */
    async counts(tenantId: string, since: Date, shortAbandonSeconds: number): Promise<QueueCounts[]> {
      const c = callRecords;
      const rows = await db
        .select({
          queueId: c.queueId,
          offered: sql<number>`COUNT(*)`,
          answered: sql<number>`SUM(${c.answeredAt} IS NOT NULL)`,
          abandoned: sql<number>`SUM(${c.disposition} = 'abandoned' AND ${c.answeredAt} IS NULL)`,
          shortAbandoned: sql<number>`SUM(${c.disposition} = 'abandoned' AND ${c.answeredAt} IS NULL AND COALESCE(${c.waitSeconds}, 0) < ${shortAbandonSeconds})`,
          overflowed: sql<number>`SUM(${c.overflowed})`,
          answeredWithinSl: sql<number>`SUM(${c.answeredAt} IS NOT NULL AND ${c.waitSeconds} <= ${queues.serviceLevelSeconds})`,
          answeredWait: sql<number>`SUM(CASE WHEN ${c.answeredAt} IS NOT NULL THEN ${c.waitSeconds} ELSE 0 END)`,
          handled: sql<number>`SUM(${c.answeredAt} IS NOT NULL AND ${c.endedAt} IS NOT NULL)`,
          handleSeconds: sql<number>`SUM(CASE WHEN ${c.answeredAt} IS NOT NULL AND ${c.endedAt} IS NOT NULL THEN COALESCE(${c.talkSeconds}, 0) + ${c.holdSeconds} + COALESCE(${c.wrapupSeconds}, 0) ELSE 0 END)`,
        })
        .from(c)
        .innerJoin(queues, and(eq(queues.tenantId, c.tenantId), eq(queues.id, c.queueId)))
        .where(and(eq(c.tenantId, tenantId), gte(c.queuedAt, since)))
        .groupBy(c.queueId);
      return rows.map((r) => ({
        queueId: r.queueId!,
        offered: n(r.offered),
        answered: n(r.answered),
        abandoned: n(r.abandoned),
        shortAbandoned: n(r.shortAbandoned),
        overflowed: n(r.overflowed),
        answeredWithinSl: n(r.answeredWithinSl),
        answeredWait: n(r.answeredWait),
        handled: n(r.handled),
        handleSeconds: n(r.handleSeconds),
      }));
    },
    /** Callers waiting now (queued or being offered, not answered), with the oldest entry time. */
    async waiting(tenantId: string) {
      const c = callRecords;
      const rows = await db
        .select({ queueId: c.queueId, waiting: sql<number>`COUNT(*)`, oldest: sql<string>`MIN(${c.queuedAt})` })
        .from(c)
        .where(and(eq(c.tenantId, tenantId), isNull(c.endedAt), isNull(c.answeredAt), inArray(c.status, ['queued', 'ringing']), sql`${c.queueId} IS NOT NULL`))
        .groupBy(c.queueId);
      return rows.map((r) => ({ queueId: r.queueId!, waiting: n(r.waiting), oldest: toDate(r.oldest) }));
    },
    /** Members of each queue by agent state (members without a state row are offline). */
    async agentsByState(tenantId: string) {
      const rows = await db
        .select({ queueId: queueMembers.queueId, state: sql<string>`COALESCE(${agentStates.state}, 'offline')`, count: sql<number>`COUNT(*)` })
        .from(queueMembers)
        .leftJoin(agentStates, and(eq(agentStates.tenantId, queueMembers.tenantId), eq(agentStates.userId, queueMembers.userId)))
        .where(eq(queueMembers.tenantId, tenantId))
        .groupBy(queueMembers.queueId, sql`COALESCE(${agentStates.state}, 'offline')`);
      return rows.map((r) => ({ queueId: r.queueId, state: r.state, count: n(r.count) }));
    },
  };
}
export type QueueStatsRepository = ReturnType<typeof createQueueStatsRepository>;
