import { and, asc, count, eq, gt, inArray, isNotNull, isNull, like, type SQL } from 'drizzle-orm';
import type { ListRolesQuery } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { roles, users } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { containsPattern } from '../users/sql-helpers';

registerTenantTables('roles', 'users');

export type RoleRow = typeof roles.$inferSelect;
export type NewRoleRow = typeof roles.$inferInsert;
export type RoleWithCount = RoleRow & { userCount: number };

export function createRolesRepository(db: Database) {
  /** Non-deleted users per role, for the given roles of one tenant. */
  async function userCounts(tenantId: string, roleIds: string[], exec: Executor) {
    if (roleIds.length === 0) return new Map<string, number>();
    const rows = await exec
      .select({ roleId: users.roleId, n: count() })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(users.roleId, roleIds), isNull(users.deletedAt)))
      .groupBy(users.roleId);
    return new Map(rows.map((r) => [r.roleId ?? '', r.n]));
  }

  /** `forUpdate` holds the row for the rest of the transaction (to change or delete it, or to
   *  keep it from being deleted while a user is given the role). MariaDB has no `FOR SHARE`. */
  async function findById(tenantId: string, id: string, exec: Executor = db, forUpdate = false) {
    const query = exec
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
    const [r] = forUpdate ? await query.for('update') : await query.limit(1);
    return r ?? null;
  }

  return {
    findById,

    async findByIdWithCount(
      tenantId: string,
      id: string,
      exec: Executor = db,
    ): Promise<RoleWithCount | null> {
      const r = await findById(tenantId, id, exec);
      if (!r) return null;
      const counts = await userCounts(tenantId, [r.id], exec);
      return { ...r, userCount: counts.get(r.id) ?? 0 };
    },

    /** Ordered by id (system roles first: they are created with the tenant); `afterId` is the cursor. */
    async list(
      tenantId: string,
      q: ListRolesQuery,
      afterId: string | null,
      limit: number,
    ): Promise<RoleWithCount[]> {
      const where: (SQL | undefined)[] = [
        eq(roles.tenantId, tenantId),
        afterId !== null ? gt(roles.id, afterId) : undefined,
        q.search ? like(roles.name, containsPattern(q.search)) : undefined,
      ];
      const rows = await db
        .select()
        .from(roles)
        .where(and(...where))
        .orderBy(asc(roles.id))
        .limit(limit);
      const counts = await userCounts(
        tenantId,
        rows.map((r) => r.id),
        db,
      );
      return rows.map((r) => ({ ...r, userCount: counts.get(r.id) ?? 0 }));
    },

    async insert(row: NewRoleRow, exec: Executor = db) {
      await exec.insert(roles).values(row);
    },

    async update(tenantId: string, id: string, patch: Partial<NewRoleRow>, exec: Executor = db) {
      await exec
        .update(roles)
        .set(patch)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
    },

    /**
     * Deletes a role. Soft-deleted users keep their row (and the role reference), so the
     * reference is cleared first; the caller has checked that no live user holds the role.
     */
    async delete(tenantId: string, id: string, exec: Executor) {
      await exec
        .update(users)
        .set({ roleId: null })
        .where(and(eq(users.tenantId, tenantId), eq(users.roleId, id), isNotNull(users.deletedAt)));
      await exec.delete(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
    },
  };
}
export type RolesRepository = ReturnType<typeof createRolesRepository>;
