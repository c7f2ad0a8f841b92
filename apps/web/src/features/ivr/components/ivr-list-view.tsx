'use client';

import type { IvrMenu } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { Plus, Workflow } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { SearchInput, useDebouncedValue } from '@/features/destinations/components/list-filters';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useIvrMenuList } from '../queries';

export function IvrListView() {
  const t = useT();
  const router = useRouter();
  const canWrite = usePermission('ivr.write');
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim());
  const list = useIvrMenuList(debouncedSearch || undefined);

  const columns = useMemo<ColumnDef<IvrMenu, unknown>[]>(
    () => [
      { id: 'name', header: t('ivr.fields.name'), cell: ({ row }) => <span className="font-medium">{row.original.name}</span> },
      {
        id: 'greeting',
        header: t('ivr.fields.greeting'),
        cell: ({ row }) => {
          const greeting = row.original.greeting;
          if (!greeting) return <span className="text-muted-foreground">{t('ivr.greeting.none')}</span>;
          return greeting.type === 'sound' ? <span className="font-mono text-xs">{greeting.name}</span> : t('ivr.greeting.audio');
        },
      },
      {
        id: 'options',
        header: t('ivr.sections.options'),
        cell: ({ row }) => (
          <div className="flex flex-wrap gap-1">
            {row.original.options.map((option) => (
              <Badge key={option.digit} variant="outline" className="font-mono">
                {option.digit}
              </Badge>
            ))}
          </div>
        ),
      },
      { id: 'timeout', header: t('ivr.fields.timeout'), cell: ({ row }) => t('telephony.seconds', { count: row.original.timeout_seconds }) },
      {
        id: 'enabled',
        header: t('ivr.fields.enabled'),
        cell: ({ row }) =>
          row.original.enabled ? <Badge variant="success">{t('common.enabled')}</Badge> : <Badge variant="secondary">{t('common.disabled')}</Badge>,
      },
    ],
    [t],
  );

  const createButton = canWrite ? (
    <Button asChild>
      <Link href="/ivr/new">
        <Plus aria-hidden="true" />
        {t('ivr.new')}
      </Link>
    </Button>
  ) : null;

  return (
    <div className="grid gap-4">
      <PageHeader title={t('ivr.title')} description={t('ivr.description')} actions={createButton} className="pb-2" />
      <DataTable
        caption={t('ivr.title')}
        columns={columns}
        data={list.items}
        getRowId={(row) => row.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={(row) => router.push(`/ivr/${row.id}`)}
        toolbar={<SearchInput value={search} onChange={setSearch} placeholder={t('ivr.searchPlaceholder')} />}
        empty={
          debouncedSearch
            ? { icon: Workflow, title: t('ivr.emptyFiltered') }
            : { icon: Workflow, title: t('ivr.empty'), description: t('ivr.emptyDescription'), action: createButton }
        }
      />
    </div>
  );
}
