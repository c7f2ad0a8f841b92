'use client';

import type { AuditEntry } from '@switchboard/contracts';
import { useCursorList, useTenantKey } from '@/lib/query';

export type AuditFilters = { action?: string; entity_type?: string; from?: string; to?: string };

export function useAuditList(filters: AuditFilters) {
  const key = useTenantKey();
  return useCursorList<AuditEntry>({
    queryKey: key('audit', 'list', filters),
    path: '/api/v1/audit',
    query: filters,
  });
}
