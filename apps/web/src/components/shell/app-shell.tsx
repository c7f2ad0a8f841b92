'use client';

import { Menu } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { NotificationsMenu } from '@/features/notifications/components/notifications-menu';
import { OperatorBanner } from '@/features/operator/components/operator-banner';
import { TenantSwitcher } from '@/features/operator/components/tenant-switcher';
import { useT } from '@/lib/i18n';
import { BreadcrumbProvider, ShellBreadcrumbs } from './breadcrumbs';
import { Brand, Sidebar, SidebarNav } from './sidebar';
import { UserMenu } from './user-menu';

const collapsedStorageKey = 'switchboard.sidebar.collapsed';

function useCollapsedSidebar() {
  const [collapsed, setCollapsed] = useState(false);
  useEffect(() => {
    setCollapsed(window.localStorage.getItem(collapsedStorageKey) === '1');
  }, []);
  const toggle = () =>
    setCollapsed((previous) => {
      window.localStorage.setItem(collapsedStorageKey, previous ? '0' : '1');
      return !previous;
    });
  return { collapsed, toggle };
}

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const pathname = usePathname();
  const { collapsed, toggle } = useCollapsedSidebar();
  const [mobileOpen, setMobileOpen] = useState(false);

  // Close the mobile navigation after following a link.
  useEffect(() => setMobileOpen(false), [pathname]);

  return (
    <BreadcrumbProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-card text-sm font-medium shadow-md ring-2 ring-ring focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2"
      >
        {t('shell.skipToContent')}
      </a>
      <div className="flex min-h-dvh">
        <Sidebar collapsed={collapsed} onToggle={toggle} />
        <Sheet open={mobileOpen} onOpenChange={setMobileOpen}>
          <SheetContent side="left" className="w-64 bg-sidebar p-0" aria-describedby={undefined}>
            <SheetTitle className="sr-only">{t('shell.mainNavigation')}</SheetTitle>
            <Brand />
            <SidebarNav onNavigate={() => setMobileOpen(false)} />
          </SheetContent>
        </Sheet>
        <div className="flex min-w-0 flex-1 flex-col">
          <OperatorBanner />
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 lg:px-6">
            <Button
              variant="ghost"
              size="icon-sm"
              className="lg:hidden"
              onClick={() => setMobileOpen(true)}
              aria-label={t('shell.openNavigation')}
            >
              <Menu aria-hidden="true" />
            </Button>
            <ShellBreadcrumbs />
            <div className="ml-auto flex items-center gap-2">
              <TenantSwitcher />
              <NotificationsMenu />
              <UserMenu />
            </div>
          </header>
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none lg:px-8 lg:py-8">
            <div className="mx-auto w-full max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
    </BreadcrumbProvider>
  );
}
