import type {
  CreateTenantInput,
  ListTenantsQuery,
  PlatformTenant,
  TenantFeatures,
  TenantLimits,
  TenantUsage,
  UpdateTenantFeaturesInput,
  UpdateTenantInput,
  UpdateTenantLimitsInput,
} from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { RequestContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { UsersRepository } from '../users/users.repository';
import { isDuplicateKey } from '../users/sql-helpers';
import { assertEmailAllowed } from '../users/users.mapper';
import { provisionTenant } from './tenant-provisioning';
import { tenantUsage, toPlatformTenant } from './tenant-mapper';
import type { TenantPatch, TenantRow, TenantsRepository } from './tenants.repository';

const taken = (path: string, message: string) =>
  new AppError('ALREADY_EXISTS', `${path}: ${message}`, { fields: [{ path, message }] });
const slugTaken = () =>
  taken('body.slug', 'This slug is taken (slugs of deleted organisations stay reserved)');

/**
 * The platform operator's management of tenants (`/api/v1/tenants`). Every change is audited
 * with no tenant (`tenantId: null`): it is the operator's action, listed in the platform log.
 */
export function createTenantsService(deps: {
  db: Database;
  repo: TenantsRepository;
  users: UsersRepository;
  audit: AuditService;
  sessionRevocations: SessionRevocations;
  clock: Clock;
}) {
  const { db, repo, users, audit, sessionRevocations, clock } = deps;

  async function load(id: string): Promise<TenantRow> {
    const t = await repo.findById(id);
    if (!t) throw notFound('Tenant');
    return t;
  }

  /** Locks the tenant, applies `patch(before)`, audits before/after in the same transaction. */
  async function change(
    ctx: RequestContext,
    id: string,
    action: string,
    patch: (before: TenantRow) => TenantPatch,
  ): Promise<TenantRow> {
    return db.transaction(async (tx) => {
      const before = await repo.findById(id, tx, true);
      if (!before) throw notFound('Tenant');
      if (before.status === 'deleted') throw new AppError('INVALID_STATE', 'This organisation is deleted');
      try {
        await repo.update(id, { ...patch(before), updatedAt: clock.now() }, tx);
      } catch (err) {
        if (isDuplicateKey(err, 'tenants_slug_uq')) throw slugTaken();
        throw err;
      }
      const after = (await repo.findById(id, tx))!;
      await audit.record(
        ctx,
        {
          tenantId: null,
          action,
          entityType: 'tenant',
          entityId: id,
          before: toPlatformTenant(before),
          after: toPlatformTenant(after),
        },
        tx,
      );
      return after;
    });
  }

  /** Closes the open sockets of every user of the tenant (suspension and deletion end access). */
  async function revokeSessions(tenantId: string, reason: string) {
    for (const userId of await users.listIds(tenantId))
      sessionRevocations.revoke({ userId, tenantId, reason });
  }

  const requireStatus = (t: TenantRow, status: TenantRow['status'], message: string) => {
    if (t.status !== status) throw new AppError('INVALID_STATE', message);
    return {};
  };

  return {
    async list(q: ListTenantsQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toPlatformTenant), nextCursor: page.nextCursor };
    },

    get: async (id: string): Promise<PlatformTenant> => toPlatformTenant(await load(id)),

    async create(ctx: RequestContext, input: CreateTenantInput): Promise<PlatformTenant> {
      assertEmailAllowed(input.admin?.email, 'body.admin.email');
      const row = await db.transaction(async (tx) => {
        let provisioned;
        try {
          provisioned = await provisionTenant(tx, { ...input, now: clock.now() });
        } catch (err) {
          if (isDuplicateKey(err, 'tenants_slug_uq')) throw slugTaken();
          if (isDuplicateKey(err, 'users_email_uq'))
            throw taken('body.admin.email', 'This e-mail address is already in use');
          throw err;
        }
        const created = (await repo.findById(provisioned.tenantId, tx))!;
        await audit.record(
          ctx,
          {
            tenantId: null,
            action: 'tenant.created',
            entityType: 'tenant',
            entityId: created.id,
            after: {
              ...toPlatformTenant(created),
              admin: input.admin ? { id: provisioned.adminUserId, email: input.admin.email } : null,
            },
          },
          tx,
        );
        return created;
      });
      return toPlatformTenant(row);
    },

    async update(ctx: RequestContext, id: string, input: UpdateTenantInput) {
      const row = await change(ctx, id, 'tenant.updated', (t) => ({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : {}),
        ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
        ...(input.settings ? { settings: { ...t.settings, ...input.settings } } : {}),
      }));
      return toPlatformTenant(row);
    },

    async suspend(ctx: RequestContext, id: string) {
      const row = await change(ctx, id, 'tenant.suspended', (t) => ({
        ...requireStatus(t, 'active', 'Only an active organisation can be suspended'),
        status: 'suspended' as const,
      }));
      await revokeSessions(id, 'tenant_suspended');
      return toPlatformTenant(row);
    },

    async reactivate(ctx: RequestContext, id: string) {
      const row = await change(ctx, id, 'tenant.reactivated', (t) => ({
        ...requireStatus(t, 'suspended', 'Only a suspended organisation can be reactivated'),
        status: 'active' as const,
      }));
      return toPlatformTenant(row);
    },

    /** Soft delete: the row (and so its slug) stays; its users can no longer sign in. */
    async remove(ctx: RequestContext, id: string) {
      const now = clock.now();
      const row = await change(ctx, id, 'tenant.deleted', () => ({
        status: 'deleted' as const,
        deletedAt: now,
      }));
      await repo.revokeRefreshTokens(id, now, 'tenant_deleted');
      await revokeSessions(id, 'tenant_deleted');
      return toPlatformTenant(row);
    },

    getLimits: async (id: string): Promise<TenantLimits> => (await load(id)).limits,

    async setLimits(ctx: RequestContext, id: string, input: UpdateTenantLimitsInput): Promise<TenantLimits> {
      const row = await change(ctx, id, 'tenant.limits_changed', (t) => ({
        limits: { ...t.limits, ...input },
      }));
      return row.limits;
    },

    getFeatures: async (id: string): Promise<TenantFeatures> => (await load(id)).features,

    async setFeatures(
      ctx: RequestContext,
      id: string,
      input: UpdateTenantFeaturesInput,
    ): Promise<TenantFeatures> {
      const row = await change(ctx, id, 'tenant.features_changed', (t) => ({
        features: { ...t.features, ...input },
      }));
      return row.features;
    },

    usage: async (id: string): Promise<TenantUsage> => tenantUsage(db, await load(id)),
  };
}
export type TenantsService = ReturnType<typeof createTenantsService>;
