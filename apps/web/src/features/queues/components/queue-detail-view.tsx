'use client';

import { Trash2 } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { QueueForm } from '../forms/queue-form';
import { useDeleteQueue, useQueue, useUpdateQueue } from '../queries';
import { strategyLabelKeys } from '../strategy';
import { QueueMembersTab } from './queue-members-tab';

export function QueueDetailView({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const searchParams = useSearchParams();
  const canWrite = usePermission('queues.write');
  const queue = useQueue(id);
  const update = useUpdateQueue(id);
  const remove = useDeleteQueue();
  useBreadcrumbs(queue.data ? [{ label: queue.data.name }] : null);
  const tab = searchParams.get('tab') === 'members' ? 'members' : 'settings';

  if (queue.isPending) {
    return (
      <div className="grid gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (queue.error) {
    return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} retrying={queue.isRefetching} />;
  }

  const onDelete = async () => {
    try {
      await remove.mutateAsync(id);
      toast.success(t('queues.deleted'));
      router.push('/queues');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="grid gap-6">
      <PageHeader
        title={queue.data.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">{t(strategyLabelKeys[queue.data.strategy])}</Badge>
            {t('queues.memberCount', { count: queue.data.member_count })}
          </span>
        }
        actions={
          canWrite ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('queues.deleteTitle', { name: queue.data.name })}
              description={t('queues.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <Tabs
        value={tab}
        onValueChange={(next) => router.replace(next === 'members' ? `/queues/${id}?tab=members` : `/queues/${id}`)}
      >
        <TabsList>
          <TabsTrigger value="settings">{t('queues.tabs.settings')}</TabsTrigger>
          <TabsTrigger value="members">{t('queues.tabs.members')}</TabsTrigger>
        </TabsList>
        <TabsContent value="settings">
          <QueueForm
            key={queue.data.updated_at}
            queue={queue.data}
            readOnly={!canWrite}
            saving={update.isPending}
            submitLabel={t('common.save')}
            onSubmit={async (values) => {
              await update.mutateAsync(values);
              toast.success(t('queues.saved'));
            }}
          />
        </TabsContent>
        <TabsContent value="members">
          <QueueMembersTab queueId={id} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
