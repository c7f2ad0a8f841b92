'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { usePermission, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { TenantSettingsView } from './tenant-settings-view';

/** `/settings`: the organisation's settings, or straight to the own profile for those without them. */
export function SettingsHome() {
  const t = useT();
  const router = useRouter();
  const user = useSession();
  const canReadTenant = usePermission('tenant.read') && Boolean(user.tenant_id);
  useEffect(() => {
    if (!canReadTenant) router.replace('/settings/profile');
  }, [canReadTenant, router]);
  return canReadTenant ? (
    <TenantSettingsView />
  ) : (
    <div className="flex justify-center py-16 text-muted-foreground">
      <Spinner className="size-6" label={t('common.loading')} />
    </div>
  );
}
