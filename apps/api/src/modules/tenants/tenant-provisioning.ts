import {
  defaultBusinessHours,
  defaultTenantFeatures,
  defaultTenantLimits,
  systemRoleKeys,
  systemRolePermissions,
  type SystemRoleKey,
  type TenantFeatures,
  type TenantLimits,
} from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { roles, tenants, users } from '../../db/schema/index';
import { newId } from '../../lib/ids';
import { hashPassword } from '../../lib/passwords';
import { insertDefaultPauseReasons } from '../queues/pause-reasons.repository';

export type ProvisionTenantInput = {
  name: string;
  slug: string;
  timezone?: string;
  limits?: Partial<TenantLimits>;
  features?: Partial<TenantFeatures>;
  admin?: { email: string; name: string; password: string };
  now: Date;
};

export type ProvisionedTenant = {
  tenantId: string;
  roleIds: Record<SystemRoleKey, string>;
  adminUserId: string | null;
};

const systemRoleNames: Record<SystemRoleKey, { name: string; description: string }> = {
  admin: { name: 'Admin', description: 'Full access to the organisation' },
  supervisor: { name: 'Supervisor', description: 'Watches queues and agents, reads reports and call records' },
  agent: { name: 'Agent', description: 'Takes calls, chats and tickets' },
};

/**
 * Creates a tenant with its three system roles and, optionally, its first admin, inside the
 * caller's transaction. Used by self-registration, the operator's create, the seed and tests.
 */
export async function provisionTenant(tx: Executor, input: ProvisionTenantInput): Promise<ProvisionedTenant> {
  const tenantId = newId();
  await tx.insert(tenants).values({
    id: tenantId,
    name: input.name,
    slug: input.slug,
    status: 'active',
    timezone: input.timezone ?? 'UTC',
    limits: { ...defaultTenantLimits, ...input.limits },
    features: { ...defaultTenantFeatures, ...input.features },
    settings: { business_hours: defaultBusinessHours, short_abandon_seconds: 5, locale: 'en' },
    createdAt: input.now,
    updatedAt: input.now,
  });
  const roleIds = {} as Record<SystemRoleKey, string>;
  for (const key of systemRoleKeys) {
    roleIds[key] = newId();
    await tx.insert(roles).values({
      id: roleIds[key],
      tenantId,
      key,
      name: systemRoleNames[key].name,
      description: systemRoleNames[key].description,
      isSystem: true,
      permissions: systemRolePermissions[key],
      createdAt: input.now,
      updatedAt: input.now,
    });
  }
  let adminUserId: string | null = null;
  if (input.admin) {
    adminUserId = newId();
    await tx.insert(users).values({
      id: adminUserId,
      tenantId,
      email: input.admin.email.toLowerCase(),
      name: input.admin.name,
      passwordHash: await hashPassword(input.admin.password),
      status: 'active',
      roleId: roleIds.admin,
      isPlatformAdmin: false,
      locale: 'en',
      permVersion: 1,
      failedLogins: 0,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }
  await insertDefaultPauseReasons(tx, tenantId, input.now);
  return { tenantId, roleIds, adminUserId };
}
