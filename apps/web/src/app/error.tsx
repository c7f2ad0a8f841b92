'use client';

import Link from 'next/link';
import { AlertTriangle, RotateCw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n';

type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/** Catches render errors anywhere below the root layout; the shell's providers stay up. */
export default function ErrorBoundary({ error, reset }: ErrorBoundaryProps) {
  const t = useT();
  return (
    <main
      role="alert"
      className="flex min-h-[70dvh] flex-col items-center justify-center gap-4 px-6 text-center"
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
    </main>
  );
}
