'use client';

import { featureKeys } from '@switchboard/contracts';
import { CheckCircle2, CircleSlash } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';

/** The tenant's feature flags as the session carries them (the same flags the API enforces). */
export function FeaturesCard({ features }: { features: Record<string, boolean> | null }) {
  const t = useT();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('home.featuresTitle')}</CardTitle>
        <CardDescription>{t('home.featuresDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2.5">
          {featureKeys.map((key) => {
            const enabled = Boolean(features?.[key]);
            const Icon = enabled ? CheckCircle2 : CircleSlash;
            return (
              <li key={key} className="flex items-center justify-between gap-3 text-sm">
                <span className={cn('flex items-center gap-2.5', !enabled && 'text-muted-foreground')}>
                  <Icon
                    className={cn('size-4', enabled ? 'text-success' : 'text-muted-foreground')}
                    aria-hidden="true"
                  />
                  {t(`features.${key}`)}
                </span>
                <span className={cn('text-xs', enabled ? 'text-success' : 'text-muted-foreground')}>
                  {enabled ? t('common.enabled') : t('common.disabled')}
                </span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
