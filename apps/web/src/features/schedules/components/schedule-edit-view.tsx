'use client';

import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { ScheduleForm } from '../forms/schedule-form';
import { useDeleteSchedule, useSchedule, useSaveSchedule } from '../queries';

export function ScheduleEditView({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('ivr.write');
  const schedule = useSchedule(id);
  const save = useSaveSchedule(id);
  const remove = useDeleteSchedule();
  useBreadcrumbs(schedule.data ? [{ label: schedule.data.name }] : null);

  if (schedule.isPending) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (schedule.error) return <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} retrying={schedule.isRefetching} />;

  const onDelete = async () => {
    try {
      await remove.mutateAsync(id);
      toast.success(t('schedules.deleted'));
      router.push('/schedules');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader
        title={schedule.data.name}
        actions={
          canWrite ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('schedules.deleteTitle', { name: schedule.data.name })}
              description={t('schedules.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <ScheduleForm
        key={schedule.data.updated_at}
        schedule={schedule.data}
        readOnly={!canWrite}
        saving={save.isPending}
        submitLabel={t('common.save')}
        onSubmit={async (values) => {
          await save.mutateAsync(values);
          toast.success(t('schedules.saved'));
        }}
      />
    </div>
  );
}
