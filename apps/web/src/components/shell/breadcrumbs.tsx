'use client';

import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Breadcrumb, type BreadcrumbItem } from '@/components/ui/breadcrumb';
import { useT } from '@/lib/i18n';
import { activeNavItem } from './nav-registry';

type BreadcrumbState = { trail: BreadcrumbItem[] | null; setTrail: (trail: BreadcrumbItem[] | null) => void };

const BreadcrumbContext = createContext<BreadcrumbState>({ trail: null, setTrail: () => undefined });

export function BreadcrumbProvider({ children }: { children: ReactNode }) {
  const [trail, setTrail] = useState<BreadcrumbItem[] | null>(null);
  return <BreadcrumbContext.Provider value={{ trail, setTrail }}>{children}</BreadcrumbContext.Provider>;
}

/**
 * A page below its section adds its own crumbs, e.g. on /users/42:
 * `useBreadcrumbs([{ label: user.name }])` → Home › Users › Ada Lovelace.
 */
export function useBreadcrumbs(extra: BreadcrumbItem[] | null) {
  const { setTrail } = useContext(BreadcrumbContext);
  const serialized = JSON.stringify(extra);
  useEffect(() => {
    setTrail(JSON.parse(serialized) as BreadcrumbItem[] | null);
    return () => setTrail(null);
  }, [serialized, setTrail]);
}

/** Home › section (from the nav registry) › whatever the page added. */
export function ShellBreadcrumbs() {
  const t = useT();
  const pathname = usePathname();
  const { trail } = useContext(BreadcrumbContext);
  const section = activeNavItem(pathname);
  const items: BreadcrumbItem[] = [{ label: t('nav.home'), href: '/' }];
  if (section && section.href !== '/') items.push({ label: t(section.label), href: section.href });
  if (trail) items.push(...trail);
  return <Breadcrumb items={items} />;
}
