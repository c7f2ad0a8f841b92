import { and, asc, eq, gt } from 'drizzle-orm';
import { defaultPauseReasons, type ListPauseReasonsQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { pauseReasons } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('pause_reasons');

export type PauseReasonRow = typeof pauseReasons.$inferSelect;
export type NewPauseReasonRow = typeof pauseReasons.$inferInsert;

/** Gives a new tenant the default pause reasons (Break, Lunch, Training, Meeting). */
export async function insertDefaultPauseReasons(exec: Executor, tenantId: string, now: Date) {
  await exec.insert(pauseReasons).values(
    defaultPauseReasons.map((d) => ({
      id: newId(),
      tenantId,
      name: d.name,
      code: d.code,
      paid: d.paid,
      maxMinutes: d.max_minutes,
      enabled: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export function createPauseReasonsRepository(db: Database) {
  return {
    async findById(tenantId: string, id: string, exec: Executor = db, lock = false) {
      const q = exec
        .select()
        .from(pauseReasons)
        .where(and(eq(pauseReasons.tenantId, tenantId), eq(pauseReasons.id, id)));
      const [r] = lock ? await q.for('update') : await q;
      return r ?? null;
    },
    async list(tenantId: string, q: ListPauseReasonsQuery, afterId: string | null, limit: number) {
      return db
        .select()
        .from(pauseReasons)
        .where(
          and(
            eq(pauseReasons.tenantId, tenantId),
            afterId !== null ? gt(pauseReasons.id, afterId) : undefined,
            q.enabled !== undefined ? eq(pauseReasons.enabled, q.enabled === 'true') : undefined,
          ),
        )
        .orderBy(asc(pauseReasons.id))
        .limit(limit);
    },
    async insert(row: NewPauseReasonRow, exec: Executor = db) {
      await exec.insert(pauseReasons).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<NewPauseReasonRow>, exec: Executor = db) {
      await exec
        .update(pauseReasons)
        .set(patch)
        .where(and(eq(pauseReasons.tenantId, tenantId), eq(pauseReasons.id, id)));
    },
    async delete(tenantId: string, id: string, exec: Executor = db) {
      await exec.delete(pauseReasons).where(and(eq(pauseReasons.tenantId, tenantId), eq(pauseReasons.id, id)));
    },
  };
}
export type PauseReasonsRepository = ReturnType<typeof createPauseReasonsRepository>;
