import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import { emailChangedMail } from '../../lib/mail/auth-mails';
import type { Mailer } from '../../lib/mail/mailer';
import { hashPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { TenantContext } from '../../plugins/context';
import type { AgentService } from '../agents/agents.service';
import type { AuditService } from '../audit/audit.service';
import type { EndpointService } from '../endpoints/endpoints.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { RolesRepository } from '../roles/roles.repository';
import { assertCanGrant, assertCanManageUser } from '../roles/role-grants';
import { assertWithinLimit } from '../tenants/limits';
import { createUserAccessOperations } from './user-access';
import { assertEmailAllowed, emailTaken, toUser, unknownRole } from './users.mapper';
import type { UsersRepository } from './users.repository';
import { isDuplicateKey } from './sql-helpers';

export type UsersServiceDeps = {
  db: Database;
  repo: UsersRepository;
  roles: RolesRepository;
  audit: AuditService;
  notifications: NotificationsService;
  sessionRevocations: SessionRevocations;
  clock: Clock;
  /** A disabled or deleted user goes offline, so the ACD stops offering them calls. */
  agents: Pick<AgentService, 'forceOffline'>;
  /** A deleted user's phones are unassigned in the same transaction. */
  endpoints: Pick<EndpointService, 'detachUser'>;
  /** Tells the old address when an admin re-addresses an account. */
  mailer: Mailer;
};

export function createUsersService(deps: UsersServiceDeps) {
  const { db, repo, roles, audit, clock, sessionRevocations, mailer } = deps;

  async function get(ctx: TenantContext, id: string): Promise<User> {
    const u = await repo.findById(ctx.tenantId, id);
    if (!u) throw notFound('User');
    return toUser(u, ctx);
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListUsersQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map((u) => toUser(u, ctx)), nextCursor: page.nextCursor };
    },

    async create(ctx: TenantContext, input: CreateUserInput): Promise<User> {
      assertEmailAllowed(input.email);
      // argon2 is deliberately slow; hash before the transaction so the tenant lock stays short.
      const passwordHash = await hashPassword(input.password);
      const id = newId();
      const now = clock.now();
      const created = await db.transaction(async (tx) => {
        // First statement: it locks the tenant row, so the counts below (and in concurrent
        // creates, which wait here) are taken after every earlier create has committed.
        await assertWithinLimit(tx, ctx.tenantId, 'users');
        const role = await roles.findById(ctx.tenantId, input.role_id, tx, true);
        if (!role) throw unknownRole();
        assertCanGrant(ctx, role.permissions);
        if (role.isSystem && role.key === 'agent') await assertWithinLimit(tx, ctx.tenantId, 'agents');
        try {
          await repo.insert(
            {
              id,
              tenantId: ctx.tenantId,
              email: input.email,
              name: input.name,
              passwordHash,
              status: 'active',
              roleId: role.id,
              isPlatformAdmin: false,
              locale: input.locale ?? 'en',
              permVersion: 1,
              failedLogins: 0,
              createdAt: now,
              updatedAt: now,
            },
            tx,
          );
        } catch (err) {
          if (isDuplicateKey(err, 'users_email_uq')) throw emailTaken();
          throw err;
        }
        const user = toUser((await repo.findById(ctx.tenantId, id, tx))!);
        await audit.record(
          ctx,
          { action: 'user.created', entityType: 'user', entityId: id, after: user },
          tx,
        );
        return user;
      });
      return { ...created, manageable: true };
    },

    /**
     * Another user's e-mail is an account takeover path (the reset link goes there): it needs
     * every permission the user holds, ends the user's sessions and tells the old address. The
     * own address changes on the profile, which asks for the current password.
     */
    async update(ctx: TenantContext, id: string, input: UpdateUserInput): Promise<User> {
      assertEmailAllowed(input.email);
      const result = await db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx);
        if (!before) throw notFound('User');
        assertCanManageUser(ctx, before.rolePermissions);
        const emailChanged = input.email !== undefined && input.email !== before.email;
        if (emailChanged && id === ctx.userId) {
          throw new AppError(
            'VALIDATION_FAILED',
            'body.email: change your own e-mail address on your profile, which asks for your current password',
            { fields: [{ path: 'body.email', message: 'Change your own e-mail address on your profile' }] },
          );
        }
        const now = clock.now();
        try {
          await repo.update(
            ctx.tenantId,
            id,
            {
              ...(input.email !== undefined ? { email: input.email } : {}),
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.locale !== undefined ? { locale: input.locale } : {}),
              updatedAt: now,
            },
            tx,
          );
        } catch (err) {
          if (isDuplicateKey(err, 'users_email_uq')) throw emailTaken();
          throw err;
        }
        if (emailChanged) {
          await repo.revokeRefreshTokens(id, now, 'email_changed', tx);
          await repo.bumpPermVersion(ctx.tenantId, [id], now, tx);
        }
        const after = toUser((await repo.findById(ctx.tenantId, id, tx))!);
        await audit.record(
          ctx,
          { action: 'user.updated', entityType: 'user', entityId: id, before: toUser(before), after },
          tx,
        );
        return { after, oldEmail: emailChanged ? before.email : null };
      });
      if (result.oldEmail !== null) {
        sessionRevocations.revoke({ userId: id, tenantId: ctx.tenantId, reason: 'email_changed' });
        // The change has committed; a failed notice is logged, not turned into an error.
        await mailer
          .send(emailChangedMail(result.oldEmail, result.after.email, true))
          .catch((err: unknown) => ctx.log.warn({ err, userId: id }, 'e-mail change notice failed'));
      }
      return { ...result.after, manageable: true };
    },

    ...createUserAccessOperations(deps),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
