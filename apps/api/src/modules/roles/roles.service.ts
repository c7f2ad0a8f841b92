import { randomBytes } from 'node:crypto';
import {
  permissionCatalog,
  permissions as allPermissions,
  type CreateRoleInput,
  type ListRolesQuery,
  type Permission,
  type PermissionInfo,
  type Role,
  type UpdateRoleInput,
} from '@switchboard/contracts';
import type { Database } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import type { UsersRepository } from '../users/users.repository';
import { isDuplicateKey } from '../users/sql-helpers';
import { assertCanChangeRole, assertCanGrant } from './role-grants';
import type { RolesRepository, RoleWithCount } from './roles.repository';

export function toRole(r: RoleWithCount): Role {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    system: r.isSystem,
    permissions: r.permissions,
    user_count: r.userCount,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const nameTaken = () =>
  new AppError('ALREADY_EXISTS', 'body.name: a role with this name already exists', {
    fields: [{ path: 'body.name', message: 'A role with this name already exists' }],
  });

// Admin must always hold every permission and agents/supervisors are what the rest of the product
// assumes (queues, wallboards); a tenant that wants different sets creates custom roles.
const systemReadOnly = () =>
  new AppError(
    'INVALID_STATE',
    'System roles (admin, supervisor, agent) are read-only; create a custom role instead',
  );

/** Catalog order, no duplicates: stored sets compare equal regardless of how they were sent. */
const normalize = (perms: readonly Permission[]) => allPermissions.filter((p) => perms.includes(p));
const sameSet = (a: readonly Permission[], b: readonly Permission[]) =>
  normalize(a).join(',') === normalize(b).join(',');

const catalog: PermissionInfo[] = allPermissions.map((key) => ({ key, ...permissionCatalog[key] }));

export function createRolesService(deps: {
  db: Database;
  repo: RolesRepository;
  users: UsersRepository;
  audit: AuditService;
  sessionRevocations: SessionRevocations;
  clock: Clock;
}) {
  const { db, repo, users, audit, sessionRevocations, clock } = deps;

  return {
    permissions: (): PermissionInfo[] => catalog,

    async list(ctx: TenantContext, q: ListRolesQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toRole), nextCursor: page.nextCursor };
    },

    async get(ctx: TenantContext, id: string): Promise<Role> {
      const r = await repo.findByIdWithCount(ctx.tenantId, id);
      if (!r) throw notFound('Role');
      return toRole(r);
    },

    async create(ctx: TenantContext, input: CreateRoleInput): Promise<Role> {
      const permissions = normalize(input.permissions);
      assertCanGrant(ctx, permissions);
      const now = clock.now();
      const id = newId();
      return db.transaction(async (tx) => {
        try {
          await repo.insert(
            {
              id,
              tenantId: ctx.tenantId,
              key: `custom-${randomBytes(5).toString('hex')}`,
              name: input.name,
              description: input.description ?? null,
              isSystem: false,
              permissions,
              createdAt: now,
              updatedAt: now,
            },
            tx,
          );
        } catch (err) {
          if (isDuplicateKey(err, 'roles_tenant_name_uq')) throw nameTaken();
          throw err;
        }
        const role = toRole({ ...(await repo.findById(ctx.tenantId, id, tx))!, userCount: 0 });
        await audit.record(
          ctx,
          { action: 'role.created', entityType: 'role', entityId: id, after: role },
          tx,
        );
        return role;
      });
    },

    /** A permission change ends the access tokens and sockets of every holder (RELIABILITY T7). */
    async update(ctx: TenantContext, id: string, input: UpdateRoleInput): Promise<Role> {
      const { role, affected } = await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx, true);
        if (!before) throw notFound('Role');
        if (before.isSystem) throw systemReadOnly();
        const permissions = input.permissions ? normalize(input.permissions) : null;
        if (permissions) {
          assertCanChangeRole(ctx, before.permissions);
          assertCanGrant(ctx, permissions);
        }
        const permissionsChanged = permissions !== null && !sameSet(permissions, before.permissions);
        const now = clock.now();
        try {
          await repo.update(
            ctx.tenantId,
            id,
            {
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.description !== undefined ? { description: input.description } : {}),
              ...(permissions ? { permissions } : {}),
              updatedAt: now,
            },
            tx,
          );
        } catch (err) {
          if (isDuplicateKey(err, 'roles_tenant_name_uq')) throw nameTaken();
          throw err;
        }
        const holders = permissionsChanged ? await users.listIdsByRole(ctx.tenantId, id, tx) : [];
        await users.bumpPermVersion(ctx.tenantId, holders, now, tx);
        const after = toRole((await repo.findByIdWithCount(ctx.tenantId, id, tx))!);
        await audit.record(
          ctx,
          {
            action: 'role.updated',
            entityType: 'role',
            entityId: id,
            before: toRole({ ...before, userCount: after.user_count }),
            after,
          },
          tx,
        );
        return { role: after, affected: holders };
      });
      for (const userId of affected) {
        sessionRevocations.revoke({ userId, tenantId: ctx.tenantId, reason: 'role_changed' });
      }
      return role;
    },

    async remove(ctx: TenantContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx, true);
        if (!before) throw notFound('Role');
        if (before.isSystem) throw systemReadOnly();
        const holders = await users.listIdsByRole(ctx.tenantId, id, tx);
        if (holders.length > 0) {
          throw new AppError(
            'INVALID_STATE',
            `${holders.length} user(s) still hold this role; give them another role first`,
            { user_count: holders.length },
          );
        }
        await repo.delete(ctx.tenantId, id, tx);
        await audit.record(
          ctx,
          {
            action: 'role.deleted',
            entityType: 'role',
            entityId: id,
            before: toRole({ ...before, userCount: 0 }),
          },
          tx,
        );
      });
    },
  };
}
export type RolesService = ReturnType<typeof createRolesService>;
