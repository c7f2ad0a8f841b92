import type { Tenant, TenantUsage, UpdateOwnTenantInput } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { tenantUsage, toTenant } from './tenant-mapper';
import type { TenantsRepository } from './tenants.repository';

/** A tenant's own view of itself (`/api/v1/tenant`): the tenant always comes from the token. */
export function createOwnTenantService(deps: {
  db: Database;
  repo: TenantsRepository;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, audit, clock } = deps;

  async function load(ctx: TenantContext) {
    const t = await repo.findById(ctx.tenantId);
    if (!t) throw notFound('Organisation');
    return t;
  }

  return {
    get: async (ctx: TenantContext): Promise<Tenant> => toTenant(await load(ctx)),

    async update(ctx: TenantContext, input: UpdateOwnTenantInput): Promise<Tenant> {
      return db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, tx, true);
        if (!before) throw notFound('Organisation');
        await repo.update(
          ctx.tenantId,
          {
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
            ...(input.settings ? { settings: { ...before.settings, ...input.settings } } : {}),
            updatedAt: clock.now(),
          },
          tx,
        );
        const after = toTenant((await repo.findById(ctx.tenantId, tx))!);
        await audit.record(
          ctx,
          {
            action: 'tenant.updated',
            entityType: 'tenant',
            entityId: ctx.tenantId,
            before: toTenant(before),
            after,
          },
          tx,
        );
        return after;
      });
    },

    usage: async (ctx: TenantContext): Promise<TenantUsage> => tenantUsage(db, await load(ctx)),
  };
}
export type OwnTenantService = ReturnType<typeof createOwnTenantService>;
