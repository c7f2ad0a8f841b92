'use client';

import { weekdays, type Schedule } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { CalendarClock, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { SearchInput, useDebouncedValue } from '@/features/destinations/components/list-filters';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useScheduleList } from '../queries';

export function SchedulesListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('ivr.write');
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim());
  const list = useScheduleList(debouncedSearch || undefined);

  const columns = useMemo<ColumnDef<Schedule, unknown>[]>(
    () => [
      { id: 'name', header: t('schedules.fields.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
      {
        id: 'days',
        header: t('schedules.openDays'),
        cell: ({ row }) =>
          t('schedules.openDaysCount', { count: weekdays.filter((day) => row.original.weekly_hours[day].length > 0).length }),
      },
      {
        id: 'holidays',
        header: t('schedules.sections.holidays'),
        cell: ({ row }) => t('schedules.holidayCount', { count: row.original.holidays.length }),
      },
      { id: 'timezone', header: t('schedules.timezoneLabel'), cell: ({ row }) => row.original.timezone },
    ],
    [t],
  );

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/schedules/new">
        <Plus aria-hidden="true" />
        {t('schedules.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('schedules.title')} description={t('schedules.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('schedules.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/schedules/${row.id}`)}
        toolbar={<SearchInput value={search} onChange={setSearch} placeholder={t('schedules.searchPlaceholder')} />}
        empty={
          debouncedSearch
            ? { icon: CalendarClock, title: t('schedules.emptyFiltered') }
            : { icon: CalendarClock, title: t('schedules.empty'), description: t('schedules.emptyDescription'), action: createButton }
        }
      />
    </div>
  );
}
