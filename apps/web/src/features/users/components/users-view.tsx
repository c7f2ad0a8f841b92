'use client';

import { userStatuses, type User, type UserStatus } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Search, UserPlus, Users } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { usePermission } from '@/lib/auth';
import { useFormat, useT, type Formatters, type Translate } from '@/lib/i18n';
import { useRoleOptions, useUserList, type UserFilters } from '../queries';
import { CreateUserDialog } from './create-user-dialog';
import { UserRowActions } from './user-row-actions';
import { UserStatusBadge } from './user-status-badge';

const all = 'all';

export function UsersView() {
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const canWrite = usePermission('users.write');
  const [search, setSearch] = useState('');
  const [roleId, setRoleId] = useState(all);
  const [status, setStatus] = useState(all);
  const [creating, setCreating] = useState(false);
  const deferredSearch = useDeferredValue(search.trim());
  const roles = useRoleOptions();

  const filters: UserFilters = {
    search: deferredSearch || undefined,
    role_id: roleId === all ? undefined : roleId,
    status: status === all ? undefined : (status as UserStatus),
  };
  const filtered = Boolean(filters.search || filters.role_id || filters.status);
  const list = useUserList(filters);
  const columns = useMemo(() => userColumns(t, format, canWrite), [t, format, canWrite]);

  const createButton = canWrite ? (
    <Button onClick={() => setCreating(true)}>
      <UserPlus aria-hidden="true" />
      {t('users.create')}
    </Button>
  ) : null;

  return (
    <div>
      <PageHeader title={t('users.title')} description={t('users.description')} actions={createButton} />
      <DataTable
        caption={t('users.title')}
        columns={columns}
        data={list.items}
        getRowId={(user) => user.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(user) => router.push(`/users/${user.id}`)}
        empty={
          filtered
            ? { icon: Search, title: t('users.noMatch'), description: t('users.noMatchDescription') }
            : {
                icon: Users,
                title: t('users.empty'),
                description: t('users.emptyDescription'),
                action: createButton,
              }
        }
        toolbar={
          <>
            <div className="relative w-full sm:w-72">
              <Search
                className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
                aria-hidden="true"
              />
              <Input
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                placeholder={t('users.searchPlaceholder')}
                aria-label={t('users.search')}
                className="pl-9"
              />
            </div>
            <Select value={roleId} onValueChange={setRoleId}>
              <SelectTrigger className="w-full sm:w-44" aria-label={t('users.filterRole')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>{t('users.allRoles')}</SelectItem>
                {(roles.data ?? []).map((role) => (
                  <SelectItem key={role.id} value={role.id}>
                    {role.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Select value={status} onValueChange={setStatus}>
              <SelectTrigger className="w-full sm:w-40" aria-label={t('users.filterStatus')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>{t('users.allStatuses')}</SelectItem>
                {userStatuses.map((value) => (
                  <SelectItem key={value} value={value}>
                    {t(`users.status.${value}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
      />
      <CreateUserDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}

function userColumns(t: Translate, format: Formatters, canWrite: boolean): ColumnDef<User, unknown>[] {
  return [
    {
      id: 'name',
      header: t('users.columns.name'),
      cell: ({ row }) => (
        <div className="grid min-w-0">
          <span className="truncate font-medium">{row.original.name}</span>
          <span className="truncate text-xs text-muted-foreground">{row.original.email}</span>
        </div>
      ),
    },
    { id: 'role', header: t('users.columns.role'), cell: ({ row }) => row.original.role_name },
    {
      id: 'extension',
      header: t('users.columns.extension'),
      cell: ({ row }) => (
        <span className="tabular-nums text-muted-foreground">{row.original.extension ?? '—'}</span>
      ),
    },
    {
      id: 'status',
      header: t('users.columns.status'),
      cell: ({ row }) => <UserStatusBadge status={row.original.status} />,
    },
    {
      id: 'lastLogin',
      header: t('users.columns.lastLogin'),
      cell: ({ row }) => (
        <span className="text-muted-foreground">
          {row.original.last_login_at ? format.relative(row.original.last_login_at) : t('users.never')}
        </span>
      ),
    },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('users.columns.actions')}</span>,
      size: 56,
      cell: ({ row }) => <UserRowActions user={row.original} canWrite={canWrite} />,
    },
  ];
}
