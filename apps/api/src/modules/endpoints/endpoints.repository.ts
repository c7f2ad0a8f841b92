import { and, asc, count, eq, gt, isNull, like, or, type SQL } from 'drizzle-orm';
import type { ListEndpointsQuery, Permission } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { endpoints, roles, users } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('endpoints');

export type EndpointRow = typeof endpoints.$inferSelect;
export type NewEndpointRow = typeof endpoints.$inferInsert;
export type EndpointPatch = Partial<Omit<NewEndpointRow, 'id' | 'tenantId' | 'createdAt'>>;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createEndpointRepository(db: Database) {
  return {
    async insert(exec: Executor, row: NewEndpointRow) {
      await exec.insert(endpoints).values(row);
    },
    async update(exec: Executor, tenantId: string, id: string, patch: EndpointPatch) {
      await exec
        .update(endpoints)
        .set(patch)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.id, id)));
    },
    async delete(exec: Executor, tenantId: string, id: string) {
      await exec.delete(endpoints).where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.id, id)));
    },
    /** `forUpdate` locks the row for the rest of the caller's transaction. */
    async findById(
      exec: Executor,
      tenantId: string,
      id: string,
      forUpdate = false,
    ): Promise<EndpointRow | undefined> {
      const q = exec
        .select()
        .from(endpoints)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.id, id)))
        .limit(1);
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async findByExtension(
      exec: Executor,
      tenantId: string,
      extension: string,
    ): Promise<EndpointRow | undefined> {
      const [row] = await exec
        .select()
        .from(endpoints)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.extension, extension)))
        .limit(1);
      return row;
    },
    async list(tenantId: string, q: ListEndpointsQuery, afterId: string | null, limit: number) {
      const search = q.search ? `%${likeEscape(q.search)}%` : null;
      const where: (SQL | undefined)[] = [
        eq(endpoints.tenantId, tenantId),
        afterId ? gt(endpoints.id, afterId) : undefined,
        q.kind ? eq(endpoints.kind, q.kind) : undefined,
        q.enabled !== undefined ? eq(endpoints.enabled, q.enabled) : undefined,
        q.user_id ? eq(endpoints.userId, q.user_id) : undefined,
        search ? or(like(endpoints.extension, search), like(endpoints.displayName, search)) : undefined,
      ];
      return db
        .select()
        .from(endpoints)
        .where(and(...where))
        .orderBy(asc(endpoints.id))
        .limit(limit);
    },
    async listEnabled(exec: Executor, tenantId: string) {
      return exec
        .select()
        .from(endpoints)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.enabled, true)))
        .orderBy(asc(endpoints.id));
    },
    /** The user's phones, locked for the rest of the caller's transaction. */
    async listByUserForUpdate(exec: Executor, tenantId: string, userId: string) {
      return exec
        .select()
        .from(endpoints)
        .where(and(eq(endpoints.tenantId, tenantId), eq(endpoints.userId, userId)))
        .orderBy(asc(endpoints.id))
        .for('update');
    },
    async count(exec: Executor, tenantId: string): Promise<number> {
      const [row] = await exec.select({ n: count() }).from(endpoints).where(eq(endpoints.tenantId, tenantId));
      return Number(row?.n ?? 0);
    },
    /** A live user of this tenant (assignment target). */
    /** What a (non-deleted) user of the tenant may do, or null when there is no such user. */
    async userPermissions(exec: Executor, tenantId: string, userId: string): Promise<Permission[] | null> {
      const [row] = await exec
        .select({ permissions: roles.permissions })
        .from(users)
        .leftJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNull(users.deletedAt)))
        .limit(1);
      return row ? (row.permissions ?? []) : null;
    },

    async userExists(exec: Executor, tenantId: string, userId: string): Promise<boolean> {
      const [row] = await exec
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNull(users.deletedAt)))
        .limit(1);
      return Boolean(row);
    },
  };
}
export type EndpointRepository = ReturnType<typeof createEndpointRepository>;
