import { and, eq, isNull } from 'drizzle-orm';
import type { Permission, TenantFeatures } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { roles, tenants, users } from '../../db/schema/index';

export type Principal = {
  userId: string;
  email: string;
  status: 'active' | 'disabled';
  permVersion: number;
  platformAdmin: boolean;
  tenantId: string | null;
  tenantStatus: 'active' | 'suspended' | 'deleted' | null;
  features: TenantFeatures | null;
  roleKey: string | null;
  permissions: Permission[];
};

/**
 * Loads who a verified token belongs to. Requests reach it through `principal-cache.ts`, which
 * remembers an answer for at most 500 ms and forgets everything on any write or revocation, so a
 * disabled user, a changed role or a suspended tenant still takes effect at once (RELIABILITY T7).
 */
export function createPrincipalRepository(db: Database) {
  return {
    async findForToken(userId: string, tenantId: string | null, operator: boolean): Promise<Principal | null> {
      if (operator || tenantId === null) {
        const [u] = await db
          .select({ id: users.id, email: users.email, status: users.status, pv: users.permVersion })
          .from(users)
          .where(and(isNull(users.tenantId), eq(users.id, userId), eq(users.isPlatformAdmin, true), isNull(users.deletedAt)))
          .limit(1);
        if (!u) return null;
        let tenant: { status: Principal['tenantStatus']; features: TenantFeatures } | undefined;
        if (tenantId) {
          [tenant] = await db
            .select({ status: tenants.status, features: tenants.features })
            .from(tenants)
            .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)))
            .limit(1);
          if (!tenant) return null;
        }
        return {
          userId: u.id,
          email: u.email,
          status: u.status,
          permVersion: u.pv,
          platformAdmin: true,
          tenantId,
          tenantStatus: tenant?.status ?? null,
          features: tenant?.features ?? null,
          roleKey: tenantId ? 'admin' : 'platform_admin',
          permissions: [],
        };
      }
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          status: users.status,
          pv: users.permVersion,
          roleKey: roles.key,
          permissions: roles.permissions,
          tenantStatus: tenants.status,
          features: tenants.features,
        })
        .from(users)
        .innerJoin(tenants, eq(tenants.id, users.tenantId))
        .leftJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), isNull(users.deletedAt), isNull(tenants.deletedAt)))
        .limit(1);
      if (!row) return null;
      return {
        userId: row.id,
        email: row.email,
        status: row.status,
        permVersion: row.pv,
        platformAdmin: false,
        tenantId,
        tenantStatus: row.tenantStatus,
        features: row.features,
        roleKey: row.roleKey,
        permissions: row.permissions ?? [],
      };
    },
  };
}
export type PrincipalRepository = ReturnType<typeof createPrincipalRepository>;
