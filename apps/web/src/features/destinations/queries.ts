'use client';

import {
  destinationOptionSchema,
  type Destination,
  type DestinationInput,
  type DestinationOption,
} from '@switchboard/contracts';
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

/** `queue:<id>`, `endpoint:<id>`… identifies a stored destination across the picker and lists. */
export function destinationKey(destination: Destination | DestinationInput): string | null {
  switch (destination.type) {
    case 'queue':
      return `queue:${destination.queue_id}`;
    case 'endpoint':
      return `endpoint:${destination.endpoint_id}`;
    case 'voicemail':
      return `voicemail:${destination.endpoint_id}`;
    case 'ivr':
      return `ivr:${destination.ivr_menu_id}`;
    default:
      return null;
  }
}

export function optionsByKey(options: DestinationOption[] | undefined): Map<string, DestinationOption> {
  const map = new Map<string, DestinationOption>();
  for (const option of options ?? []) {
    const key = destinationKey(option.destination);
    if (key) map.set(key, option);
  }
  return map;
}
