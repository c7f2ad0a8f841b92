'use client';

import type { PlatformTenant } from '@switchboard/contracts';
import { ArrowLeftRight, Ban, PlayCircle, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/errors';
import { useAuth } from '@/lib/auth';
import { useT, type MessageKey } from '@/lib/i18n';
import { useTenantLifecycle, type TenantLifecycleAction } from '../queries';

/** Switch into, suspend/reactivate and delete: the operator's buttons on a tenant's page. */
export function TenantLifecycleActions({ tenant }: { tenant: PlatformTenant }) {
  const t = useT();
  const router = useRouter();
  const { switchTenant } = useAuth();
  const lifecycle = useTenantLifecycle(tenant.id);
  const [confirming, setConfirming] = useState<TenantLifecycleAction | null>(null);
  const [switching, setSwitching] = useState(false);

  const run = async (action: TenantLifecycleAction) => {
    try {
      await lifecycle.mutateAsync(action);
      toast.success(t(`tenants.lifecycle.${action}Toast`, { name: tenant.name }));
      if (action === 'delete') router.push('/tenants');
    } catch (error) {
      toast.error(errorMessage(error, t));
      throw error;
    }
  };

  const switchInto = async () => {
    setSwitching(true);
    try {
      await switchTenant(tenant.id);
      toast.success(t('shell.switchedTenant', { tenant: tenant.name }));
    } catch (error) {
      toast.error(`${t('shell.switchFailed')}: ${errorMessage(error, t)}`);
      setSwitching(false);
    }
  };

  if (tenant.status === 'deleted') return null;
  const dialog = confirming ? dialogs[confirming] : null;

  return (
    <>
      {tenant.status === 'active' ? (
        <Button onClick={() => void switchInto()} loading={switching}>
          {switching ? null : <ArrowLeftRight aria-hidden="true" />}
          {t('tenants.switchInto')}
        </Button>
      ) : null}
      {tenant.status === 'active' ? (
        <Button variant="outline" onClick={() => setConfirming('suspend')}>
          <Ban aria-hidden="true" />
          {t('tenants.lifecycle.suspend')}
        </Button>
      ) : (
        <Button variant="outline" onClick={() => setConfirming('reactivate')}>
          <PlayCircle aria-hidden="true" />
          {t('tenants.lifecycle.reactivate')}
        </Button>
      )}
      <Button variant="outline" className="text-destructive" onClick={() => setConfirming('delete')}>
        <Trash2 aria-hidden="true" />
        {t('tenants.lifecycle.delete')}
      </Button>
      {dialog ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => (open ? undefined : setConfirming(null))}
          title={t(dialog.title, { name: tenant.name })}
          description={t(dialog.description)}
          confirmLabel={t(dialog.confirm)}
          destructive={confirming !== 'reactivate'}
          onConfirm={() => run(confirming!)}
        />
      ) : null}
    </>
  );
}

type DialogText = { title: MessageKey; description: MessageKey; confirm: MessageKey };

const dialogs: Record<TenantLifecycleAction, DialogText> = {
  suspend: {
    title: 'tenants.lifecycle.suspendTitle',
    description: 'tenants.lifecycle.suspendDescription',
    confirm: 'tenants.lifecycle.suspend',
  },
  reactivate: {
    title: 'tenants.lifecycle.reactivateTitle',
    description: 'tenants.lifecycle.reactivateDescription',
    confirm: 'tenants.lifecycle.reactivate',
  },
  delete: {
    title: 'tenants.lifecycle.deleteTitle',
    description: 'tenants.lifecycle.deleteDescription',
    confirm: 'tenants.lifecycle.delete',
  },
};
