import type { FeatureKey, Permission, SessionUser } from '@switchboard/contracts';
import { Building2, Home, KeyRound, ScrollText, Settings, Users, type LucideIcon } from 'lucide-react';
import { Cable, CalendarClock, Hash, ListOrdered, Phone, Workflow } from 'lucide-react';
import { Headset, MonitorPlay, PhoneCall } from 'lucide-react';
import type { MessageKey } from '@/lib/i18n';
import { hasFeature, hasPermission } from '@/lib/auth/auth-provider';

export type NavGroup = 'workspace' | 'administration' | 'platform';

export type NavItem = {
  href: string;
  label: MessageKey;
  icon: LucideIcon;
  group: NavGroup;
  /** Shown only with this permission (the page's own `RequireAccess` checks it too). */
  permission?: Permission;
  /** Shown only when the tenant has this feature enabled. */
  feature?: FeatureKey;
  /** `tenant`: needs a tenant (operators must switch in first); `platform`: operators outside a tenant. */
  scope?: 'tenant' | 'platform' | 'any';
};

/**
 * Every section of the console, in sidebar order. A new section (DIDs, queues, endpoints, calls,
 * wallboard, CDR, tickets, chat, analytics…) appears by adding one entry here once its page exists,
 * e.g. `{ href: '/queues', label: 'nav.queues', icon: ListOrdered, group: 'workspace',
 * permission: 'queues.read', feature: 'voice', scope: 'tenant' }`.
 */
export const navItems: NavItem[] = [
  { href: '/', label: 'nav.home', icon: Home, group: 'workspace', scope: 'any' },
  {
    href: '/console',
    label: 'nav.console',
    icon: Headset,
    group: 'workspace',
    permission: 'agent.state',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/live-calls',
    label: 'nav.liveCalls',
    icon: PhoneCall,
    group: 'workspace',
    permission: 'calls.supervise',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/wallboard',
    label: 'nav.wallboard',
    icon: MonitorPlay,
    group: 'workspace',
    permission: 'calls.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/users',
    label: 'nav.users',
    icon: Users,
    group: 'administration',
    permission: 'users.read',
    scope: 'tenant',
  },
  {
    href: '/roles',
    label: 'nav.roles',
    icon: KeyRound,
    group: 'administration',
    permission: 'roles.read',
    scope: 'tenant',
  },
  {
    href: '/audit',
    label: 'nav.audit',
    icon: ScrollText,
    group: 'administration',
    permission: 'audit.read',
    scope: 'tenant',
  },
  {
    href: '/endpoints',
    label: 'nav.endpoints',
    icon: Phone,
    group: 'administration',
    permission: 'endpoints.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/dids',
    label: 'nav.dids',
    icon: Hash,
    group: 'administration',
    permission: 'dids.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/queues',
    label: 'nav.queues',
    icon: ListOrdered,
    group: 'administration',
    permission: 'queues.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/ivr',
    label: 'nav.ivr',
    icon: Workflow,
    group: 'administration',
    permission: 'ivr.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/schedules',
    label: 'nav.schedules',
    icon: CalendarClock,
    group: 'administration',
    permission: 'ivr.read',
    feature: 'voice',
    scope: 'tenant',
  },
  {
    href: '/trunks',
    label: 'nav.trunks',
    icon: Cable,
    group: 'administration',
    permission: 'trunks.read',
    feature: 'voice',
    scope: 'tenant',
  },
  { href: '/settings', label: 'nav.settings', icon: Settings, group: 'administration', scope: 'any' },
  { href: '/tenants', label: 'nav.tenants', icon: Building2, group: 'platform', scope: 'platform' },
];

export const navGroups: { key: NavGroup; label: MessageKey }[] = [
  { key: 'workspace', label: 'nav.groupWorkspace' },
  { key: 'administration', label: 'nav.groupAdministration' },
  { key: 'platform', label: 'nav.groupPlatform' },
];

export function isNavItemVisible(item: NavItem, user: SessionUser): boolean {
  const scope = item.scope ?? 'tenant';
  if (scope === 'platform' && !user.platform_admin) return false;
  if (scope === 'tenant' && !user.tenant_id) return false;
  if (item.permission && !hasPermission(user, item.permission)) return false;
  if (item.feature && !hasFeature(user, item.feature)) return false;
  return true;
}

export function visibleNavItems(user: SessionUser): NavItem[] {
  return navItems.filter((item) => isNavItemVisible(item, user));
}

/** The nav item a path belongs to: the longest matching prefix, so /users/42 → Users. */
export function activeNavItem(pathname: string): NavItem | undefined {
  return navItems
    .filter((item) =>
      item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`),
    )
    .sort((a, b) => b.href.length - a.href.length)[0];
}
