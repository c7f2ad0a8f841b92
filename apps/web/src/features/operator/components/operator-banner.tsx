'use client';

import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/errors';
import { useAuth, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';

/** Impossible to miss: an operator inside a tenant acts with that tenant's data. */
export function OperatorBanner() {
  const t = useT();
  const user = useSession();
  const { exitTenant } = useAuth();
  const [pending, setPending] = useState(false);
  if (!user.acting_as_operator) return null;

  const exit = async () => {
    setPending(true);
    try {
      await exitTenant();
      toast.success(t('shell.exitedTenant'));
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 bg-operator px-4 py-2 text-sm text-operator-foreground lg:px-6"
    >
      <div className="flex min-w-0 items-center gap-2">
        <ShieldAlert className="size-4 shrink-0" aria-hidden="true" />
        <p className="min-w-0">
          <strong className="font-semibold">{t('shell.actingAs', { tenant: user.tenant_name ?? '' })}</strong>
          <span className="hidden md:inline"> · {t('shell.actingAsHint')}</span>
        </p>
      </div>
      <Button
        size="sm"
        variant="outline"
        loading={pending}
        onClick={() => void exit()}
        className="h-7 border-operator-foreground/30 bg-transparent text-operator-foreground hover:bg-operator-foreground/10 hover:text-operator-foreground"
      >
        {t('shell.exitTenant')}
      </Button>
    </div>
  );
}
