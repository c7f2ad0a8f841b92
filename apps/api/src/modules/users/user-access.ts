import type { User, UserStatus } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../plugins/context';
import { assertCanGrant, assertCanManageUser } from '../roles/role-grants';
import { assertWithinLimit } from '../tenants/limits';
import { DELETED_EMAIL_DOMAIN, toUser, unknownRole } from './users.mapper';
import type { UserWithRole } from './users.repository';
import type { UsersServiceDeps } from './users.service';

const isAgent = (u: { roleKey: string | null }) => u.roleKey === 'agent';

/**
 * Changes to what a user may do: role, enabled/disabled, deletion. Each one invalidates the
 * user's access tokens (perm_version), and the ones that end access also revoke refresh tokens
 * and close open sockets (RELIABILITY A6, T7).
 */
export function createUserAccessOperations(deps: UsersServiceDeps) {
  const { db, repo, roles, audit, notifications, sessionRevocations, clock, agents, endpoints } = deps;

  /**
   * After commit, like the socket revocation: if this fails the user still cannot sign in, their
   * sockets are closed, and the presence sweep takes the silent agent offline after its grace.
   */
  async function takeOffline(ctx: TenantContext, id: string, formerQueueIds: string[] = []) {
    await agents
      .forceOffline(ctx.tenantId, id, formerQueueIds)
      .catch((err: unknown) => ctx.log.warn({ err, userId: id }, 'agent offline transition failed'));
  }

  function refuseSelf(ctx: TenantContext, id: string, what: string) {
    if (ctx.userId === id) throw new AppError('INVALID_STATE', `You cannot ${what} your own account`);
  }

  /**
   * Loads the user after locking the tenant row (admin-count checks then cannot race each other)
   * and refuses a caller who lacks any permission the user holds: the one guard every change of
   * role, status or existence goes through.
   */
  async function loadLocked(ctx: TenantContext, id: string, tx: Executor): Promise<UserWithRole> {
    await repo.lockTenant(ctx.tenantId, tx);
    const u = await repo.findById(ctx.tenantId, id, tx);
    if (!u) throw notFound('User');
    assertCanManageUser(ctx, u.rolePermissions);
    return u;
  }

  async function refuseLastAdmin(ctx: TenantContext, u: UserWithRole, tx: Executor) {
    if (u.status !== 'active' || u.roleKey !== 'admin') return;
    const others = await repo.countActiveWithRoleKey(ctx.tenantId, 'admin', u.id, tx);
    if (others === 0) {
      throw new AppError(
        'INVALID_STATE',
        'This is the last active admin of the organisation; make another user admin first',
      );
    }
  }

  async function reload(ctx: TenantContext, id: string, tx: Executor) {
    return toUser((await repo.findById(ctx.tenantId, id, tx))!);
  }

  return {
    async assignRole(ctx: TenantContext, id: string, roleId: string): Promise<User> {
      refuseSelf(ctx, id, 'change the role of');
      const result = await db.transaction(async (tx) => {
        const u = await loadLocked(ctx, id, tx);
        const role = await roles.findById(ctx.tenantId, roleId, tx, true);
        if (!role) throw unknownRole();
        assertCanGrant(ctx, role.permissions);
        if (u.roleId === role.id) return { user: toUser(u), changed: null };
        if (role.key !== 'admin') await refuseLastAdmin(ctx, u, tx);
        const becomesAgent = role.isSystem && role.key === 'agent';
        if (becomesAgent && u.status === 'active' && !isAgent(u))
          await assertWithinLimit(tx, ctx.tenantId, 'agents');
        const now = clock.now();
        await repo.update(ctx.tenantId, id, { roleId: role.id, updatedAt: now }, tx);
        await repo.bumpPermVersion(ctx.tenantId, [id], now, tx);
        const after = await reload(ctx, id, tx);
        await audit.record(
          ctx,
          { action: 'user.role_changed', entityType: 'user', entityId: id, before: toUser(u), after },
          tx,
        );
        return { user: after, changed: role.name };
      });
      if (result.changed !== null) {
        sessionRevocations.revoke({ userId: id, tenantId: ctx.tenantId, reason: 'role_changed' });
        // The role change has committed; a failed notification must not turn it into an error.
        await notifications
          .notify(ctx.tenantId, id, {
            kind: 'role_changed',
            title: `Your role is now ${result.changed}`,
            body: 'Your permissions changed. Pages may look different after you reload.',
            link: null,
          })
          .catch((err: unknown) => ctx.log.warn({ err, userId: id }, 'role change notification failed'));
      }
      // The caller held every permission of the user (and of any role given): still theirs to manage.
      return { ...result.user, manageable: true };
    },

    async setStatus(ctx: TenantContext, id: string, status: UserStatus): Promise<User> {
      if (status === 'disabled') refuseSelf(ctx, id, 'disable');
      const result = await db.transaction(async (tx) => {
        const u = await loadLocked(ctx, id, tx);
        if (u.status === status) return { user: toUser(u), changed: false };
        const now = clock.now();
        if (status === 'disabled') {
          await refuseLastAdmin(ctx, u, tx);
          await repo.revokeRefreshTokens(id, now, 'user_disabled', tx);
        } else {
          await assertWithinLimit(tx, ctx.tenantId, 'users');
          if (isAgent(u)) await assertWithinLimit(tx, ctx.tenantId, 'agents');
        }
        await repo.update(ctx.tenantId, id, { status, updatedAt: now }, tx);
        await repo.bumpPermVersion(ctx.tenantId, [id], now, tx);
        const after = await reload(ctx, id, tx);
        const action = status === 'disabled' ? 'user.disabled' : 'user.enabled';
        await audit.record(ctx, { action, entityType: 'user', entityId: id, before: toUser(u), after }, tx);
        return { user: after, changed: true };
      });
      if (result.changed && status === 'disabled') {
        sessionRevocations.revoke({ userId: id, tenantId: ctx.tenantId, reason: 'user_disabled' });
        await takeOffline(ctx, id);
      }
      // The caller held every permission of the user (and of any role given): still theirs to manage.
      return { ...result.user, manageable: true };
    },

    /**
     * Soft delete: the row stays for history (audit, call records), its e-mail is rewritten so
     * the address can be used again, and every session ends. Queue memberships and phone
     * assignments go in the same transaction; the audit entry lists what was undone.
     */
    async remove(ctx: TenantContext, id: string): Promise<void> {
      refuseSelf(ctx, id, 'delete');
      const queueIds = await db.transaction(async (tx) => {
        const u = await loadLocked(ctx, id, tx);
        await refuseLastAdmin(ctx, u, tx);
        const now = clock.now();
        await repo.revokeRefreshTokens(id, now, 'user_deleted', tx);
        await repo.bumpPermVersion(ctx.tenantId, [id], now, tx);
        await repo.update(
          ctx.tenantId,
          id,
          { status: 'disabled', email: `${id}@${DELETED_EMAIL_DOMAIN}`, deletedAt: now, updatedAt: now },
          tx,
        );
        const formerQueueIds = await repo.deleteQueueMemberships(ctx.tenantId, id, tx);
        const endpointIds = await endpoints.detachUser(ctx, tx, id);
        await audit.record(
          ctx,
          {
            action: 'user.deleted',
            entityType: 'user',
            entityId: id,
            before: toUser(u),
            after: { removed_from_queues: formerQueueIds, unassigned_endpoints: endpointIds },
          },
          tx,
        );
        return formerQueueIds;
      });
      sessionRevocations.revoke({ userId: id, tenantId: ctx.tenantId, reason: 'user_deleted' });
      await takeOffline(ctx, id, queueIds);
    },
  };
}
