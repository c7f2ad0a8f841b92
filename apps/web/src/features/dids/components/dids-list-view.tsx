'use client';

import { destinationTypes, type DestinationType, type Did } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Hash, MessageSquare, Mic, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { describeDestination, destinationTypeLabelKeys, optionsByKey } from '@/features/destinations/describe';
import { FilterSelect, SearchInput, useDebouncedValue } from '@/features/destinations/components/list-filters';
import { useDestinationOptions } from '@/features/destinations/queries';
import { useScheduleOptions } from '@/features/schedules/queries';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useDidList } from '../queries';
import { describeTimeCondition } from './time-condition-label';

export function DidsListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('dids.write');
  const canReadSchedules = usePermission('ivr.read');
  const [search, setSearch] = useState('');
  const [destinationType, setDestinationType] = useState<DestinationType | undefined>();
  const debouncedSearch = useDebouncedValue(search.trim());
  const list = useDidList({ search: debouncedSearch || undefined, destination_type: destinationType });
  const destinations = useDestinationOptions();
  const schedules = useScheduleOptions(canReadSchedules);
  const options = useMemo(() => optionsByKey(destinations.data), [destinations.data]);

  const columns = useMemo<ColumnDef<Did, unknown>[]>(
    () => [
      {
        id: 'number',
        header: t('dids.fields.number'),
        cell: ({ row }) => <span className="font-mono font-medium">{row.original.number}</span>,
      },
      {
        id: 'description',
        header: t('dids.fields.description'),
        cell: ({ row }) => row.original.description ?? <span className="text-muted-foreground">—</span>,
      },
      {
        id: 'destination',
        header: t('dids.fields.destination'),
        cell: ({ row }) => describeDestination(row.original.destination, options, t),
      },
      {
        id: 'time',
        header: t('dids.fields.timeCondition'),
        cell: ({ row }) => describeTimeCondition(row.original.time_condition, schedules.data, t),
      },
      {
        id: 'flags',
        header: t('dids.fields.features'),
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            {!row.original.recording_enabled && !row.original.sms.enabled ? (
              <span className="text-muted-foreground">—</span>
            ) : null}
            {row.original.recording_enabled ? (
              <Badge variant="outline">
                <Mic aria-hidden="true" />
                {t('dids.recording')}
              </Badge>
            ) : null}
            {row.original.sms.enabled ? (
              <Badge variant="default">
                <MessageSquare aria-hidden="true" />
                {t('dids.sms')}
              </Badge>
            ) : null}
          </div>
        ),
      },
    ],
    [t, options, schedules.data],
  );

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/dids/new">
        <Plus aria-hidden="true" />
        {t('dids.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('dids.title')} description={t('dids.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('dids.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/dids/${row.id}`)}
        toolbar={
          <>
            <SearchInput value={search} onChange={setSearch} placeholder={t('dids.searchPlaceholder')} />
            <FilterSelect
              label={t('dids.fields.destination')}
              value={destinationType}
              onChange={setDestinationType}
              options={destinationTypes.map((value) => ({ value, label: t(destinationTypeLabelKeys[value]) }))}
            />
          </>
        }
        empty={
          debouncedSearch || destinationType
            ? { icon: Hash, title: t('dids.emptyFiltered') }
            : { icon: Hash, title: t('dids.empty'), description: t('dids.emptyDescription'), action: createButton }
        }
      />
    </div>
  );
}
