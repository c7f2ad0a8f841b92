'use client';

import Link from 'next/link';
import { ArrowRight, Building2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/lib/auth';
import { useFormat, useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { useTenantCountsByStatus } from '../queries';

const statusAccent = {
  active: 'bg-success',
  suspended: 'bg-warning',
  deleted: 'bg-muted-foreground',
} as const;

/** What an operator outside any tenant sees first. */
export function PlatformOverview() {
  const t = useT();
  const format = useFormat();
  const user = useSession();
  const counts = useTenantCountsByStatus(true);

  return (
    <div>
      <PageHeader
        title={t('home.title', { name: user.name })}
        description={t('home.platformDescription')}
        actions={
          <Button asChild>
            <Link href="/tenants">
              {t('home.manageTenants')}
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>{t('home.tenantsByStatus')}</CardTitle>
          <CardDescription>{t('home.platformTitle')}</CardDescription>
        </CardHeader>
        <CardContent>
          {counts.isPending ? (
            <div className="grid gap-4 sm:grid-cols-3">
              {[0, 1, 2].map((index) => (
                <Skeleton key={index} className="h-24" />
              ))}
            </div>
          ) : counts.error ? (
            <ErrorState
              error={counts.error}
              onRetry={() => void counts.refetch()}
              retrying={counts.isRefetching}
            />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-3">
              {counts.data.map((entry) => (
                <li key={entry.status}>
                  <Link
                    href={`/tenants?status=${entry.status}`}
                    className="group flex flex-col gap-3 rounded-lg border p-4 transition-colors outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    <span className="flex items-center gap-2 text-sm text-muted-foreground">
                      <span
                        className={cn('size-2 rounded-full', statusAccent[entry.status])}
                        aria-hidden="true"
                      />
                      {t(`tenantStatus.${entry.status}`)}
                    </span>
                    <span className="flex items-end justify-between">
                      <span className="text-3xl font-semibold tabular-nums">
                        {format.number(entry.count)}
                        {entry.more ? '+' : ''}
                      </span>
                      <Building2
                        className="size-5 text-muted-foreground transition-colors group-hover:text-foreground"
                        aria-hidden="true"
                      />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
