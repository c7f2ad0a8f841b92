'use client';

import Link from 'next/link';
import { AlertTriangle, RotateCw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';

type ErrorViewProps = { error: Error & { digest?: string }; reset: () => void; className?: string };

/** What an error boundary shows: what happened, a reference for support, and a way out. */
export function ErrorView({ error, reset, className }: ErrorViewProps) {
  const t = useT();
  return (
    <div
      role="alert"
      className={cn('flex flex-col items-center justify-center gap-4 px-6 text-center', className)}
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <AlertTriangle className="size-6" aria-hidden="true" />
      </div>
      <div className="grid max-w-md gap-1.5">
        <h1 className="text-xl font-semibold tracking-tight">{t('errors.boundaryTitle')}</h1>
        <p className="text-sm text-muted-foreground">{t('errors.boundaryDescription')}</p>
        {error.digest ? (
          <p className="font-mono text-xs text-muted-foreground">
            {t('errors.reference', { id: error.digest })}
          </p>
        ) : null}
      </div>
      <div className="flex gap-2">
        <Button onClick={reset}>
          <RotateCw aria-hidden="true" />
          {t('common.retry')}
        </Button>
        <Button asChild variant="outline">
          <Link href="/">{t('notFound.home')}</Link>
        </Button>
      </div>
    </div>
  );
}
