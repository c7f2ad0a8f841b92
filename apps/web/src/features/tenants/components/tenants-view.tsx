'use client';

import { tenantStatuses, type PlatformTenant } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Building2, Plus, Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useFormat, useT, type Formatters, type Translate } from '@/lib/i18n';
import { useTenantList, type TenantFilters, type TenantStatus } from '../queries';
import { CreateTenantDialog } from './create-tenant-dialog';
import { TenantStatusBadge } from './tenant-status-badge';

const all = 'all';

export function TenantsView() {
  const t = useT();
  const format = useFormat();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState(all);
  const [creating, setCreating] = useState(false);
  const deferredSearch = useDeferredValue(search.trim());
  const filters: TenantFilters = {
    search: deferredSearch || undefined,
    status: status === all ? undefined : (status as TenantStatus),
  };
  const list = useTenantList(filters);
  const columns = useMemo(() => tenantColumns(t, format), [t, format]);
  const filtered = Boolean(filters.search || filters.status);

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      {t('tenants.create')}
    </Button>
  );

  return (
    <div>
      <PageHeader title={t('tenants.title')} description={t('tenants.description')} actions={createButton} />
      <DataTable
        caption={t('tenants.title')}
        columns={columns}
        data={list.items}
        getRowId={(tenant) => tenant.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(tenant) => router.push(`/tenants/${tenant.id}`)}
        empty={
          filtered
            ? { icon: Search, title: t('tenants.noMatch'), description: t('tenants.noMatchDescription') }
            : {
                icon: Building2,
                title: t('tenants.empty'),
                description: t('tenants.emptyDescription'),
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
                placeholder={t('tenants.searchPlaceholder')}
                aria-label={t('tenants.search')}
                className="pl-9"
              />
            </div>
            <Select value={status} onValueChange={setStatus}>
              <SelectTrigger className="w-full sm:w-44" aria-label={t('tenants.filterStatus')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={all}>{t('tenants.allStatuses')}</SelectItem>
                {tenantStatuses.map((value) => (
                  <SelectItem key={value} value={value}>
                    {t(`tenantStatus.${value}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
      />
      <CreateTenantDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}

function tenantColumns(t: Translate, format: Formatters): ColumnDef<PlatformTenant, unknown>[] {
  return [
    {
      id: 'name',
      header: t('tenants.columns.name'),
      cell: ({ row }) => (
        <div className="grid min-w-0">
          <span className="truncate font-medium">{row.original.name}</span>
          <span className="truncate font-mono text-xs text-muted-foreground">{row.original.slug}</span>
        </div>
      ),
    },
    {
      id: 'status',
      header: t('tenants.columns.status'),
      cell: ({ row }) => <TenantStatusBadge status={row.original.status} />,
    },
    {
      id: 'timezone',
      header: t('tenants.columns.timezone'),
      cell: ({ row }) => <span className="text-muted-foreground">{row.original.timezone}</span>,
    },
    {
      id: 'users',
      header: t('tenants.columns.userLimit'),
      cell: ({ row }) => (
        <span className="tabular-nums text-muted-foreground">
          {row.original.limits.users === null
            ? t('common.unlimited')
            : format.number(row.original.limits.users)}
        </span>
      ),
    },
    {
      id: 'created',
      header: t('tenants.columns.created'),
      cell: ({ row }) => (
        <span className="text-muted-foreground">{format.date(row.original.created_at)}</span>
      ),
    },
  ];
}
