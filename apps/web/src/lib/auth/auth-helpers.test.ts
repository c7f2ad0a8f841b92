import type { SessionUser } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { isNavItemVisible, navItems, activeNavItem } from '@/components/shell/nav-registry';
import { hasFeature, hasPermission, renewDelayMs } from './auth-provider';
import { loginPath, safeNextPath, signOutReasonFrom } from './redirects';

const user = (overrides: Partial<SessionUser> = {}): SessionUser => ({
  id: 'u1',
  email: 'agent@example.com',
  name: 'Agent',
  tenant_id: 't1',
  tenant_name: 'Acme',
  tenant_slug: 'acme',
  tenant_timezone: 'UTC',
  role: 'agent',
  role_name: 'Agent',
  permissions: ['calls.read'],
  platform_admin: false,
  acting_as_operator: false,
  totp_enabled: false,
  locale: 'en',
  features: { voice: true, chat: false },
  ...overrides,
});

const visibleHrefs = (u: SessionUser) =>
  navItems.filter((item) => isNavItemVisible(item, u)).map((i) => i.href);

describe('after-login redirects', () => {
  it('follows same-site paths only', () => {
    expect(safeNextPath('/users?status=active')).toBe('/users?status=active');
    expect(safeNextPath('//evil.example/x')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });

  it('encodes where to come back to', () => {
    expect(loginPath('/users?status=active')).toBe('/login?next=%2Fusers%3Fstatus%3Dactive');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login?next=/x')).toBe('/login');
  });

  it('carries why the session ended, and reads back only known reasons', () => {
    expect(loginPath('/queues', 'account_disabled')).toBe('/login?reason=account_disabled&next=%2Fqueues');
    expect(loginPath('/', 'tenant_suspended')).toBe('/login?reason=tenant_suspended');
    expect(signOutReasonFrom('account_disabled')).toBe('account_disabled');
    expect(signOutReasonFrom('tenant_suspended')).toBe('tenant_suspended');
    expect(signOutReasonFrom('<script>')).toBeNull();
    expect(signOutReasonFrom(null)).toBeNull();
  });
});

describe('permissions, features and navigation', () => {
  it('reads permissions and features from the session', () => {
    expect(hasPermission(user(), 'calls.read')).toBe(true);
    expect(hasPermission(user(), 'users.read')).toBe(false);
    expect(hasFeature(user(), 'voice')).toBe(true);
    expect(hasFeature(user(), 'chat')).toBe(false);
    expect(hasFeature(user({ features: null }), 'voice')).toBe(false);
    expect(hasPermission(null, 'calls.read')).toBe(false);
  });

  it('shows an agent only what its permissions allow', () => {
    // calls.read with the voice feature: the queue wallboard, nothing else of the telephony sections.
    expect(visibleHrefs(user())).toEqual(['/', '/wallboard', '/settings']);
    expect(visibleHrefs(user({ permissions: ['users.read', 'roles.read', 'audit.read'] }))).toEqual([
      '/',
      '/users',
      '/roles',
      '/audit',
      '/settings',
    ]);
  });

  it('shows an operator outside any tenant the platform sections, not the tenant ones', () => {
    const operator = user({ tenant_id: null, platform_admin: true, permissions: [], features: null });
    expect(visibleHrefs(operator)).toEqual(['/', '/settings', '/tenants']);
  });

  it('maps nested paths to their section', () => {
    expect(activeNavItem('/users/42')?.href).toBe('/users');
    expect(activeNavItem('/usersettings')).toBeUndefined();
    expect(activeNavItem('/')?.href).toBe('/');
  });
});

describe('token renewal timing', () => {
  it('renews a minute early for normal tokens and earlier for short ones', () => {
    expect(renewDelayMs(900_000, 0)).toBe(840_000);
    expect(renewDelayMs(40_000, 0)).toBe(30_000);
    expect(renewDelayMs(1_000, 0)).toBe(5_000);
  });
});
