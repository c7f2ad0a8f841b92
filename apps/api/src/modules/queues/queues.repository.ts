import { and, asc, count, eq, gt, inArray, isNull, like, notInArray, sql } from 'drizzle-orm';
import type { ListQueuesQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { queueMembers, queues, users } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { registerUsageCounter } from '../tenants/limits';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('queues', 'queue_members', 'users');

export type QueueRow = typeof queues.$inferSelect;
export type NewQueueRow = typeof queues.$inferInsert;
export type QueueMemberRow = typeof queueMembers.$inferSelect;

registerUsageCounter('queues', async (exec, tenantId) => {
  const [r] = await exec.select({ n: count() }).from(queues).where(eq(queues.tenantId, tenantId));
  return r?.n ?? 0;
});

// Deleting a user removes their membership rows; users deleted before that rule may still have
// some, which are never shown or counted (the router skips them too: they are offline).
const memberUser = and(eq(users.tenantId, queueMembers.tenantId), eq(users.id, queueMembers.userId), isNull(users.deletedAt));

const memberColumns = {
  member: queueMembers,
  userName: users.name,
  userEmail: users.email,
  userStatus: users.status,
};

export function createQueuesRepository(db: Database) {
  // Built once: the detail read is the hottest queue query, and building drizzle SQL per request costs
  // more than the lookup itself (issue 16 performance).
  const tenantParam = sql.placeholder('tenantId');
  const idParam = sql.placeholder('id');
  const memberCountOf = db
    .select({ n: count() })
    .from(queueMembers)
    .innerJoin(users, memberUser)
    .where(and(eq(queueMembers.tenantId, tenantParam), eq(queueMembers.queueId, idParam)));
  const withMemberCount = db
    .select({ row: queues, members: sql<number>`(${memberCountOf})`.mapWith(Number) })
    .from(queues)
    .where(and(eq(queues.tenantId, tenantParam), eq(queues.id, idParam)))
    .prepare();
  return {
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false): Promise<QueueRow | null> {
      const q = exec
        .select()
        .from(queues)
        .where(and(eq(queues.tenantId, tenantId), eq(queues.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    /** One queue and its member count in one round trip (the detail page and the API's GET). */
    async findWithMemberCount(tenantId: string, id: string): Promise<{ row: QueueRow; members: number } | null> {
      const [r] = await withMemberCount.execute({ tenantId, id });
      return r ?? null;
    },
    async list(tenantId: string, q: ListQueuesQuery, afterId: string | null, limit: number) {
      return db
        .select()
        .from(queues)
        .where(
          and(
            eq(queues.tenantId, tenantId),
            afterId !== null ? gt(queues.id, afterId) : undefined,
            q.search ? like(queues.name, containsPattern(q.search)) : undefined,
            q.strategy ? eq(queues.strategy, q.strategy) : undefined,
          ),
        )
        .orderBy(asc(queues.id))
        .limit(limit);
    },
    async memberCounts(tenantId: string, queueIds: string[], exec: Executor = db): Promise<Map<string, number>> {
      if (queueIds.length === 0) return new Map();
      const rows = await exec
        .select({ queueId: queueMembers.queueId, n: count() })
        .from(queueMembers)
        .innerJoin(users, memberUser)
        .where(and(eq(queueMembers.tenantId, tenantId), inArray(queueMembers.queueId, queueIds), ))
        .groupBy(queueMembers.queueId);
      return new Map(rows.map((r) => [r.queueId, r.n]));
    },
    async insert(row: NewQueueRow, exec: Executor = db) {
      await exec.insert(queues).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<NewQueueRow>, exec: Executor = db) {
      await exec
        .update(queues)
        .set(patch)
        .where(and(eq(queues.tenantId, tenantId), eq(queues.id, id)));
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(queues).where(and(eq(queues.tenantId, tenantId), eq(queues.id, id)));
    },

    // Members ---------------------------------------------------------------------------------

    /** Users that can be members: this tenant's, not deleted. Locked against a concurrent delete. */
    async findUsers(tenantId: string, userIds: string[], exec: Executor = db) {
      if (userIds.length === 0) return [];
      return exec
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds), isNull(users.deletedAt)))
        .for('update');
    },
    async listMembers(tenantId: string, queueId: string, afterUserId: string | null, limit: number, exec: Executor = db) {
      return exec
        .select(memberColumns)
        .from(queueMembers)
        .innerJoin(users, memberUser)
        .where(
          and(
            eq(queueMembers.tenantId, tenantId),
            eq(queueMembers.queueId, queueId),
            afterUserId !== null ? gt(queueMembers.userId, afterUserId) : undefined,
          ),
        )
        .orderBy(asc(queueMembers.userId))
        .limit(limit);
    },
    async findMember(tenantId: string, queueId: string, userId: string, exec: Executor = db) {
      const [r] = await exec
        .select(memberColumns)
        .from(queueMembers)
        .innerJoin(users, memberUser)
        .where(and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.queueId, queueId), eq(queueMembers.userId, userId)));
      return r ?? null;
    },
    async memberRows(tenantId: string, queueId: string, exec: Executor = db) {
      return exec
        .select()
        .from(queueMembers)
        .where(and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.queueId, queueId)));
    },
    async insertMembers(rows: QueueMemberRow[], exec: Executor = db) {
      if (rows.length) await exec.insert(queueMembers).values(rows);
    },
    async updatePenalty(tenantId: string, queueId: string, userId: string, penalty: number, now: Date, exec: Executor = db) {
      await exec
        .update(queueMembers)
        .set({ penalty, updatedAt: now })
        .where(and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.queueId, queueId), eq(queueMembers.userId, userId)));
    },
    async deleteMember(tenantId: string, queueId: string, userId: string, exec: Executor = db) {
      await exec
        .delete(queueMembers)
        .where(and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.queueId, queueId), eq(queueMembers.userId, userId)));
    },
    /** Removes every member not in `keepUserIds`. */
    async deleteMembersExcept(tenantId: string, queueId: string, keepUserIds: string[], exec: Executor = db) {
      await exec
        .delete(queueMembers)
        .where(
          and(
            eq(queueMembers.tenantId, tenantId),
            eq(queueMembers.queueId, queueId),
            keepUserIds.length ? notInArray(queueMembers.userId, keepUserIds) : undefined,
          ),
        );
    },
  };
}
export type QueuesRepository = ReturnType<typeof createQueuesRepository>;
export type QueueMemberWithUser = NonNullable<Awaited<ReturnType<QueuesRepository['findMember']>>>;
