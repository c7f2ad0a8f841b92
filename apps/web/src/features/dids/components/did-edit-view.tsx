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
import { DidForm } from '../forms/did-form';
import { useDeleteDid, useDid, useSaveDid } from '../queries';

export function DidEditView({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('dids.write');
  const did = useDid(id);
  const save = useSaveDid(id);
  const remove = useDeleteDid();
  useBreadcrumbs(did.data ? [{ label: did.data.number }] : null);

  if (did.isPending) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (did.error) return <ErrorState error={did.error} onRetry={() => void did.refetch()} retrying={did.isRefetching} />;

  const onDelete = async () => {
    try {
      await remove.mutateAsync(id);
      toast.success(t('dids.deleted'));
      router.push('/dids');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader
        title={<span className="font-mono">{did.data.number}</span>}
        description={did.data.description ?? undefined}
        actions={
          canWrite ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('dids.deleteTitle', { number: did.data.number })}
              description={t('dids.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <DidForm
        key={did.data.updated_at}
        did={did.data}
        readOnly={!canWrite}
        saving={save.isPending}
        submitLabel={t('common.save')}
        onSubmit={async (values) => {
          await save.mutateAsync(values);
          toast.success(t('dids.saved'));
        }}
      />
    </div>
  );
}
