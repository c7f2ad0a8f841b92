'use client';

import { toast } from 'sonner';
import { ResourceEditPage } from '@/components/resource/edit-page';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { IvrForm } from '../forms/ivr-form';
import { useDeleteIvrMenu, useIvrMenu, useSaveIvrMenu } from '../queries';

export function IvrEditView({ id }: { id: string }) {
  const t = useT();
  const canWrite = usePermission('ivr.write');
  const menu = useIvrMenu(id);
  const save = useSaveIvrMenu(id);
  const remove = useDeleteIvrMenu();

  return (
    <ResourceEditPage
      query={menu}
      deleteRecord={() => remove.mutateAsync(id)}
      listPath="/ivr"
      canDelete={canWrite}
      breadcrumb={(record) => record.name}
      title={(record) => record.name}
      messages={{ deleted: 'ivr.deleted', deleteTitle: 'ivr.deleteTitle', deleteDescription: 'ivr.deleteDescription' }}
      deleteTitleValues={(record) => ({ name: record.name })}
    >
      {(record) => (
        <IvrForm
          key={record.updated_at}
          menu={record}
          readOnly={!canWrite}
          saving={save.isPending}
          submitLabel={t('common.save')}
          onSubmit={async (values) => {
            await save.mutateAsync(values);
            toast.success(t('ivr.saved'));
          }}
        />
      )}
    </ResourceEditPage>
  );
}
