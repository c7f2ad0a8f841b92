import { limitKeys, type PlatformTenant, type Tenant, type TenantUsage } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { usageCounter } from './limits';
import type { TenantRow } from './tenants.repository';

export function toTenant(r: TenantRow): Tenant {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    status: r.status,
    timezone: r.timezone,
    limits: r.limits,
    features: r.features,
    settings: r.settings,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export const toPlatformTenant = (r: TenantRow): PlatformTenant => ({
  ...toTenant(r),
  deleted_at: r.deletedAt?.toISOString() ?? null,
});

/**
 * What a tenant uses of every limited resource, next to its limit. Each module registers the
 * counter for the limits it owns with `registerUsageCounter`:
 *   users, agents     → modules/users (users.repository.ts)
 *   dids              → modules/dids
 *   queues            → modules/queues
 *   endpoints         → modules/endpoints
 *   concurrent_calls  → modules/calls (live calls)
 *   storage_mb        → the recordings and attachments storage
 *   chat_widgets      → modules/widgets
 * A key whose module has not registered its counter yet reports used 0 rather than failing.
 */
export async function tenantUsage(exec: Executor, tenant: TenantRow): Promise<TenantUsage> {
  const entries = await Promise.all(
    limitKeys.map(async (key) => {
      const counter = usageCounter(key);
      const used = counter ? await counter(exec, tenant.id) : 0;
      return [key, { used, limit: tenant.limits[key] ?? null }] as const;
    }),
  );
  return Object.fromEntries(entries) as TenantUsage;
}
