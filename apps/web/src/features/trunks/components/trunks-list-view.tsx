'use client';

import { trunkKinds, type Trunk, type TrunkKind } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Cable, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { FilterSelect, SearchInput, useDebouncedValue } from '@/features/destinations/components/list-filters';
import { usePermission } from '@/lib/auth';
import { useT, type MessageKey } from '@/lib/i18n';
import { useTrunkList } from '../queries';
import { SharedBadge } from './shared-badge';

function kindLabelKey(value: TrunkKind): MessageKey {
  return value === 'registration' ? 'trunks.kinds.registration' : 'trunks.kinds.ip';
}

export function TrunksListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('trunks.write');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<TrunkKind | undefined>();
  const debouncedSearch = useDebouncedValue(search.trim());
  const list = useTrunkList({ search: debouncedSearch || undefined, kind });

  const columns = useMemo<ColumnDef<Trunk, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('trunks.fields.name'),
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{row.original.name}</span>
            {row.original.read_only ? <SharedBadge /> : row.original.shared ? <Badge variant="outline">{t('trunks.sharedOwn')}</Badge> : null}
          </span>
        ),
      },
      { id: 'kind', header: t('trunks.fields.kind'), cell: ({ row }) => t(kindLabelKey(row.original.kind)) },
      {
        id: 'host',
        header: t('trunks.fields.host'),
        cell: ({ row }) =>
          row.original.host ? (
            <span className="font-mono text-xs">
              {row.original.host}:{row.original.port} · {row.original.transport?.toUpperCase()}
            </span>
          ) : (
            <span className="text-muted-foreground">{t('trunks.hidden')}</span>
          ),
      },
      {
        id: 'callerId',
        header: t('trunks.fields.outboundCallerId'),
        cell: ({ row }) => row.original.outbound_caller_id ?? <span className="text-muted-foreground">—</span>,
      },
      {
        id: 'enabled',
        header: t('trunks.fields.enabled'),
        cell: ({ row }) =>
          row.original.enabled ? <Badge variant="success">{t('common.enabled')}</Badge> : <Badge variant="secondary">{t('common.disabled')}</Badge>,
      },
    ],
    [t],
  );

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/trunks/new">
        <Plus aria-hidden="true" />
        {t('trunks.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('trunks.title')} description={t('trunks.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('trunks.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/trunks/${row.id}`)}
        toolbar={
          <>
            <SearchInput value={search} onChange={setSearch} placeholder={t('trunks.searchPlaceholder')} />
            <FilterSelect
              label={t('trunks.fields.kind')}
              value={kind}
              onChange={setKind}
              options={trunkKinds.map((value) => ({ value, label: t(kindLabelKey(value)) }))}
            />
          </>
        }
        empty={
          debouncedSearch || kind
            ? { icon: Cable, title: t('trunks.emptyFiltered') }
            : { icon: Cable, title: t('trunks.empty'), description: t('trunks.emptyDescription'), action: createButton }
        }
      />
    </div>
  );
}
