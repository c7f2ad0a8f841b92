'use client';

import { toast } from 'sonner';
import { ResourceEditPage } from '@/components/resource/edit-page';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { TrunkForm } from '../forms/trunk-form';
import { SharedBadge } from './shared-badge';
import { useDeleteTrunk, useTrunk, useSaveTrunk } from '../queries';

export function TrunkEditView({ id }: { id: string }) {
  const t = useT();
  const canWrite = usePermission('trunks.write');
  const trunk = useTrunk(id);
  const save = useSaveTrunk(id);
  const remove = useDeleteTrunk();
  // A shared trunk of another tenant is visible and usable here, never editable.
  const editable = canWrite && trunk.data?.read_only === false;

  return (
    <ResourceEditPage
      query={trunk}
      deleteRecord={() => remove.mutateAsync(id)}
      listPath="/trunks"
      canDelete={editable}
      breadcrumb={(record) => record.name}
      title={(record) => record.name}
      description={(record) => (record.read_only ? <SharedBadge /> : undefined)}
      messages={{ deleted: 'trunks.deleted', deleteTitle: 'trunks.deleteTitle', deleteDescription: 'trunks.deleteDescription' }}
      deleteTitleValues={(record) => ({ name: record.name })}
    >
      {(record) => (
        <TrunkForm
          key={record.updated_at}
          trunk={record}
          readOnly={!editable}
          saving={save.isPending}
          submitLabel={t('common.save')}
          onSubmit={async (values) => {
            await save.mutateAsync(values);
            toast.success(t('trunks.saved'));
          }}
        />
      )}
    </ResourceEditPage>
  );
}
