'use client';

import { Spinner } from '@/components/ui/spinner';
import { useT } from '@/lib/i18n';

export function FullPageSpinner() {
  const t = useT();
  return (
    <div className="flex min-h-dvh items-center justify-center text-muted-foreground">
      <Spinner className="size-6" label={t('common.loading')} />
    </div>
  );
}
