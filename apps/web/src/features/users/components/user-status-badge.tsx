'use client';

import type { UserStatus } from '@switchboard/contracts';
import { Badge } from '@/components/ui/badge';
import { useT } from '@/lib/i18n';

export function UserStatusBadge({ status }: { status: UserStatus }) {
  const t = useT();
  return (
    <Badge variant={status === 'active' ? 'success' : 'secondary'}>
      {status === 'active' ? t('users.status.active') : t('users.status.disabled')}
    </Badge>
  );
}
