'use client';

import type { AuditEntry } from '@switchboard/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import { ChevronRight, ScrollText, Search } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { DateRangePicker, type DateRange } from '@/components/ui/date-range-picker';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { useFormat, useT, type Formatters, type Translate } from '@/lib/i18n';
import { useAuditList, type AuditFilters } from '../queries';
import { AuditEntrySheet } from './audit-entry-sheet';

/** Whole days as the user picked them: from the first day's start to the last day's end. */
function rangeQuery(range: DateRange | undefined): Pick<AuditFilters, 'from' | 'to'> {
  if (!range?.from) return {};
  const end = new Date(range.to ?? range.from);
  end.setHours(23, 59, 59, 999);
  return { from: range.from.toISOString(), to: end.toISOString() };
}

export function AuditView() {
  const t = useT();
  const format = useFormat();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [range, setRange] = useState<DateRange | undefined>();
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const deferredAction = useDeferredValue(action.trim());
  const deferredEntity = useDeferredValue(entityType.trim());
  const filters: AuditFilters = {
    action: deferredAction || undefined,
    entity_type: deferredEntity || undefined,
    ...rangeQuery(range),
  };
  const filtered = Boolean(filters.action || filters.entity_type || filters.from);
  const list = useAuditList(filters);
  const columns = useMemo(() => auditColumns(t, format, setOpen), [t, format]);

  return (
    <div>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <DataTable
        caption={t('audit.title')}
        columns={columns}
        data={list.items}
        getRowId={(entry) => entry.id}
        loading={list.isLoading}
        error={list.error}
        onRetry={list.refetch}
        pagination={list.pagination}
        onRowClick={setOpen}
        empty={
          filtered
            ? { icon: Search, title: t('audit.noMatch'), description: t('audit.noMatchDescription') }
            : { icon: ScrollText, title: t('audit.empty'), description: t('audit.emptyDescription') }
        }
        toolbar={
          <>
            <Input
              value={action}
              onChange={(event) => setAction(event.target.value)}
              placeholder={t('audit.actionPlaceholder')}
              aria-label={t('audit.filterAction')}
              className="w-full font-mono sm:w-56"
            />
            <Input
              value={entityType}
              onChange={(event) => setEntityType(event.target.value)}
              placeholder={t('audit.entityPlaceholder')}
              aria-label={t('audit.filterEntity')}
              className="w-full font-mono sm:w-44"
            />
            <DateRangePicker value={range} onChange={setRange} label={t('audit.filterDates')} />
          </>
        }
      />
      <AuditEntrySheet entry={open} onClose={() => setOpen(null)} />
    </div>
  );
}

function auditColumns(
  t: Translate,
  format: Formatters,
  onOpen: (entry: AuditEntry) => void,
): ColumnDef<AuditEntry, unknown>[] {
  return [
    {
      id: 'when',
      header: t('audit.columns.when'),
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums" title={row.original.created_at}>
          {format.dateTime(row.original.created_at)}
        </span>
      ),
    },
    {
      id: 'actor',
      header: t('audit.columns.actor'),
      cell: ({ row }) =>
        row.original.actor_email ?? <span className="text-muted-foreground">{t('audit.system')}</span>,
    },
    {
      id: 'action',
      header: t('audit.columns.action'),
      cell: ({ row }) => (
        <Badge variant="secondary" className="font-mono">
          {row.original.action}
        </Badge>
      ),
    },
    {
      id: 'entity',
      header: t('audit.columns.entity'),
      cell: ({ row }) => (
        <span className="grid">
          <span>{row.original.entity_type}</span>
          {row.original.entity_id ? (
            <span className="truncate font-mono text-xs text-muted-foreground">{row.original.entity_id}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'details',
      header: () => <span className="sr-only">{t('audit.columns.details')}</span>,
      size: 56,
      cell: ({ row }) => (
        <div className="flex justify-end">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('audit.showDetails', { action: row.original.action })}
            onClick={(event) => {
              event.stopPropagation();
              onOpen(row.original);
            }}
          >
            <ChevronRight aria-hidden="true" />
          </Button>
        </div>
      ),
    },
  ];
}
