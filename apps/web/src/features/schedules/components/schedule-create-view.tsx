'use client';

import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { useT } from '@/lib/i18n';
import { ScheduleForm } from '../forms/schedule-form';
import { useSaveSchedule } from '../queries';

export function ScheduleCreateView() {
  const t = useT();
  const router = useRouter();
  const save = useSaveSchedule(null);
  useBreadcrumbs([{ label: t('schedules.new') }]);
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader title={t('schedules.new')} description={t('schedules.newDescription')} className="pb-0" />
      <ScheduleForm
        saving={save.isPending}
        submitLabel={t('schedules.create')}
        onSubmit={async (values) => {
          const schedule = await save.mutateAsync(values);
          toast.success(t('schedules.created', { name: schedule.name }));
          router.push(`/schedules/${schedule.id}`);
        }}
      />
    </div>
  );
}
