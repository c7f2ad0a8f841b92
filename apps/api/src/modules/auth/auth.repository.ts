import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Permission, TenantFeatures } from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { roles, tenants, userTotp, users } from '../../db/schema/index';

/** A user row's tenant predicate: platform admins have no tenant, so theirs is `IS NULL`. */
export function userScope(tenantId: string | null, userId: string): SQL {
  return and(tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, tenantId), eq(users.id, userId))!;
}

const accountColumns = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
  status: users.status,
  isPlatformAdmin: users.isPlatformAdmin,
  permVersion: users.permVersion,
  roleKey: roles.key,
  tenantStatus: tenants.status,
};

export type Account = {
  id: string;
  tenantId: string | null;
  email: string;
  name: string;
  passwordHash: string;
  status: 'active' | 'disabled';
  isPlatformAdmin: boolean;
  permVersion: number;
  roleKey: string | null;
  tenantStatus: 'active' | 'suspended' | 'deleted' | null;
};

export type SessionRow = {
  id: string;
  email: string;
  name: string;
  locale: string;
  isPlatformAdmin: boolean;
  tenantId: string | null;
  tenantName: string | null;
  tenantSlug: string | null;
  tenantTimezone: string | null;
  features: TenantFeatures | null;
  roleKey: string | null;
  roleName: string | null;
  permissions: Permission[] | null;
  totpEnabled: boolean;
};

/** Users as the auth module sees them: accounts, passwords, the session view. */
export function createAuthRepository(db: Database) {
  const accounts = (exec: Executor) =>
    exec
      .select(accountColumns)
      .from(users)
      .leftJoin(tenants, eq(tenants.id, users.tenantId))
      .leftJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)));

  return {
    /** E-mail is global (decision 003), so this is one of the named cross-tenant lookups. */
    async findAccountByEmail(email: string): Promise<Account | null> {
      const [row] = await accounts(db)
        .where(and(eq(users.email, email), isNull(users.deletedAt)))
        .limit(1);
      return row ?? null;
    },

    /** The user behind a verified refresh or reset token. */
    async findAccountById(userId: string, exec: Executor = db): Promise<Account | null> {
      const [row] = await accounts(exec)
        .where(and(eq(users.id, userId), isNull(users.deletedAt)))
        .limit(1);
      return row ?? null;
    },

    /** A successful sign-in: clears throttling, stamps the time, stores an upgraded hash if given. */
    async recordLogin(tenantId: string | null, userId: string, now: Date, upgradedHash: string | null) {
      await db
        .update(users)
        .set({
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: now,
          ...(upgradedHash ? { passwordHash: upgradedHash } : {}),
        })
        .where(userScope(tenantId, userId));
    },

    /** Sets a new password and bumps the permission version, so every older access token stops working. */
    async setPassword(exec: Executor, tenantId: string | null, userId: string, passwordHash: string, now: Date) {
      await exec
        .update(users)
        .set({
          passwordHash,
          permVersion: sql`${users.permVersion} + 1`,
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: now,
        })
        .where(userScope(tenantId, userId));
    },

    async updateProfile(
      exec: Executor,
      tenantId: string | null,
      userId: string,
      patch: { name?: string; locale?: string; email?: string },
      now: Date,
    ) {
      await exec
        .update(users)
        .set({ ...patch, updatedAt: now })
        .where(userScope(tenantId, userId));
    },

    /**
     * Everything the session view needs. `tenantId` is the token's tenant: for an operator it is
     * the tenant switched into, while the user row itself has no tenant.
     */
    async findSession(userId: string, tenantId: string | null, operator: boolean): Promise<SessionRow | null> {
      const ownTenant = operator ? null : tenantId;
      const [u] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          isPlatformAdmin: users.isPlatformAdmin,
          roleId: users.roleId,
          totpConfirmedAt: userTotp.confirmedAt,
        })
        .from(users)
        .leftJoin(userTotp, eq(userTotp.userId, users.id))
        .where(and(userScope(ownTenant, userId), isNull(users.deletedAt)))
        .limit(1);
      if (!u) return null;
      const tenant = tenantId ? await this.findTenant(tenantId) : null;
      if (tenantId && !tenant) return null;
      let role: { key: string; name: string; permissions: Permission[] } | undefined;
      if (tenantId && u.roleId && !operator) {
        [role] = await db
          .select({ key: roles.key, name: roles.name, permissions: roles.permissions })
          .from(roles)
          .where(and(eq(roles.tenantId, tenantId), eq(roles.id, u.roleId)))
          .limit(1);
      }
      return {
        id: u.id,
        email: u.email,
        name: u.name,
        locale: u.locale,
        isPlatformAdmin: u.isPlatformAdmin,
        tenantId,
        tenantName: tenant?.name ?? null,
        tenantSlug: tenant?.slug ?? null,
        tenantTimezone: tenant?.timezone ?? null,
        features: tenant?.features ?? null,
        roleKey: role?.key ?? null,
        roleName: role?.name ?? null,
        permissions: role?.permissions ?? null,
        totpEnabled: u.totpConfirmedAt !== null,
      };
    },

    async findTenant(tenantId: string) {
      const [t] = await db
        .select({
          id: tenants.id,
          name: tenants.name,
          slug: tenants.slug,
          status: tenants.status,
          timezone: tenants.timezone,
          features: tenants.features,
        })
        .from(tenants)
        .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)))
        .limit(1);
      return t ?? null;
    },

    async slugTaken(slug: string): Promise<boolean> {
      const [t] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return t !== undefined;
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
