import { and, asc, eq, gt, isNull, like, ne, or, type SQL } from 'drizzle-orm';
import type { ListTenantsQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { refreshTokens, tenants } from '../../db/schema/index';
import { containsPattern } from '../users/sql-helpers';

export type TenantRow = typeof tenants.$inferSelect;
export type TenantPatch = Partial<Omit<typeof tenants.$inferInsert, 'id' | 'createdAt'>>;

/**
 * The tenants table itself. Its rows are keyed by the tenant id, so every statement names the
 * tenant by `id` (the T8 check covers tables that carry a `tenant_id` column).
 */
export function createTenantsRepository(db: Database) {
  return {
    async findById(id: string, exec: Executor = db, forUpdate = false): Promise<TenantRow | null> {
      const query = exec.select().from(tenants).where(eq(tenants.id, id));
      const [r] = forUpdate ? await query.for('update') : await query.limit(1);
      return r ?? null;
    },

    /** Ordered by id (creation order); deleted tenants only when asked for by status. */
    async list(q: ListTenantsQuery, afterId: string | null, limit: number) {
      const where: (SQL | undefined)[] = [
        afterId !== null ? gt(tenants.id, afterId) : undefined,
        q.status ? eq(tenants.status, q.status) : ne(tenants.status, 'deleted'),
        q.search
          ? or(like(tenants.name, containsPattern(q.search)), like(tenants.slug, containsPattern(q.search)))
          : undefined,
      ];
      return db
        .select()
        .from(tenants)
        .where(and(...where))
        .orderBy(asc(tenants.id))
        .limit(limit);
    },

    async update(id: string, patch: TenantPatch, exec: Executor = db) {
      await exec.update(tenants).set(patch).where(eq(tenants.id, id));
    },

    /** Ends every refresh token issued inside a tenant (it was deleted). */
    async revokeRefreshTokens(tenantId: string, now: Date, reason: string, exec: Executor = db) {
      await exec
        .update(refreshTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshTokens.tenantId, tenantId), isNull(refreshTokens.revokedAt)));
    },
  };
}
export type TenantsRepository = ReturnType<typeof createTenantsRepository>;
