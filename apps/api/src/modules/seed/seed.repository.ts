import { and, eq } from 'drizzle-orm';
import type { SystemRoleKey } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { roles, tenants, users } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { hashPassword } from '../../lib/passwords';

export type NewSeedUser = {
  tenantId: string | null;
  roleId: string | null;
  email: string;
  name: string;
  password: string;
  platformAdmin?: boolean;
  now: Date;
};

/** The few lookups and inserts the seed needs; it runs outside any request, so no context. */
export function createSeedRepository(tx: Executor) {
  return {
    // E-mail is unique across the platform (docs/decisions/003), so this lookup is global.
    async findUserByEmail(email: string): Promise<{ id: string; tenantId: string | null } | null> {
      const [row] = await tx
        .select({ id: users.id, tenantId: users.tenantId })
        .from(users)
        .where(eq(users.email, email.toLowerCase()))
        .limit(1);
      return row ?? null;
    },

    async insertUser(input: NewSeedUser): Promise<string> {
      const id = newId();
      await tx.insert(users).values({
        id,
        tenantId: input.tenantId,
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: await hashPassword(input.password),
        status: 'active',
        roleId: input.roleId,
        isPlatformAdmin: input.platformAdmin ?? false,
        locale: 'en',
        permVersion: 1,
        failedLogins: 0,
        createdAt: input.now,
        updatedAt: input.now,
      });
      return id;
    },

    async findTenantIdBySlug(slug: string): Promise<string | null> {
      const [row] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return row?.id ?? null;
    },

    async systemRoleIds(tenantId: string): Promise<Partial<Record<SystemRoleKey, string>>> {
      const rows = await tx
        .select({ id: roles.id, key: roles.key })
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.isSystem, true)));
      return Object.fromEntries(rows.map((r) => [r.key, r.id]));
    },
  };
}
