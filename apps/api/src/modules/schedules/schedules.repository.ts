import { and, asc, eq, gt, like } from 'drizzle-orm';
import type { ListSchedulesQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { dids, schedules, tenants } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('schedules', 'dids');

export type ScheduleRow = typeof schedules.$inferSelect;

export function createSchedulesRepository(db: Database) {
  return {
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false) {
      const q = exec
        .select()
        .from(schedules)
        .where(and(eq(schedules.tenantId, tenantId), eq(schedules.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    async list(tenantId: string, q: ListSchedulesQuery, afterId: string | null, limit: number) {
      return db
        .select()
        .from(schedules)
        .where(
          and(
            eq(schedules.tenantId, tenantId),
            afterId !== null ? gt(schedules.id, afterId) : undefined,
            q.search ? like(schedules.name, containsPattern(q.search)) : undefined,
          ),
        )
        .orderBy(asc(schedules.id))
        .limit(limit);
    },
    async insert(row: typeof schedules.$inferInsert, exec: Executor = db) {
      await exec.insert(schedules).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<typeof schedules.$inferInsert>, exec: Executor = db) {
      await exec
        .update(schedules)
        .set(patch)
        .where(and(eq(schedules.tenantId, tenantId), eq(schedules.id, id)));
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(schedules).where(and(eq(schedules.tenantId, tenantId), eq(schedules.id, id)));
    },
    /** DIDs whose time condition reads this schedule. */
    async usedByDids(tenantId: string, id: string, exec: Executor = db) {
      return exec
        .select({ id: dids.id, number: dids.number })
        .from(dids)
        .where(and(eq(dids.tenantId, tenantId), eq(dids.scheduleId, id)))
        .limit(20);
    },
    async tenantTimeZone(tenantId: string, exec: Executor = db) {
      const [t] = await exec.select({ tz: tenants.timezone }).from(tenants).where(eq(tenants.id, tenantId));
      return t?.tz ?? 'UTC';
    },
  };
}
export type SchedulesRepository = ReturnType<typeof createSchedulesRepository>;
