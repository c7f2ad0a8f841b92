'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useBreadcrumbs } from '@/components/shell/breadcrumbs';
import { usePermission, useSession } from '@/lib/auth';
import { useT, type MessageKey } from '@/lib/i18n';
import { cn } from '@/lib/utils';

type Tab = { href: string; label: MessageKey; show: boolean };

/** Organisation settings for those who may read them; every account gets its own pages. */
export function SettingsNav() {
  const t = useT();
  const pathname = usePathname();
  const user = useSession();
  const canReadTenant = usePermission('tenant.read') && Boolean(user.tenant_id);
  const tabs: Tab[] = [
    { href: '/settings', label: 'settings.nav.organisation', show: canReadTenant },
    { href: '/settings/outbound', label: 'settings.nav.outbound', show: canReadTenant },
    { href: '/settings/profile', label: 'settings.nav.profile', show: true },
    { href: '/settings/password', label: 'settings.nav.password', show: true },
    { href: '/settings/two-factor', label: 'settings.nav.twoFactor', show: true },
  ];
  const current = tabs.find((tab) => tab.href === pathname && tab.href !== '/settings');
  useBreadcrumbs(current ? [{ label: t(current.label) }] : null);
  return (
    <nav aria-label={t('settings.nav.label')} className="mb-6 border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs
          .filter((tab) => tab.show)
          .map((tab) => {
            const active = pathname === tab.href;
            return (
              <li key={tab.href}>
                <Link
                  href={tab.href}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring',
                    active
                      ? 'border-primary text-foreground'
                      : 'border-transparent text-muted-foreground hover:text-foreground',
                  )}
                >
                  {t(tab.label)}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
