'use client';

import type { Role } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { KeyRound, Lock, Plus, Search, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { errorMessage, isApiError } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useFormat, useT, type Formatters, type Translate } from '@/lib/i18n';
import { useDeleteRole, useRoleList } from '../queries';

export function RolesView() {
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canWrite = usePermission('roles.write');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const list = useRoleList(deferredSearch || undefined);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const remove = useDeleteRole();
  const columns = useMemo(() => roleColumns(t, format, canWrite, setDeleting), [t, format, canWrite]);

  const deleteRole = async (role: Role) => {
    try {
      await remove.mutateAsync(role.id);
      toast.success(t('roles.deletedToast', { name: role.name }));
    } catch (error) {
      // A role someone holds cannot go: say so in plain words with the count.
      toast.error(
        isApiError(error, 'INVALID_STATE') && holderCount(error.details) !== null
          ? t('roles.deleteConflict', {
              name: role.name,
              count: holderCount(error.details) ?? role.user_count,
            })
          : errorMessage(error, t),
      );
      throw error;
    }
  };

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/roles/new">
        <Plus aria-hidden="true" />
        {t('roles.create')}
      </Link>
    </Button>
  ) : null;

  return (
    <div>
      <PageHeader title={t('roles.title')} description={t('roles.description')} actions={createButton} />
      <DataTable
        caption={t('roles.title')}
        columns={columns}
        data={list.items}
        getRowId={(role) => role.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(role) => router.push(`/roles/${role.id}`)}
        empty={
          deferredSearch
            ? { icon: Search, title: t('roles.noMatch') }
            : { icon: KeyRound, title: t('roles.empty'), action: createButton }
        }
        toolbar={
          <div className="relative w-full sm:w-72">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden="true"
            />
            <Input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('roles.searchPlaceholder')}
              aria-label={t('roles.search')}
              className="pl-9"
            />
          </div>
        }
      />
      {deleting ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => (open ? undefined : setDeleting(null))}
          title={t('roles.deleteTitle', { name: deleting.name })}
          description={
            deleting.user_count > 0
              ? t('roles.deleteHeldDescription', { count: deleting.user_count })
              : t('roles.deleteDescription')
          }
          confirmLabel={t('roles.delete')}
          destructive
          onConfirm={() => deleteRole(deleting)}
        />
      ) : null}
    </div>
  );
}

function holderCount(details: unknown): number | null {
  const count = (details as { user_count?: unknown } | null | undefined)?.user_count;
  return typeof count === 'number' ? count : null;
}

function roleColumns(
  t: Translate,
  format: Formatters,
  canWrite: boolean,
  onDelete: (role: Role) => void,
): ColumnDef<Role, unknown>[] {
  return [
    {
      id: 'name',
      header: t('roles.columns.name'),
      cell: ({ row }) => (
        <div className="grid min-w-0 gap-0.5">
          <span className="flex items-center gap-2 font-medium">
            {row.original.name}
            {row.original.system ? (
              <Badge variant="secondary">
                <Lock aria-hidden="true" />
                {t('roles.system')}
              </Badge>
            ) : null}
          </span>
          {row.original.description ? (
            <span className="truncate text-xs text-muted-foreground">{row.original.description}</span>
          ) : null}
        </div>
      ),
    },
    {
      id: 'permissions',
      header: t('roles.columns.permissions'),
      cell: ({ row }) => (
        <span className="tabular-nums text-muted-foreground">
          {format.number(row.original.permissions.length)}
        </span>
      ),
    },
    {
      id: 'users',
      header: t('roles.columns.users'),
      cell: ({ row }) => <span className="tabular-nums">{format.number(row.original.user_count)}</span>,
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('roles.columns.actions')}</span>,
      size: 56,
      cell: ({ row }) =>
        canWrite && !row.original.system ? (
          <div className="flex justify-end">
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={t('roles.deleteNamed', { name: row.original.name })}
              onClick={(event) => {
                event.stopPropagation();
                onDelete(row.original);
              }}
            >
              <Trash2 aria-hidden="true" />
            </Button>
          </div>
        ) : null,
    },
  ];
}
