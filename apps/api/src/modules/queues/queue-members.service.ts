import type {
  AddQueueMemberInput,
  Page,
  PageQuery,
  QueueMember,
  ReplaceQueueMembersInput,
} from '@switchboard/contracts';
import type { Database, Executor } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { AuditService } from '../audit/audit.service';
import { unresolvedReference } from '../dids/destinations.service';
import type { QueueMemberWithUser, QueuesRepository } from './queues.repository';

export function toQueueMember(r: QueueMemberWithUser): QueueMember {
  return {
    queue_id: r.member.queueId,
    user_id: r.member.userId,
    user_name: r.userName,
    user_email: r.userEmail,
    user_status: r.userStatus,
    penalty: r.member.penalty,
    created_at: r.member.createdAt.toISOString(),
    updated_at: r.member.updatedAt.toISOString(),
  };
}

/**
 * Queue membership: which users the router may offer a queue's calls to, and at what penalty.
 * The queue comes from the path and the user from the body or path; both must be this tenant's
 * (a foreign queue is 404, a foreign user 422 naming the field), and the composite foreign keys
 * make a cross-tenant member row impossible at the database too (T5).
 */
export function createQueueMembersService(deps: { db: Database; repo: QueuesRepository; audit: AuditService; clock: Clock }) {
  const { db, repo, audit, clock } = deps;

  async function lockQueue(ctx: TenantContext, queueId: string, exec: Executor) {
    const q = await repo.findById(ctx.tenantId, queueId, exec, true);
    if (!q) throw notFound('Queue');
    return q;
  }

  async function member(ctx: TenantContext, queueId: string, userId: string, exec: Executor = db) {
    const m = await repo.findMember(ctx.tenantId, queueId, userId, exec);
    if (!m) throw notFound('Queue member');
    return toQueueMember(m);
  }

  return {
    async list(ctx: TenantContext, queueId: string, q: PageQuery): Promise<Page<QueueMember>> {
      if (!(await repo.findById(ctx.tenantId, queueId))) throw notFound('Queue');
      const [after] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.listMembers(ctx.tenantId, queueId, after === null ? null : String(after), q.limit + 1);
      const page = pageOf(rows, q.limit, (r) => [r.member.userId]);
      return { items: page.items.map(toQueueMember), nextCursor: page.nextCursor };
    },

    async add(ctx: TenantContext, queueId: string, input: AddQueueMemberInput): Promise<QueueMember> {
      await db.transaction(async (tx) => {
        await lockQueue(ctx, queueId, tx);
        const found = await repo.findUsers(ctx.tenantId, [input.user_id], tx);
        if (found.length === 0) throw unresolvedReference('body.user_id', 'No such user in this organisation');
        if (await repo.findMember(ctx.tenantId, queueId, input.user_id, tx)) {
          throw new AppError('ALREADY_EXISTS', 'body.user_id: this user is already a member of the queue', {
            fields: [{ path: 'body.user_id', message: 'Already a member of this queue' }],
          });
        }
        const now = clock.now();
        await repo.insertMembers(
          [{ tenantId: ctx.tenantId, queueId, userId: input.user_id, penalty: input.penalty, createdAt: now, updatedAt: now }],
          tx,
        );
        await audit.record(
          ctx,
          { action: 'queue.member.add', entityType: 'queue', entityId: queueId, after: { user_id: input.user_id, penalty: input.penalty } },
          tx,
        );
      });
      return member(ctx, queueId, input.user_id);
    },

    async setPenalty(ctx: TenantContext, queueId: string, userId: string, penalty: number): Promise<QueueMember> {
      await db.transaction(async (tx) => {
        await lockQueue(ctx, queueId, tx);
        const before = await member(ctx, queueId, userId, tx);
        await repo.updatePenalty(ctx.tenantId, queueId, userId, penalty, clock.now(), tx);
        await audit.record(
          ctx,
          {
            action: 'queue.member.update',
            entityType: 'queue',
            entityId: queueId,
            before: { user_id: userId, penalty: before.penalty },
            after: { user_id: userId, penalty },
          },
          tx,
        );
      });
      return member(ctx, queueId, userId);
    },

    async remove(ctx: TenantContext, queueId: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await lockQueue(ctx, queueId, tx);
        const before = await member(ctx, queueId, userId, tx);
        await repo.deleteMember(ctx.tenantId, queueId, userId, tx);
        await audit.record(
          ctx,
          { action: 'queue.member.remove', entityType: 'queue', entityId: queueId, before: { user_id: userId, penalty: before.penalty } },
          tx,
        );
      });
    },

    /** Makes the member list exactly `input.members`: adds, re-penalises and removes in one transaction. */
    async replace(ctx: TenantContext, queueId: string, input: ReplaceQueueMembersInput): Promise<QueueMember[]> {
      await db.transaction(async (tx) => {
        await lockQueue(ctx, queueId, tx);
        const wanted = input.members;
        const found = new Set((await repo.findUsers(ctx.tenantId, wanted.map((m) => m.user_id), tx)).map((u) => u.id));
        const missing = wanted.findIndex((m) => !found.has(m.user_id));
        if (missing !== -1) throw unresolvedReference(`body.members.${missing}.user_id`, 'No such user in this organisation');

        const current = new Map((await repo.memberRows(ctx.tenantId, queueId, tx)).map((m) => [m.userId, m.penalty]));
        const now = clock.now();
        await repo.deleteMembersExcept(ctx.tenantId, queueId, wanted.map((m) => m.user_id), tx);
        const toInsert = wanted.filter((m) => !current.has(m.user_id));
        await repo.insertMembers(
          toInsert.map((m) => ({ tenantId: ctx.tenantId, queueId, userId: m.user_id, penalty: m.penalty, createdAt: now, updatedAt: now })),
          tx,
        );
        for (const m of wanted) {
          const had = current.get(m.user_id);
          if (had !== undefined && had !== m.penalty) await repo.updatePenalty(ctx.tenantId, queueId, m.user_id, m.penalty, now, tx);
        }
        await audit.record(
          ctx,
          {
            action: 'queue.members.replace',
            entityType: 'queue',
            entityId: queueId,
            before: [...current].map(([user_id, penalty]) => ({ user_id, penalty })),
            after: wanted,
          },
          tx,
        );
      });
      const rows = await repo.listMembers(ctx.tenantId, queueId, null, 10_000);
      return rows.map(toQueueMember);
    },
  };
}
export type QueueMembersService = ReturnType<typeof createQueueMembersService>;
