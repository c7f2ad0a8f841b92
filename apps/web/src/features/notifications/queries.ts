'use client';

import { notificationSchema, unreadCountSchema, type Notification } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';
import { useRealtimeResync, useRoomEvents } from '@/lib/websocket';
import { notificationFromEvent } from './notification-events';

const menuPageSize = 10;
/** A fallback for pushes lost while the socket was down or a push that did not arrive. */
const unreadPollMs = 30_000;

export function useNotificationKeys() {
  const key = useTenantKey();
  return {
    all: key('notifications'),
    unread: key('notifications', 'unread-count'),
    recent: key('notifications', 'recent'),
  };
}

export function useUnreadCount(enabled: boolean) {
  const keys = useNotificationKeys();
  return useQuery({
    queryKey: keys.unread,
    enabled,
    queryFn: ({ signal }) =>
      api.get('/api/v1/notifications/unread-count', { schema: unreadCountSchema, signal }),
    select: (data) => data.unread,
    refetchInterval: unreadPollMs,
  });
}

export function useRecentNotifications(enabled: boolean) {
  const keys = useNotificationKeys();
  return useQuery({
    queryKey: keys.recent,
    enabled,
    queryFn: async ({ signal }) => {
      const page = await api.list<Notification>('/api/v1/notifications', { limit: menuPageSize }, signal);
      return page.items.map((item) => notificationSchema.parse(item));
    },
  });
}

/** Marks the given notifications read, or all of them when `ids` is omitted. */
export function useMarkNotificationsRead() {
  const keys = useNotificationKeys();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api.post('/api/v1/notifications/read', ids ? { ids } : {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/**
 * Refreshes the unread count and the list when the server pushes `notification.created` to the
 * user's room, and after a reconnect that missed more than a replay carries.
 */
export function useNotificationPushes(userId: string | null) {
  const keys = useNotificationKeys();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.all });
  useRoomEvents(userId ? `user:${userId}` : null, (event) => {
    if (notificationFromEvent(event)) refresh();
  });
  useRealtimeResync(refresh);
}
