'use client';

import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '@switchboard/contracts';
import { api, type QueryParams } from '@/lib/api/client';
import type { DataTablePagination } from '@/components/ui/data-table';

type CursorListOptions = {
  /** Build it with `useTenantKey()`; include the filters so each filter set has its own cache. */
  queryKey: QueryKey;
  path: string;
  query?: QueryParams;
  pageSize?: number;
  enabled?: boolean;
};

/**
 * A keyset-paginated list with "Load more": pages are appended, and `pagination` plugs straight
 * into <DataTable pagination={…} />.
 */
export function useCursorList<T>({
  queryKey,
  path,
  query,
  pageSize = 25,
  enabled = true,
}: CursorListOptions) {
  const result = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.list<T>(path, { ...query, limit: pageSize, cursor: pageParam ?? undefined }, signal),
    getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
  });

  const items = result.data?.pages.flatMap((page) => page.items);
  const pagination: DataTablePagination = {
    kind: 'load-more',
    hasMore: Boolean(result.hasNextPage),
    loadingMore: result.isFetchingNextPage,
    onLoadMore: () => void result.fetchNextPage(),
  };

  return {
    items,
    pagination,
    isLoading: result.isPending && enabled,
    error: result.error,
    refetch: () => void result.refetch(),
    isRefetching: result.isRefetching,
  };
}
