'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from '@tanstack/react-table';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { Button } from './button';
import { EmptyState, type EmptyStateProps } from './empty-state';
import { ErrorState } from './error-state';
import { Skeleton } from './skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table';

/** Cursor lists append pages ("Load more"); `pages` walks a cursor stack back and forth. */
export type DataTablePagination =
  | { kind: 'load-more'; hasMore: boolean; loadingMore: boolean; onLoadMore: () => void }
  | {
      kind: 'pages';
      page: number;
      hasPrevious: boolean;
      hasNext: boolean;
      fetching: boolean;
      onPrevious: () => void;
      onNext: () => void;
    };

export type DataTableProps<T> = {
  columns: ColumnDef<T, unknown>[];
  data: T[] | undefined;
  getRowId: (row: T) => string;
  /** Read by screen readers as the table's name. */
  caption: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty: EmptyStateProps;
  pagination?: DataTablePagination;
  onRowClick?: (row: T) => void;
  /** Shown above the table: search box, filters. */
  toolbar?: ReactNode;
  className?: string;
};

const skeletonRows = 5;

export function DataTable<T>({
  columns,
  data,
  getRowId,
  caption,
  loading,
  error,
  onRetry,
  empty,
  pagination,
  onRowClick,
  toolbar,
  className,
}: DataTableProps<T>) {
  const table = useReactTable({
    data: data ?? [],
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
  });
  const columnCount = table.getVisibleLeafColumns().length;
  const rows = table.getRowModel().rows;
  const showError = Boolean(error) && rows.length === 0;

  return (
    <div className={cn('overflow-hidden rounded-xl border bg-card shadow-xs', className)}>
      {toolbar ? <div className="flex flex-wrap items-center gap-2 border-b p-3">{toolbar}</div> : null}
      <Table aria-busy={loading || undefined}>
        <caption className="sr-only">{caption}</caption>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => (
                <TableHead key={header.id} style={sizeStyle(header.column.columnDef.size)}>
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {loading && rows.length === 0 ? (
            <SkeletonRows columns={columnCount} />
          ) : showError ? (
            <FullRow columns={columnCount}>
              <ErrorState error={error} onRetry={onRetry} />
            </FullRow>
          ) : rows.length === 0 ? (
            <FullRow columns={columnCount}>
              <EmptyState {...empty} />
            </FullRow>
          ) : (
            rows.map((row) => <DataRow key={row.id} row={row} onRowClick={onRowClick} />)
          )}
        </TableBody>
      </Table>
      {pagination && rows.length > 0 ? <PaginationBar pagination={pagination} /> : null}
    </div>
  );
}

function sizeStyle(size: number | undefined) {
  // TanStack gives every column a default size of 150; only explicit sizes should fix a width.
  return size && size !== 150 ? { width: size } : undefined;
}

function DataRow<T>({ row, onRowClick }: { row: Row<T>; onRowClick?: (row: T) => void }) {
  return (
    <TableRow
      className={cn(onRowClick && 'cursor-pointer')}
      onClick={onRowClick ? () => onRowClick(row.original) : undefined}
    >
      {row.getVisibleCells().map((cell) => (
        <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
      ))}
    </TableRow>
  );
}

function FullRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <TableRow className="hover:bg-transparent">
      <TableCell colSpan={columns} className="p-0">
        {children}
      </TableCell>
    </TableRow>
  );
}

function SkeletonRows({ columns }: { columns: number }) {
  return Array.from({ length: skeletonRows }, (_, rowIndex) => (
    <TableRow key={rowIndex} className="hover:bg-transparent">
      {Array.from({ length: columns }, (_, columnIndex) => (
        <TableCell key={columnIndex}>
          <Skeleton className={cn('h-4', columnIndex === 0 ? 'w-40' : 'w-24')} />
        </TableCell>
      ))}
    </TableRow>
  ));
}

function PaginationBar({ pagination }: { pagination: DataTablePagination }) {
  const t = useT();
  if (pagination.kind === 'load-more') {
    if (!pagination.hasMore) return null;
    return (
      <div className="flex justify-center border-t p-3">
        <Button variant="outline" size="sm" loading={pagination.loadingMore} onClick={pagination.onLoadMore}>
          {t('table.loadMore')}
        </Button>
      </div>
    );
  }
  return (
    <nav
      aria-label={t('table.pagination')}
      className="flex items-center justify-between gap-2 border-t px-4 py-3"
    >
      <span className="text-sm text-muted-foreground">{t('table.page', { page: pagination.page })}</span>
      <div className="flex gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={!pagination.hasPrevious || pagination.fetching}
          onClick={pagination.onPrevious}
        >
          <ChevronLeft aria-hidden="true" />
          {t('table.previous')}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={!pagination.hasNext || pagination.fetching}
          onClick={pagination.onNext}
        >
          {t('table.next')}
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </nav>
  );
}
