'use client';

import type { PauseReason } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Coffee, Pencil, Plus, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useDeletePauseReason, usePauseReasonList } from '../queries';
import { PauseReasonDialog } from './pause-reason-dialog';

export function PauseReasonsView() {
  const t = useT();
  useBreadcrumbs([{ label: t('pauseReasons.title') }]);
  const canWrite = usePermission('queues.write');
  const list = usePauseReasonList();
  const remove = useDeletePauseReason();
  const [editing, setEditing] = useState<PauseReason | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);

  const openDialog = (reason: PauseReason | null) => {
    setEditing(reason);
    setDialogOpen(true);
  };

  const columns = useMemo<ColumnDef<PauseReason, unknown>[]>(() => {
    const base: ColumnDef<PauseReason, unknown>[] = [
      { id: 'name', header: t('pauseReasons.fields.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
      { id: 'code', header: t('pauseReasons.fields.code'), cell: ({ row }) => <span className="font-mono text-xs">{row.original.code}</span> },
      {
        id: 'paid',
        header: t('pauseReasons.fields.paid'),
        cell: ({ row }) => (row.original.paid ? t('telephony.yes') : t('telephony.no')),
      },
      {
        id: 'max',
        header: t('pauseReasons.fields.maxMinutes'),
        cell: ({ row }) =>
          row.original.max_minutes === null ? t('pauseReasons.noLimit') : t('pauseReasons.minutes', { count: row.original.max_minutes }),
      },
      {
        id: 'enabled',
        header: t('pauseReasons.fields.enabled'),
        cell: ({ row }) =>
          row.original.enabled ? <Badge variant="success">{t('common.enabled')}</Badge> : <Badge variant="secondary">{t('common.disabled')}</Badge>,
      },
    ];
    if (!canWrite) return base;
    return [
      ...base,
      {
        id: 'actions',
        size: 96,
        header: () => <span className="sr-only">{t('queues.members.actions')}</span>,
        cell: ({ row }) => (
          <div className="flex justify-end gap-1">
            <Button variant="ghost" size="icon-sm" onClick={() => openDialog(row.original)} aria-label={t('pauseReasons.editNamed', { name: row.original.name })}>
              <Pencil aria-hidden="true" />
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="icon-sm" aria-label={t('pauseReasons.deleteNamed', { name: row.original.name })}>
                  <Trash2 aria-hidden="true" />
                </Button>
              }
              title={t('pauseReasons.deleteTitle', { name: row.original.name })}
              description={t('pauseReasons.deleteDescription')}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(row.original.id);
                  toast.success(t('pauseReasons.deleted'));
                } catch (error) {
                  toast.error(errorMessage(error, t));
                  throw error;
                }
              }}
            />
          </div>
        ),
      },
    ];
  }, [t, canWrite, remove]);

  const createButton = canWrite ? (
    <Button onClick={() => openDialog(null)}>
      <Plus aria-hidden="true" />
      {t('pauseReasons.new')}
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('pauseReasons.title')} description={t('pauseReasons.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('pauseReasons.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        empty={{ icon: Coffee, title: t('pauseReasons.empty'), description: t('pauseReasons.emptyDescription'), action: createButton }}
      />
      <PauseReasonDialog reason={editing} open={dialogOpen} onOpenChange={setDialogOpen} />
    </div>
  );
}
