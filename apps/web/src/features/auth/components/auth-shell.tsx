'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { FullPageSpinner } from '@/components/shell/full-page-spinner';
import { safeNextPath, useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';

/**
 * The frame of the sign-in pages. A visitor who already has a session (or just signed in) goes on
 * to where they were heading.
 */
export function AuthShell({ children }: { children: ReactNode }) {
  const t = useT();
  const { status } = useAuth();
  const router = useRouter();
  const searchParams = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));

  useEffect(() => {
    if (status === 'authenticated') router.replace(next);
  }, [status, router, next]);

  if (status !== 'signed-out') return <FullPageSpinner />;

  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-80 bg-gradient-to-b from-primary/8 to-transparent"
      />
      <div className="relative flex w-full max-w-sm flex-col items-center gap-6">
        <div className="flex items-center gap-2.5 text-lg font-semibold tracking-tight">
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-lg bg-primary text-base font-bold text-primary-foreground"
          >
            S
          </span>
          {t('app.name')}
        </div>
        <main className="w-full">{children}</main>
        <p className="text-center text-xs text-muted-foreground">{t('app.tagline')}</p>
      </div>
    </div>
  );
}

type AuthCardProps = { title: ReactNode; description?: ReactNode; children: ReactNode; footer?: ReactNode };

export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  return (
    <div className="grid gap-4">
      <div className="grid gap-6 rounded-xl border bg-card p-6 shadow-sm sm:p-8">
        <div className="grid gap-1.5 text-center">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {children}
      </div>
      {footer ? <div className="text-center text-sm text-muted-foreground">{footer}</div> : null}
    </div>
  );
}
