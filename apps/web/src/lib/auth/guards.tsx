'use client';

import type { FeatureKey, Permission } from '@switchboard/contracts';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { Forbidden } from '@/components/shell/forbidden';
import { FullPageSpinner } from '@/components/shell/full-page-spinner';
import { hasFeature, hasPermission, useAuth } from './auth-provider';
import { loginPath } from './redirects';

/** Renders children only with a session; otherwise sends the visitor to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (status === 'signed-out') router.replace(loginPath(`${pathname}${window.location.search}`));
  }, [status, router, pathname]);

  if (status !== 'authenticated') return <FullPageSpinner />;
  return children;
}

type RequireAccessProps = {
  permission?: Permission;
  feature?: FeatureKey;
  /** Pages for operators only (the tenants section). */
  platform?: boolean;
  children: ReactNode;
};

/**
 * A page's own access check, mirroring the API route's `config.access`. The API stays the
 * authority; this only spares the user a page full of 403 errors.
 */
export function RequireAccess({ permission, feature, platform, children }: RequireAccessProps) {
  const { user } = useAuth();
  const allowed =
    (!platform || Boolean(user?.platform_admin)) &&
    (!permission || hasPermission(user, permission)) &&
    (!feature || hasFeature(user, feature));
  return allowed ? children : <Forbidden />;
}
