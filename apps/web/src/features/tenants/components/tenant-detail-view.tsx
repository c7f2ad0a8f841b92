'use client';

import { ArrowLeft, Building2 } from 'lucide-react';
import Link from 'next/link';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { UsageCard } from '@/features/home/components/usage-card';
import { isApiError } from '@/lib/api/errors';
import { useFormat, useT } from '@/lib/i18n';
import { useTenant, useTenantUsageOf } from '../queries';
import { TenantFeaturesCard } from './tenant-features-card';
import { TenantLifecycleActions } from './tenant-lifecycle-actions';
import { TenantLimitsForm } from './tenant-limits-form';
import { TenantProfileForm } from './tenant-profile-form';
import { TenantStatusBadge } from './tenant-status-badge';

export function TenantDetailView({ id }: { id: string }) {
  const t = useT();
  const format = useFormat();
  const tenant = useTenant(id);
  const usage = useTenantUsageOf(id);
  useBreadcrumbs(tenant.data ? [{ label: tenant.data.name }] : null);

  if (tenant.isPending) {
    return (
      <div className="grid gap-6" aria-busy="true">
        <Skeleton className="h-8 w-72" />
        <div className="grid gap-6 lg:grid-cols-3">
          <Skeleton className="h-72 lg:col-span-2" />
          <Skeleton className="h-72" />
        </div>
      </div>
    );
  }
  if (tenant.error) {
    return isApiError(tenant.error, 'NOT_FOUND') ? (
      <EmptyState
        icon={Building2}
        title={t('tenants.notFound')}
        action={
          <Button asChild variant="outline">
            <Link href="/tenants">{t('tenants.backToList')}</Link>
          </Button>
        }
      />
    ) : (
      <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} retrying={tenant.isRefetching} />
    );
  }

  const data = tenant.data;
  return (
    <div className="grid gap-6">
      <PageHeader
        className="pb-0"
        title={
          <span className="flex flex-wrap items-center gap-3">
            {data.name}
            <TenantStatusBadge status={data.status} />
          </span>
        }
        description={
          <>
            <span className="font-mono">{data.slug}</span> · {data.timezone} ·{' '}
            {t('tenants.createdOn', { date: format.date(data.created_at) })}
          </>
        }
        actions={
          <>
            <Button asChild variant="ghost">
              <Link href="/tenants">
                <ArrowLeft aria-hidden="true" />
                {t('tenants.backToList')}
              </Link>
            </Button>
            <TenantLifecycleActions tenant={data} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          <TenantProfileForm tenant={data} />
          <UsageCard
            usage={usage.data}
            loading={usage.isPending}
            error={usage.error}
            onRetry={() => void usage.refetch()}
            retrying={usage.isRefetching}
          />
          <TenantLimitsForm tenantId={data.id} limits={data.limits} />
        </div>
        <div className="grid content-start gap-6">
          <TenantFeaturesCard tenantId={data.id} features={data.features} />
        </div>
      </div>
    </div>
  );
}
