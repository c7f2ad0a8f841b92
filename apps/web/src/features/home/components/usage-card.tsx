'use client';

import { limitKeys, type TenantUsage } from '@switchboard/contracts';
import { Gauge } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Progress } from '@/components/ui/progress';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { useFormat, useT } from '@/lib/i18n';

type UsageCardProps = {
  usage: TenantUsage | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
};

const nearLimitRatio = 0.8;

export function UsageCard({ usage, loading, error, onRetry, retrying }: UsageCardProps) {
  const t = useT();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('home.usageTitle')}</CardTitle>
        <CardDescription>{t('home.usageDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        {loading ? (
          <UsageSkeleton />
        ) : error ? (
          <ErrorState error={error} onRetry={onRetry} retrying={retrying} className="py-6" />
        ) : !usage || Object.keys(usage).length === 0 ? (
          <EmptyState icon={Gauge} title={t('errors.loadFailed')} className="py-6" />
        ) : (
          <ul className="grid gap-x-8 gap-y-5 sm:grid-cols-2">
            {limitKeys.map((key) => {
              const item = usage[key];
              return item ? (
                <UsageRow key={key} label={t(`limits.${key}`)} used={item.used} limit={item.limit} />
              ) : null;
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function UsageRow({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const t = useT();
  const format = useFormat();
  const ratio = limit === null ? 0 : limit === 0 ? 1 : used / limit;
  const atLimit = limit !== null && used >= limit;
  const near = !atLimit && ratio >= nearLimitRatio;
  const figures =
    limit === null
      ? t('home.usageUnlimited', { used: format.number(used) })
      : t('home.usageOf', { used: format.number(used), limit: format.number(limit) });

  return (
    <li className="grid gap-2">
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="flex items-center gap-2 text-muted-foreground tabular-nums">
          {atLimit ? <Badge variant="destructive">{t('home.atLimit')}</Badge> : null}
          {near ? <Badge variant="warning">{t('home.nearLimit')}</Badge> : null}
          {figures}
        </span>
      </div>
      <Progress
        value={limit === null ? 0 : Math.min(used, limit)}
        max={limit === null || limit === 0 ? 1 : limit}
        tone={atLimit ? 'destructive' : near ? 'warning' : 'default'}
        aria-label={`${label}: ${figures}`}
      />
    </li>
  );
}

function UsageSkeleton() {
  return (
    <div className="grid gap-x-8 gap-y-5 sm:grid-cols-2">
      {limitKeys.map((key) => (
        <div key={key} className="grid gap-2">
          <div className="flex justify-between">
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-4 w-16" />
          </div>
          <Skeleton className="h-2 w-full" />
        </div>
      ))}
    </div>
  );
}
