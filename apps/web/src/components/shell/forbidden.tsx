'use client';

import Link from 'next/link';
import { ShieldOff } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useT } from '@/lib/i18n';

/** Shown in place of a page whose permission or feature the user lacks. */
export function Forbidden() {
  const t = useT();
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-6 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <ShieldOff className="size-6" aria-hidden="true" />
      </div>
      <div className="grid max-w-md gap-1.5">
        <h1 className="text-xl font-semibold">{t('forbidden.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('forbidden.description')}</p>
      </div>
      <Button asChild variant="outline">
        <Link href="/">{t('forbidden.home')}</Link>
      </Button>
    </div>
  );
}
