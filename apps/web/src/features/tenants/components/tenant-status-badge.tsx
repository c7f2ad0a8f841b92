'use client';

import { Badge } from '@/components/ui/badge';
import { useT } from '@/lib/i18n';
import type { TenantStatus } from '../queries';

const variants = { active: 'success', suspended: 'warning', deleted: 'secondary' } as const;

export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const t = useT();
  return <Badge variant={variants[status]}>{t(`tenantStatus.${status}`)}</Badge>;
}
