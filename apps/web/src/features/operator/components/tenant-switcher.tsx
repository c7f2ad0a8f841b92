'use client';

import { ArrowLeftRight, Building2, Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api/errors';
import { useAuth, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useSwitchableTenants } from '../queries';

/** Operators open a tenant's console through an audited switch. */
export function TenantSwitcher() {
  const t = useT();
  const user = useSession();
  const [open, setOpen] = useState(false);
  if (!user.platform_admin) return null;

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        <ArrowLeftRight aria-hidden="true" />
        <span className="hidden sm:inline">{t('shell.switchTenant')}</span>
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-md">
          <DialogHeader>
            <DialogTitle>{t('shell.switchTenantTitle')}</DialogTitle>
            <DialogDescription>{t('shell.switchTenantDescription')}</DialogDescription>
          </DialogHeader>
          {open ? <TenantPicker onDone={() => setOpen(false)} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function TenantPicker({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { switchTenant, user } = useAuth();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const tenants = useSwitchableTenants(deferredSearch, true);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const choose = async (id: string, name: string) => {
    setPendingId(id);
    try {
      await switchTenant(id);
      toast.success(t('shell.switchedTenant', { tenant: name }));
      onDone();
    } catch (error) {
      toast.error(`${t('shell.switchFailed')}: ${errorMessage(error, t)}`);
    } finally {
      setPendingId(null);
    }
  };

  return (
    <div className="grid gap-3">
      <div className="relative">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden="true"
        />
        <Input
          autoFocus
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('shell.searchTenants')}
          aria-label={t('shell.searchTenants')}
          className="pl-9"
        />
      </div>
      <div className="max-h-80 overflow-y-auto rounded-md border">
        {tenants.isPending ? (
          <div className="grid gap-2 p-3">
            {[0, 1, 2].map((index) => (
              <Skeleton key={index} className="h-9 w-full" />
            ))}
          </div>
        ) : tenants.error ? (
          <ErrorState error={tenants.error} onRetry={() => void tenants.refetch()} className="py-6" />
        ) : tenants.data.length === 0 ? (
          <EmptyState icon={Building2} title={t('shell.noTenants')} className="py-8" />
        ) : (
          <ul className="divide-y">
            {tenants.data.map((tenant) => (
              <li key={tenant.id}>
                <button
                  type="button"
                  disabled={pendingId !== null || tenant.id === user?.tenant_id}
                  onClick={() => void choose(tenant.id, tenant.name)}
                  className="flex w-full items-center justify-between gap-3 px-3 py-2.5 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent disabled:opacity-60"
                >
                  <span className="grid min-w-0">
                    <span className="truncate font-medium">{tenant.name}</span>
                    <span className="truncate text-xs text-muted-foreground">{tenant.slug}</span>
                  </span>
                  {pendingId === tenant.id ? (
                    <span className="text-xs text-muted-foreground">{t('common.loading')}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
