import { EventEmitter } from 'node:events';
import {
  newNotificationSchema,
  type ListNotificationsQuery,
  type MarkReadInput,
  type NewNotification,
  type Notification,
} from '@switchboard/contracts';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { NotificationRow, NotificationsRepository } from './notifications.repository';

export type CreatedNotification = { tenantId: string; userId: string; notification: Notification };

export function toNotification(r: NotificationRow): Notification {
  return {
    id: String(r.id),
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    read_at: r.readAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

export function createNotificationsService(deps: { repo: NotificationsRepository; clock: Clock }) {
  const { repo, clock } = deps;
  // The real-time hub subscribes with `onCreated` and pushes to the `user:<id>` room. The row is
  // committed before listeners hear of it, so a client that missed the push finds it on reload.
  const created = new EventEmitter();
  created.setMaxListeners(100);

  const unreadCount = async (ctx: TenantContext) => ({
    unread: await repo.countUnread(ctx.tenantId, ctx.userId),
  });

  return {
    /**
     * Stores a notification for one user of a tenant and tells listeners. Other modules call this
     * after their own change has committed (a rolled-back change must not notify anyone).
     */
    async notify(tenantId: string, userId: string, input: NewNotification): Promise<Notification> {
      const n = newNotificationSchema.parse(input);
      const now = clock.now();
      const id = await repo.insert({
        tenantId,
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        readAt: null,
        createdAt: now,
      });
      const notification = toNotification({
        id,
        tenantId,
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        readAt: null,
        createdAt: now,
      });
      created.emit('created', { tenantId, userId, notification } satisfies CreatedNotification);
      return notification;
    },

    onCreated(listener: (event: CreatedNotification) => void) {
      created.on('created', listener);
      return () => {
        created.off('created', listener);
      };
    },

    async list(ctx: TenantContext, q: ListNotificationsQuery) {
      const [before] = decodeCursor(q.cursor) ?? [null];
      const rows = await repo.list(
        ctx.tenantId,
        ctx.userId,
        q.unread === true,
        before === null ? null : Number(before),
        q.limit + 1,
      );
      const page = pageOf(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map(toNotification), nextCursor: page.nextCursor };
    },

    unreadCount,

    /** Marks the given notifications (or all) read; an id that is not the caller's answers 404. */
    async markRead(ctx: TenantContext, input: MarkReadInput) {
      const ids = input.ids ? [...new Set(input.ids.map(Number))] : null;
      if (ids) {
        const owned = await repo.findOwnedIds(ctx.tenantId, ctx.userId, ids);
        if (owned.length !== ids.length) throw notFound('Notification');
      }
      await repo.markRead(ctx.tenantId, ctx.userId, ids, clock.now());
      return unreadCount(ctx);
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
