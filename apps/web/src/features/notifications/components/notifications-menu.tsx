'use client';

import type { Notification } from '@switchboard/contracts';
import { Bell, CheckCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import {
  useMarkNotificationsRead,
  useNotificationPushes,
  useRecentNotifications,
  useUnreadCount,
} from '../queries';

export function NotificationsMenu() {
  const t = useT();
  const user = useSession();
  const [open, setOpen] = useState(false);
  // Notifications belong to a user inside a tenant; operators outside one have none.
  const enabled = Boolean(user.tenant_id);
  const unread = useUnreadCount(enabled);
  useNotificationPushes(enabled ? user.id : null);
  const count = unread.data ?? 0;

  if (!enabled) return null;

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={count > 0 ? t('notifications.labelUnread', { count }) : t('notifications.label')}
        >
          <Bell aria-hidden="true" />
          {count > 0 ? (
            <span
              aria-hidden="true"
              className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[0.65rem] leading-none font-semibold text-destructive-foreground"
            >
              {count > 99 ? '99+' : count}
            </span>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-96 p-0">
        <NotificationsPanel open={open} unreadCount={count} onNavigate={() => setOpen(false)} />
      </PopoverContent>
    </Popover>
  );
}

type PanelProps = { open: boolean; unreadCount: number; onNavigate: () => void };

function NotificationsPanel({ open, unreadCount, onNavigate }: PanelProps) {
  const t = useT();
  const router = useRouter();
  const list = useRecentNotifications(open);
  const markRead = useMarkNotificationsRead();

  const markAll = () =>
    markRead.mutate(undefined, {
      onSuccess: () => toast.success(t('notifications.markedAllRead')),
      onError: (error) => toast.error(errorMessage(error, t) || t('notifications.markFailed')),
    });

  const openItem = (item: Notification) => {
    if (!item.read_at) markRead.mutate([item.id]);
    if (item.link) {
      onNavigate();
      router.push(item.link);
    }
  };

  return (
    <div className="flex max-h-[28rem] flex-col">
      <div className="flex items-center justify-between border-b px-4 py-3">
        <h2 className="text-sm font-semibold">{t('notifications.title')}</h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={markAll}
          loading={markRead.isPending && markRead.variables === undefined}
          disabled={unreadCount === 0}
        >
          <CheckCheck aria-hidden="true" />
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div className="overflow-y-auto">
        {list.isPending ? (
          <div className="grid gap-3 p-4">
            {[0, 1, 2].map((index) => (
              <div key={index} className="grid gap-1.5">
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-3 w-full" />
              </div>
            ))}
          </div>
        ) : list.error ? (
          <ErrorState
            error={list.error}
            title={t('notifications.loadFailed')}
            onRetry={() => void list.refetch()}
            retrying={list.isRefetching}
            className="py-8"
          />
        ) : list.data.length === 0 ? (
          <EmptyState
            icon={Bell}
            title={t('notifications.empty')}
            description={t('notifications.emptyDescription')}
            className="py-10"
          />
        ) : (
          <ul className="divide-y">
            {list.data.map((item) => (
              <NotificationRow key={item.id} item={item} onOpen={() => openItem(item)} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationRow({ item, onOpen }: { item: Notification; onOpen: () => void }) {
  const t = useT();
  const format = useFormat();
  const unread = !item.read_at;
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        className="flex w-full gap-3 px-4 py-3 text-left outline-none hover:bg-accent focus-visible:bg-accent"
      >
        <span
          className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-primary' : 'bg-transparent')}
          aria-hidden="true"
        />
        <span className="grid min-w-0 gap-0.5">
          <span className={cn('text-sm', unread ? 'font-medium' : 'text-muted-foreground')}>
            {unread ? <span className="sr-only">{t('notifications.unread')}: </span> : null}
            {item.title}
          </span>
          {item.body ? <span className="line-clamp-2 text-xs text-muted-foreground">{item.body}</span> : null}
          <time
            dateTime={item.created_at}
            title={format.dateTime(item.created_at)}
            className="text-xs text-muted-foreground"
          >
            {format.relative(item.created_at)}
          </time>
        </span>
      </button>
    </li>
  );
}
