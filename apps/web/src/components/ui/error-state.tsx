'use client';

import { AlertTriangle, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/api/errors';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { Button } from './button';

type ErrorStateProps = {
  /** The thrown error; an ApiError shows the API's own message. */
  error?: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
};

export function ErrorState({ error, title, onRetry, retrying, className }: ErrorStateProps) {
  const t = useT();
  return (
    <div
      role="alert"
      className={cn('flex flex-col items-center justify-center gap-3 px-6 py-12 text-center', className)}
    >
      <div className="flex size-11 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <AlertTriangle className="size-5" aria-hidden="true" />
      </div>
      <div className="grid max-w-md gap-1">
        <p className="font-medium">{title ?? t('errors.loadFailed')}</p>
        <p className="text-sm text-muted-foreground">{errorMessage(error, t)}</p>
      </div>
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry} loading={retrying}>
          {retrying ? null : <RotateCw aria-hidden="true" />}
          {t('common.retry')}
        </Button>
      ) : null}
    </div>
  );
}
