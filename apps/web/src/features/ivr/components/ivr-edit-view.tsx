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
import { IvrForm } from '../forms/ivr-form';
import { useDeleteIvrMenu, useIvrMenu, useSaveIvrMenu } from '../queries';

export function IvrEditView({ id }: { id: string }) {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('ivr.write');
  const menu = useIvrMenu(id);
  const save = useSaveIvrMenu(id);
  const remove = useDeleteIvrMenu();
  useBreadcrumbs(menu.data ? [{ label: menu.data.name }] : null);

  if (menu.isPending) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (menu.error) return <ErrorState error={menu.error} onRetry={() => void menu.refetch()} retrying={menu.isRefetching} />;

  const onDelete = async () => {
    try {
      await remove.mutateAsync(id);
      toast.success(t('ivr.deleted'));
      router.push('/ivr');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader
        title={menu.data.name}
        actions={
          canWrite ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t('ivr.deleteTitle', { name: menu.data.name })}
              description={t('ivr.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      <IvrForm
        key={menu.data.updated_at}
        menu={menu.data}
        readOnly={!canWrite}
        saving={save.isPending}
        submitLabel={t('common.save')}
        onSubmit={async (values) => {
          await save.mutateAsync(values);
          toast.success(t('ivr.saved'));
        }}
      />
    </div>
  );
}
