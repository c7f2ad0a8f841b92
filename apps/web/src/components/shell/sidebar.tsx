'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { Tooltip } from '@/components/ui/tooltip';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { cn } from '@/lib/utils';
import { activeNavItem, navGroups, visibleNavItems } from './nav-registry';

type SidebarNavProps = { collapsed?: boolean; onNavigate?: () => void };

/** The navigation list, shared by the desktop sidebar and the mobile sheet. */
export function SidebarNav({ collapsed = false, onNavigate }: SidebarNavProps) {
  const t = useT();
  const user = useSession();
  const pathname = usePathname();
  const active = activeNavItem(pathname);
  const items = visibleNavItems(user);

  return (
    <nav aria-label={t('shell.mainNavigation')} className="flex flex-col gap-5 px-3">
      {navGroups.map((group) => {
        const groupItems = items.filter((item) => item.group === group.key);
        if (groupItems.length === 0) return null;
        return (
          <div key={group.key} className="grid gap-1">
            {collapsed ? null : (
              <p className="px-2 pb-1 text-[0.7rem] font-semibold tracking-wider text-muted-foreground uppercase">
                {t(group.label)}
              </p>
            )}
            <ul className="grid gap-0.5">
              {groupItems.map((item) => {
                const isActive = active?.href === item.href;
                const Icon = item.icon;
                const link = (
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={isActive ? 'page' : undefined}
                    aria-label={collapsed ? t(item.label) : undefined}
                    className={cn(
                      'flex h-9 items-center gap-3 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground/80 transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-2 focus-visible:ring-ring',
                      isActive && 'bg-sidebar-accent text-sidebar-foreground',
                      collapsed && 'justify-center px-0',
                    )}
                  >
                    <Icon className={cn('size-4 shrink-0', isActive && 'text-primary')} aria-hidden="true" />
                    {collapsed ? null : <span className="truncate">{t(item.label)}</span>}
                  </Link>
                );
                return (
                  <li key={item.href}>
                    {collapsed ? (
                      <Tooltip content={t(item.label)} side="right">
                        {link}
                      </Tooltip>
                    ) : (
                      link
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

export function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const t = useT();
  return (
    <Link
      href="/"
      className={cn(
        'flex h-14 items-center gap-2.5 rounded-md px-5 font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring',
        collapsed && 'justify-center px-0',
      )}
    >
      <span
        aria-hidden="true"
        className="flex size-7 items-center justify-center rounded-lg bg-primary text-sm font-bold text-primary-foreground"
      >
        S
      </span>
      {collapsed ? <span className="sr-only">{t('app.name')}</span> : <span>{t('app.name')}</span>}
    </Link>
  );
}

type SidebarProps = { collapsed: boolean; onToggle: () => void };

export function Sidebar({ collapsed, onToggle }: SidebarProps) {
  const t = useT();
  return (
    <aside
      className={cn(
        'sticky top-0 hidden h-dvh shrink-0 flex-col border-r border-sidebar-border bg-sidebar transition-[width] duration-200 lg:flex',
        collapsed ? 'w-16' : 'w-60',
      )}
    >
      <Brand collapsed={collapsed} />
      <div className="flex-1 overflow-y-auto py-3">
        <SidebarNav collapsed={collapsed} />
      </div>
      <div className={cn('border-t border-sidebar-border p-3', collapsed && 'flex justify-center')}>
        <button
          type="button"
          onClick={onToggle}
          aria-label={collapsed ? t('shell.expandSidebar') : t('shell.collapseSidebar')}
          aria-expanded={!collapsed}
          className="flex h-8 items-center gap-2 rounded-md px-2 text-sm text-muted-foreground outline-none hover:bg-sidebar-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          {collapsed ? (
            <PanelLeftOpen className="size-4" aria-hidden="true" />
          ) : (
            <PanelLeftClose className="size-4" aria-hidden="true" />
          )}
          {collapsed ? null : <span>{t('shell.collapseSidebar')}</span>}
        </button>
      </div>
    </aside>
  );
}
