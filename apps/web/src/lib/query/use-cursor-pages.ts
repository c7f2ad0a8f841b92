'use client';

import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type QueryParams } from '@/lib/api/client';
import type { DataTablePagination } from '@/components/ui/data-table';

type CursorPagesOptions = {
  /** Build it with `useTenantKey()` and include the filters; a new key starts again at page 1. */
  queryKey: QueryKey;
  path: string;
  query?: QueryParams;
  pageSize?: number;
  enabled?: boolean;
};

/**
 * Previous/next over a keyset-paginated list: the cursors already visited are kept on a stack, so
 * "previous" goes back without the API needing offsets. Plugs into <DataTable pagination={…} />.
 */
export function useCursorPages<T>({
  queryKey,
  path,
  query,
  pageSize = 25,
  enabled = true,
}: CursorPagesOptions) {
  const scope = JSON.stringify(queryKey);
  const [state, setState] = useState<{ scope: string; cursors: (string | null)[] }>({
    scope,
    cursors: [null],
  });
  // Changing a filter changes the key: start from the first page again.
  const cursors = state.scope === scope ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;

  const result = useQuery({
    queryKey: [...queryKey, 'page', cursor],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api.list<T>(path, { ...query, limit: pageSize, cursor: cursor ?? undefined }, signal),
  });

  const nextCursor = result.data?.nextCursor ?? null;
  const pagination: DataTablePagination = {
    kind: 'pages',
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null && !result.isPlaceholderData,
    fetching: result.isFetching,
    onNext: () => {
      if (nextCursor) setState({ scope, cursors: [...cursors, nextCursor] });
    },
    onPrevious: () => setState({ scope, cursors: cursors.slice(0, -1) }),
  };

  return {
    items: result.data?.items,
    pagination,
    isLoading: result.isPending && enabled,
    error: result.error,
    refetch: () => void result.refetch(),
    isRefetching: result.isRefetching,
  };
}
