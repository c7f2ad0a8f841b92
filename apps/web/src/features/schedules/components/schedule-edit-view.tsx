'use client';

import { toast } from 'sonner';
import { ResourceEditPage } from '@/components/resource/edit-page';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { ScheduleForm } from '../forms/schedule-form';
import { useDeleteSchedule, useSchedule, useSaveSchedule } from '../queries';

export function ScheduleEditView({ id }: { id: string }) {
  const t = useT();
  const canWrite = usePermission('ivr.write');
  const schedule = useSchedule(id);
  const save = useSaveSchedule(id);
  const remove = useDeleteSchedule();

  return (
    <ResourceEditPage
      query={schedule}
      deleteRecord={() => remove.mutateAsync(id)}
      listPath="/schedules"
      canDelete={canWrite}
      breadcrumb={(record) => record.name}
      title={(record) => record.name}
      messages={{
        deleted: 'schedules.deleted',
        deleteTitle: 'schedules.deleteTitle',
        deleteDescription: 'schedules.deleteDescription',
      }}
      deleteTitleValues={(record) => ({ name: record.name })}
    >
      {(record) => (
        <ScheduleForm
          key={record.updated_at}
          schedule={record}
          readOnly={!canWrite}
          saving={save.isPending}
          submitLabel={t('common.save')}
          onSubmit={async (values) => {
            await save.mutateAsync(values);
            toast.success(t('schedules.saved'));
          }}
        />
      )}
    </ResourceEditPage>
  );
}
