'use client';

import { Lock } from 'lucide-react';
import { Card, CardContent } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { hasPermission, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useOwnTenant, useTenantUsage } from '../queries';
import { AccountCard } from './account-card';
import { FeaturesCard } from './features-card';
import { PlatformOverview } from './platform-overview';
import { UsageCard } from './usage-card';

export function HomeView() {
  const user = useSession();
  if (!user.tenant_id) return <PlatformOverview />;
  return <TenantHome />;
}

function TenantHome() {
  const t = useT();
  const user = useSession();
  const canReadTenant = hasPermission(user, 'tenant.read');
  const tenant = useOwnTenant(canReadTenant);
  const usage = useTenantUsage(canReadTenant);
  const tenantName = tenant.data?.name ?? user.tenant_name ?? '';
  const timeZone = tenant.data?.timezone ?? user.tenant_timezone;

  return (
    <div className="grid gap-6">
      <PageHeader
        title={t('home.title', { name: user.name })}
        description={
          <>
            {t('home.description', { tenant: tenantName })}
            {timeZone ? (
              <span className="ml-2 text-xs">· {t('home.timezone', { zone: timeZone })}</span>
            ) : null}
          </>
        }
        className="pb-0"
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {canReadTenant ? (
            <UsageCard
              usage={usage.data}
              loading={usage.isPending}
              error={usage.error}
              onRetry={() => void usage.refetch()}
              retrying={usage.isRefetching}
            />
          ) : (
            <Card>
              <CardContent className="flex items-center gap-3 text-sm text-muted-foreground">
                <Lock className="size-4 shrink-0" aria-hidden="true" />
                {t('home.noTenantAccess')}
              </CardContent>
            </Card>
          )}
        </div>
        <div className="grid content-start gap-6">
          <FeaturesCard features={tenant.data?.features ?? user.features} />
          <AccountCard />
        </div>
      </div>
    </div>
  );
}
