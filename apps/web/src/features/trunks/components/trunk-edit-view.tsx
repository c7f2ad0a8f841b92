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
import { TrunkForm } from '../forms/trunk-form';
import { SharedBadge } from './shared-badge';
import { useDeleteTrunk, useTrunk, useSaveTrunk } from '../queries';

export function TrunkEditView({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('trunks.write');
  const trunk = useTrunk(id);
  const save = useSaveTrunk(id);
  const remove = useDeleteTrunk();
  useBreadcrumbs(trunk.data ? [{ label: trunk.data.name }] : null);

  if (trunk.isPending) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (trunk.error) return <ErrorState error={trunk.error} onRetry={() => void trunk.refetch()} retrying={trunk.isRefetching} />;

  // A shared trunk of another tenant is visible and usable here, never editable.
  const editable = canWrite && !trunk.data.read_only;

  const onDelete = async () => {
    try {
      await remove.mutateAsync(id);
      toast.success(t('trunks.deleted'));
      router.push('/trunks');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader
        title={trunk.data.name}
        description={trunk.data.read_only ? <SharedBadge /> : undefined}
        actions={
          editable ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('trunks.deleteTitle', { name: trunk.data.name })}
              description={t('trunks.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <TrunkForm
        key={trunk.data.updated_at}
        trunk={trunk.data}
        readOnly={!editable}
        saving={save.isPending}
        submitLabel={t('common.save')}
        onSubmit={async (values) => {
          await save.mutateAsync(values);
          toast.success(t('trunks.saved'));
        }}
      />
    </div>
  );
}
