'use client';

import { Eye, EyeOff, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/errors';
import { usePermission } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useEndpointPassword } from '../queries';
import { CopyButton } from './copy-button';

/** A revealed password hides itself again, so it does not stay on a screen left unattended. */
const revealForMs = 30_000;

/**
 * Reveal and regenerate the SIP password. Both are audited by the API and need endpoints.write;
 * each asks first, because revealing leaves a trace and regenerating logs the phone out.
 */
export function PasswordActions({ endpointId }: { endpointId: string }) {
  const t = useT();
  const canWrite = usePermission('endpoints.write');
  const reveal = useEndpointPassword(endpointId, 'reveal-password');
  const regenerate = useEndpointPassword(endpointId, 'regenerate-password');
  const [password, setPassword] = useState<string | null>(null);

  useEffect(() => {
    if (!password) return;
    const timer = setTimeout(() => setPassword(null), revealForMs);
    return () => clearTimeout(timer);
  }, [password]);

  if (!canWrite) return <span className="text-sm text-muted-foreground">{t('endpoints.password.noAccess')}</span>;

  const run = async (mutation: typeof reveal, success?: string) => {
    try {
      const result = await mutation.mutateAsync();
      setPassword(result.password);
      if (success) toast.success(success);
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      {password ? (
        <>
          <span className="font-mono text-sm" data-testid="sip-password">
            {password}
          </span>
          <CopyButton value={password} label={t('endpoints.sip.password')} />
          <Button type="button" variant="ghost" size="icon-sm" onClick={() => setPassword(null)} aria-label={t('endpoints.password.hide')}>
            <EyeOff aria-hidden="true" />
          </Button>
        </>
      ) : (
        <ConfirmDialog
          trigger={
            <Button type="button" variant="outline" size="sm">
              <Eye aria-hidden="true" />
              {t('endpoints.password.reveal')}
            </Button>
          }
          title={t('endpoints.password.revealTitle')}
          description={t('endpoints.password.revealDescription')}
          confirmLabel={t('endpoints.password.reveal')}
          onConfirm={() => run(reveal)}
        />
      )}
      <ConfirmDialog
        trigger={
          <Button type="button" variant="ghost" size="sm">
            <RefreshCw aria-hidden="true" />
            {t('endpoints.password.regenerate')}
          </Button>
        }
        title={t('endpoints.password.regenerateTitle')}
        description={t('endpoints.password.regenerateDescription')}
        confirmLabel={t('endpoints.password.regenerate')}
        destructive
        onConfirm={() => run(regenerate, t('endpoints.password.regenerated'))}
      />
    </div>
  );
}
