import {
  and,
  asc,
  count,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { permissions as allPermissions, type ListUsersQuery, type Permission } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import {
  endpoints,
  queueMembers,
  refreshTokens,
  roles,
  tenants,
  users,
  userTotp,
} from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';
import { registerUsageCounter } from '../tenants/limits';
import { containsPattern } from './sql-helpers';

registerTenantTables('users', 'roles', 'queue_members');

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type UserWithRole = UserRow & {
  roleKey: string | null;
  roleName: string | null;
  /** What the user's role grants: the set a caller must hold to act on this user. */
  rolePermissions: Permission[];
  totpEnabled: boolean;
  extension: string | null;
};

/** The extension of the user's endpoint (an enabled one first, then the oldest). */
const extensionOfUser = sql<string | null>`(select ${endpoints.extension} from ${endpoints}
  where ${endpoints.tenantId} = ${users.tenantId} and ${endpoints.userId} = ${users.id}
  order by ${endpoints.enabled} desc, ${endpoints.id} limit 1)`;

const withRoleColumns = {
  user: users,
  roleKey: roles.key,
  roleName: roles.name,
  rolePermissions: roles.permissions,
  totpConfirmedAt: userTotp.confirmedAt,
  extension: extensionOfUser,
};

type JoinedRow = {
  user: UserRow;
  roleKey: string | null;
  roleName: string | null;
  rolePermissions: Permission[] | null;
  totpConfirmedAt: Date | null;
  extension: string | null;
};
const flatten = (r: JoinedRow): UserWithRole => ({
  ...r.user,
  roleKey: r.roleKey,
  roleName: r.roleName,
  rolePermissions: r.user.isPlatformAdmin ? [...allPermissions] : (r.rolePermissions ?? []),
  totpEnabled: r.totpConfirmedAt !== null,
  extension: r.extension,
});

/** Active, non-deleted users: what the `users` limit counts. */
const activeUser = (tenantId: string) =>
  and(eq(users.tenantId, tenantId), isNull(users.deletedAt), eq(users.status, 'active'));

async function countActiveUsers(exec: Executor, tenantId: string) {
  const [r] = await exec.select({ n: count() }).from(users).where(activeUser(tenantId));
  return r?.n ?? 0;
}

async function countActiveWithRoleKey(
  exec: Executor,
  tenantId: string,
  roleKey: string,
  exceptUserId?: string,
) {
  const [r] = await exec
    .select({ n: count() })
    .from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(
      and(
        activeUser(tenantId),
        eq(roles.key, roleKey),
        eq(roles.isSystem, true),
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    );
  return r?.n ?? 0;
}

registerUsageCounter('users', countActiveUsers);
registerUsageCounter('agents', (exec, tenantId) => countActiveWithRoleKey(exec, tenantId, 'agent'));

export function createUsersRepository(db: Database) {
  const selectJoined = (exec: Executor) =>
    exec
      .select(withRoleColumns)
      .from(users)
      .leftJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
      .leftJoin(userTotp, and(eq(userTotp.userId, users.id), isNotNull(userTotp.confirmedAt)));

  return {
    async findById(tenantId: string, id: string, exec: Executor = db): Promise<UserWithRole | null> {
      const [r] = await selectJoined(exec)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id), isNull(users.deletedAt)))
        .limit(1);
      return r ? flatten(r) : null;
    },

    /** Ordered by id (UUID v7, so creation order); `afterId` is the keyset cursor. */
    async list(tenantId: string, q: ListUsersQuery, afterId: string | null, limit: number) {
      const where: (SQL | undefined)[] = [
        eq(users.tenantId, tenantId),
        isNull(users.deletedAt),
        afterId !== null ? gt(users.id, afterId) : undefined,
        q.role_id ? eq(users.roleId, q.role_id) : undefined,
        q.status ? eq(users.status, q.status) : undefined,
        q.search
          ? or(like(users.name, containsPattern(q.search)), like(users.email, containsPattern(q.search)))
          : undefined,
      ];
      const rows = await selectJoined(db)
        .where(and(...where))
        .orderBy(asc(users.id))
        .limit(limit);
      return rows.map(flatten);
    },

    async insert(row: NewUserRow, exec: Executor = db) {
      await exec.insert(users).values(row);
    },

    async update(tenantId: string, id: string, patch: Partial<NewUserRow>, exec: Executor = db) {
      await exec
        .update(users)
        .set(patch)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
    },

    /** Invalidates the users' access tokens: the next request with an older token is refused. */
    async bumpPermVersion(tenantId: string, ids: string[], now: Date, exec: Executor = db) {
      if (ids.length === 0) return;
      await exec
        .update(users)
        .set({ permVersion: sql`${users.permVersion} + 1`, updatedAt: now })
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)));
    },

    /** Ids of the non-deleted users holding a role. */
    async listIdsByRole(tenantId: string, roleId: string, exec: Executor = db) {
      const rows = await exec
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.roleId, roleId), isNull(users.deletedAt)));
      return rows.map((r) => r.id);
    },

    /** Ids of the tenant's non-deleted users (to close their sockets when the tenant is suspended). */
    async listIds(tenantId: string, exec: Executor = db) {
      const rows = await exec
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), isNull(users.deletedAt)));
      return rows.map((r) => r.id);
    },

    /** Ends every refresh token of a user (the user was disabled or deleted). */
    async revokeRefreshTokens(userId: string, now: Date, reason: string, exec: Executor = db) {
      await exec
        .update(refreshTokens)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    },

    /** Takes a deleted user out of every queue; returns the queues they were in. */
    async deleteQueueMemberships(tenantId: string, userId: string, exec: Executor = db) {
      const where = and(eq(queueMembers.tenantId, tenantId), eq(queueMembers.userId, userId));
      const rows = await exec
        .select({ queueId: queueMembers.queueId })
        .from(queueMembers)
        .where(where)
        .for('update');
      if (rows.length) await exec.delete(queueMembers).where(where);
      return rows.map((r) => r.queueId);
    },

    /**
     * Locks the tenant row for the rest of the transaction. Changes that could leave a tenant
     * without an active admin take it first, so two admins cannot demote each other at once.
     */
    async lockTenant(tenantId: string, exec: Executor) {
      await exec.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    },

    countActiveWithRoleKey: (tenantId: string, roleKey: string, exceptUserId: string, exec: Executor = db) =>
      countActiveWithRoleKey(exec, tenantId, roleKey, exceptUserId),
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
