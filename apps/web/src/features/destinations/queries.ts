'use client';

import { destinationOptionSchema, type DestinationOption } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api/client';
import { useTenantKey } from '@/lib/query';

const optionListSchema = z.array(destinationOptionSchema);
/** A tenant rarely has more; past this many the picker still works, later items show by id. */
const maxPages = 5;
const pageSize = 100;

async function fetchAllOptions(signal: AbortSignal): Promise<DestinationOption[]> {
  const options: DestinationOption[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: { items: unknown[]; nextCursor: string | null } = await api.list<unknown>(
      '/api/v1/destinations',
      { limit: pageSize, cursor: cursor ?? undefined },
      signal,
    );
    options.push(...optionListSchema.parse(result.items));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return options;
}

/** Everything a call can be sent to, for pickers and for naming destinations in lists. */
export function useDestinationOptions() {
  const key = useTenantKey();
  return useQuery({
    queryKey: key('destinations'),
    queryFn: ({ signal }) => fetchAllOptions(signal),
    staleTime: 30_000,
  });
}
