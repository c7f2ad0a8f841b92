'use client';

import { endpointKinds, type Endpoint, type EndpointKind } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Phone, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { FilterSelect, SearchInput, useDebouncedValue } from '@/features/destinations/components/list-filters';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useEndpointList, type EndpointFilters } from '../queries';
import { endpointKindLabelKeys } from './endpoint-kind';
import { RegistrationBadge } from './registration-badge';

export function EndpointsListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('endpoints.write');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<EndpointKind | undefined>();
  const [enabled, setEnabled] = useState<'true' | 'false' | undefined>();
  const debouncedSearch = useDebouncedValue(search.trim());
  const filters: EndpointFilters = { kind, enabled, search: debouncedSearch || undefined };
  const list = useEndpointList(filters);
  const filtered = Boolean(kind || enabled || debouncedSearch);

  const columns = useMemo<ColumnDef<Endpoint, unknown>[]>(
    () => [
      {
        id: 'extension',
        header: t('endpoints.fields.extension'),
        cell: ({ row }) => <span className="font-mono font-medium">{row.original.extension}</span>,
        size: 110,
      },
      { id: 'name', header: t('endpoints.fields.displayName'), cell: ({ row }) => row.original.display_name },
      {
        id: 'kind',
        header: t('endpoints.fields.kind'),
        cell: ({ row }) => <Badge variant="outline">{t(endpointKindLabelKeys[row.original.kind])}</Badge>,
      },
      {
        id: 'registration',
        header: t('endpoints.registration.title'),
        cell: ({ row }) => <RegistrationBadge registration={row.original.registration} reachability={row.original.reachability} />,
      },
      {
        id: 'enabled',
        header: t('endpoints.fields.enabled'),
        cell: ({ row }) =>
          row.original.enabled ? (
            <Badge variant="success">{t('common.enabled')}</Badge>
          ) : (
            <Badge variant="secondary">{t('common.disabled')}</Badge>
          ),
      },
    ],
    [t],
  );

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/endpoints/new">
        <Plus aria-hidden="true" />
        {t('endpoints.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('endpoints.title')} description={t('endpoints.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('endpoints.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/endpoints/${row.id}`)}
        toolbar={
          <>
            <SearchInput value={search} onChange={setSearch} placeholder={t('endpoints.searchPlaceholder')} />
            <FilterSelect
              label={t('endpoints.fields.kind')}
              value={kind}
              onChange={setKind}
              options={endpointKinds.map((value) => ({ value, label: t(endpointKindLabelKeys[value]) }))}
            />
            <FilterSelect
              label={t('endpoints.fields.enabled')}
              value={enabled}
              onChange={setEnabled}
              options={[
                { value: 'true', label: t('common.enabled') },
                { value: 'false', label: t('common.disabled') },
              ]}
            />
          </>
        }
        empty={
          filtered
            ? { icon: Phone, title: t('endpoints.emptyFiltered') }
            : {
                icon: Phone,
                title: t('endpoints.empty'),
                description: t('endpoints.emptyDescription'),
                action: createButton,
              }
        }
      />
    </div>
  );
}
