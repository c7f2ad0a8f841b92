import {
  newNotificationSchema,
  type ListNotificationsQuery,
  type MarkReadInput,
  type NewNotification,
  type Notification,
} from '@switchboard/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { RealtimeEvents } from '../../realtime/events';
import { notFound } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { TenantContext } from '../../plugins/context';
import type { NotificationRow, NotificationsRepository } from './notifications.repository';

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

/** The real-time event log (realtime/events.ts): durable per-room events, published after commit. */
export type NotificationEvents = Pick<RealtimeEvents, 'record' | 'publish'>;

/** The event the bell listens for in the `user:<id>` room; its data is a `Notification`. */
export const NOTIFICATION_CREATED_EVENT = 'notification.created';

export function createNotificationsService(deps: {
  db: Database;
  repo: NotificationsRepository;
  events: NotificationEvents;
  clock: Clock;
}) {
  const { db, repo, events, clock } = deps;

  const unreadCount = async (ctx: TenantContext) => ({
    unread: await repo.countUnread(ctx.tenantId, ctx.userId),
  });

  return {
    /**
     * Stores a notification for one user of a tenant and pushes it to the user's sockets. Other
     * modules call this after their own change has committed (a rolled-back change must not
     * notify anyone).
     */
    async notify(tenantId: string, userId: string, input: NewNotification): Promise<Notification> {
      const n = newNotificationSchema.parse(input);
      const row = {
        tenantId,
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        readAt: null,
        createdAt: clock.now(),
      };
      const { notification, pending } = await db.transaction(async (tx) => {
        const notification = toNotification({ ...row, id: await repo.insert(row, tx) });
        // Logged with the row, so a socket that missed the push gets it on resume (?since=).
        const pending = await events.record(tx, tenantId, [
          { room: `user:${userId}`, event: NOTIFICATION_CREATED_EVENT, data: notification },
        ]);
        return { notification, pending };
      });
      events.publish(pending);
      return notification;
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
