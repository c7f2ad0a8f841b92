import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User } from '@switchboard/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import { hashPassword } from '../../lib/passwords';
import type { SessionRevocations } from '../../lib/session-revocations';
import type { TenantContext } from '../../plugins/context';
import type { AgentService } from '../agents/agents.service';
import type { AuditService } from '../audit/audit.service';
import type { EndpointService } from '../endpoints/endpoints.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { RolesRepository } from '../roles/roles.repository';
import { assertCanGrant } from '../roles/role-grants';
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
};

export function createUsersService(deps: UsersServiceDeps) {
  const { db, repo, roles, audit, clock } = deps;

  async function get(ctx: TenantContext, id: string): Promise<User> {
    const u = await repo.findById(ctx.tenantId, id);
    if (!u) throw notFound('User');
    return toUser(u);
  }

  return {
    get,

    async list(ctx: TenantContext, q: ListUsersQuery) {
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(ctx.tenantId, q, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toUser), nextCursor: page.nextCursor };
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
      return created;
    },

    async update(ctx: TenantContext, id: string, input: UpdateUserInput): Promise<User> {
      assertEmailAllowed(input.email);
      return db.transaction(async (tx) => {
        const before = await repo.findById(ctx.tenantId, id, tx);
        if (!before) throw notFound('User');
        try {
          await repo.update(
            ctx.tenantId,
            id,
            {
              ...(input.email !== undefined ? { email: input.email } : {}),
              ...(input.name !== undefined ? { name: input.name } : {}),
              ...(input.locale !== undefined ? { locale: input.locale } : {}),
              updatedAt: clock.now(),
            },
            tx,
          );
        } catch (err) {
          if (isDuplicateKey(err, 'users_email_uq')) throw emailTaken();
          throw err;
        }
        const after = toUser((await repo.findById(ctx.tenantId, id, tx))!);
        await audit.record(
          ctx,
          { action: 'user.updated', entityType: 'user', entityId: id, before: toUser(before), after },
          tx,
        );
        return after;
      });
    },

    ...createUserAccessOperations(deps),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
