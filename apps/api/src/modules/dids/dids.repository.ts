import { and, asc, count, eq, gt, like, or } from 'drizzle-orm';
import type { ListDidsQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { dids, schedules } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { registerUsageCounter } from '../tenants/limits';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('dids', 'schedules');

export type DidRow = typeof dids.$inferSelect;
export type NewDidRow = typeof dids.$inferInsert;

registerUsageCounter('dids', async (exec, tenantId) => {
  const [r] = await exec.select({ n: count() }).from(dids).where(eq(dids.tenantId, tenantId));
  return r?.n ?? 0;
});

export function createDidsRepository(db: Database) {
  return {
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false): Promise<DidRow | null> {
      const q = exec
        .select()
        .from(dids)
        .where(and(eq(dids.tenantId, tenantId), eq(dids.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    /** `search` matches the description, or the number when it holds digits (formatting ignored). */
    async list(tenantId: string, q: ListDidsQuery, afterId: string | null, limit: number) {
      const digits = q.search?.replace(/\D/g, '') ?? '';
      return db
        .select()
        .from(dids)
        .where(
          and(
            eq(dids.tenantId, tenantId),
            afterId !== null ? gt(dids.id, afterId) : undefined,
            q.destination_type ? eq(dids.destinationType, q.destination_type) : undefined,
            q.search
              ? or(
                  like(dids.description, containsPattern(q.search)),
                  digits ? like(dids.number, containsPattern(digits)) : undefined,
                )
              : undefined,
          ),
        )
        .orderBy(asc(dids.id))
        .limit(limit);
    },
    async insert(row: NewDidRow, exec: Executor = db) {
      await exec.insert(dids).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<NewDidRow>, exec: Executor = db) {
      await exec
        .update(dids)
        .set(patch)
        .where(and(eq(dids.tenantId, tenantId), eq(dids.id, id)));
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(dids).where(and(eq(dids.tenantId, tenantId), eq(dids.id, id)));
    },
    /** Locks the schedule a time condition names, so it cannot be deleted under the write. */
    async lockSchedule(tenantId: string, id: string, exec: Executor = db) {
      const [r] = await exec
        .select({ id: schedules.id })
        .from(schedules)
        .where(and(eq(schedules.tenantId, tenantId), eq(schedules.id, id)))
        .for('update');
      return r ?? null;
    },
  };
}
export type DidsRepository = ReturnType<typeof createDidsRepository>;
