'use client';

import { queueStrategies, type Queue, type QueueStrategy } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Coffee, ListOrdered, Plus } from 'lucide-react';
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
import { useQueueList } from '../queries';
import { strategyLabelKeys } from '../strategy';

export function QueuesListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('queues.write');
  const [search, setSearch] = useState('');
  const [strategy, setStrategy] = useState<QueueStrategy | undefined>();
  const debouncedSearch = useDebouncedValue(search.trim());
  const list = useQueueList({ search: debouncedSearch || undefined, strategy });

  const columns = useMemo<ColumnDef<Queue, unknown>[]>(
    () => [
      { id: 'name', header: t('queues.fields.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
      { id: 'strategy', header: t('queues.fields.strategy'), cell: ({ row }) => t(strategyLabelKeys[row.original.strategy]) },
      {
        id: 'members',
        header: t('queues.fields.members'),
        cell: ({ row }) => t('queues.memberCount', { count: row.original.member_count }),
      },
      {
        id: 'sl',
        header: t('queues.fields.serviceLevel'),
        cell: ({ row }) => t('telephony.seconds', { count: row.original.service_level_seconds }),
      },
      {
        id: 'enabled',
        header: t('queues.fields.enabled'),
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
      <Link href="/queues/new">
        <Plus aria-hidden="true" />
        {t('queues.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader
        title={t('queues.title')}
        description={t('queues.description')}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href="/queues/pause-reasons">
                <Coffee aria-hidden="true" />
                {t('pauseReasons.title')}
              </Link>
            </Button>
            {createButton}
          </>
        }
        className="pb-2"
      />
      <DataTable
        caption={t('queues.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/queues/${row.id}`)}
        toolbar={
          <>
            <SearchInput value={search} onChange={setSearch} placeholder={t('queues.searchPlaceholder')} />
            <FilterSelect
              label={t('queues.fields.strategy')}
              value={strategy}
              onChange={setStrategy}
              options={queueStrategies.map((value) => ({ value, label: t(strategyLabelKeys[value]) }))}
            />
          </>
        }
        empty={
          debouncedSearch || strategy
            ? { icon: ListOrdered, title: t('queues.emptyFiltered') }
            : { icon: ListOrdered, title: t('queues.empty'), description: t('queues.emptyDescription'), action: createButton }
        }
      />
    </div>
  );
}
