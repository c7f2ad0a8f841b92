'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { errorMessage } from '@/lib/api/errors';
import { useT, type MessageKey, type MessageValues } from '@/lib/i18n';

type ResourceEditPageProps<T> = {
  query: UseQueryResult<T>;
  /** Deletes the loaded record; rejects with the API error so the dialog stays open. */
  deleteRecord: () => Promise<unknown>;
  /** Where to go after a successful delete. */
  listPath: string;
  canDelete: boolean;
  breadcrumb: (record: T) => string;
  title: (record: T) => ReactNode;
  description?: (record: T) => ReactNode;
  messages: { deleted: MessageKey; deleteTitle: MessageKey; deleteDescription: MessageKey };
  deleteTitleValues: (record: T) => MessageValues;
  /** The edit form, rendered once the record has loaded. */
  children: (record: T) => ReactNode;
};

/** Shell shared by the edit pages of single records: loading, error, breadcrumbs, header and delete. */
export function ResourceEditPage<T>({
  query,
  deleteRecord,
  listPath,
  canDelete,
  breadcrumb,
  title,
  description,
  messages,
  deleteTitleValues,
  children,
}: ResourceEditPageProps<T>) {
  const t = useT();
  const router = useRouter();
  useBreadcrumbs(query.data ? [{ label: breadcrumb(query.data) }] : null);

  if (query.isPending) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isRefetching} />;

  const record = query.data;
  const onDelete = async () => {
    try {
      await deleteRecord();
      toast.success(t(messages.deleted));
      router.push(listPath);
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6">
      <PageHeader
        title={title(record)}
        description={description?.(record)}
        actions={
          canDelete ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline">
                  <Trash2 aria-hidden="true" />
                  {t('telephony.delete')}
                </Button>
              }
              title={t(messages.deleteTitle, deleteTitleValues(record))}
              description={t(messages.deleteDescription)}
              confirmLabel={t('telephony.delete')}
              destructive
              onConfirm={onDelete}
            />
          ) : null
        }
        className="pb-0"
      />
      {children(record)}
    </div>
  );
}
