'use client';

import { toast } from 'sonner';
import { ResourceEditPage } from '@/components/resource/edit-page';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { DidForm } from '../forms/did-form';
import { useDeleteDid, useDid, useSaveDid } from '../queries';

export function DidEditView({ id }: { id: string }) {
  const t = useT();
  const canWrite = usePermission('dids.write');
  const did = useDid(id);
  const save = useSaveDid(id);
  const remove = useDeleteDid();

  return (
    <ResourceEditPage
      query={did}
      deleteRecord={() => remove.mutateAsync(id)}
      listPath="/dids"
      canDelete={canWrite}
      breadcrumb={(record) => record.number}
      title={(record) => <span className="font-mono">{record.number}</span>}
      description={(record) => record.description ?? undefined}
      messages={{ deleted: 'dids.deleted', deleteTitle: 'dids.deleteTitle', deleteDescription: 'dids.deleteDescription' }}
      deleteTitleValues={(record) => ({ number: record.number })}
    >
      {(record) => (
        <DidForm
          key={record.updated_at}
          did={record}
          readOnly={!canWrite}
          saving={save.isPending}
          submitLabel={t('common.save')}
          onSubmit={async (values) => {
            await save.mutateAsync(values);
            toast.success(t('dids.saved'));
          }}
        />
      )}
    </ResourceEditPage>
  );
}
