import { and, count, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notifications } from '../../db/schema/index';
import { registerTenantTables } from '../../lib/query-audit';

registerTenantTables('notifications');

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;

/** Every method is scoped to one user of one tenant: a notification is only ever its owner's. */
export function createNotificationsRepository(db: Executor) {
  const owner = (tenantId: string, userId: string) =>
    and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId));

  return {
    async insert(row: NewNotificationRow, exec: Executor = db): Promise<number> {
      const [res] = await exec.insert(notifications).values(row).$returningId();
      if (!res) throw new Error('notification insert returned no id');
      return res.id;
    },

    /** Newest first; `beforeId` is the keyset cursor. */
    async list(
      tenantId: string,
      userId: string,
      unreadOnly: boolean,
      beforeId: number | null,
      limit: number,
    ) {
      const where: (SQL | undefined)[] = [
        owner(tenantId, userId),
        unreadOnly ? isNull(notifications.readAt) : undefined,
        beforeId !== null ? lt(notifications.id, beforeId) : undefined,
      ];
      return db
        .select()
        .from(notifications)
        .where(and(...where))
        .orderBy(desc(notifications.id))
        .limit(limit);
    },

    async countByKind(tenantId: string, userId: string, kind: string, exec: Executor = db) {
      const [r] = await exec
        .select({ n: count() })
        .from(notifications)
        .where(and(owner(tenantId, userId), eq(notifications.kind, kind)));
      return r?.n ?? 0;
    },

    async countUnread(tenantId: string, userId: string, exec: Executor = db) {
      const [r] = await exec
        .select({ n: count() })
        .from(notifications)
        .where(and(owner(tenantId, userId), isNull(notifications.readAt)));
      return r?.n ?? 0;
    },

    /** Which of `ids` belong to the user. */
    async findOwnedIds(tenantId: string, userId: string, ids: number[], exec: Executor = db) {
      const rows = await exec
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(owner(tenantId, userId), inArray(notifications.id, ids)));
      return rows.map((r) => r.id);
    },

    /** Marks the user's unread notifications read: the given ones, or all of them. */
    async markRead(tenantId: string, userId: string, ids: number[] | null, now: Date, exec: Executor = db) {
      await exec
        .update(notifications)
        .set({ readAt: now })
        .where(
          and(
            owner(tenantId, userId),
            isNull(notifications.readAt),
            ids ? inArray(notifications.id, ids) : undefined,
          ),
        );
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
