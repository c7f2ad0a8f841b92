'use client';

import type { FeatureKey, LoginInput, Permission, SessionUser, TokenResponse } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { onRefreshed, onSignedOut, refreshAccessToken } from '@/lib/api/client';
import { tokenStore } from '@/lib/api/token-store';
import {
  exitTenantRequest,
  fetchSessionUser,
  loginLinkRequest,
  loginRequest,
  logoutRequest,
  switchTenantRequest,
} from './auth-api';
import { loginPath } from './redirects';

export type SessionStatus = 'loading' | 'authenticated' | 'signed-out';

type AuthContextValue = {
  status: SessionStatus;
  user: SessionUser | null;
  login: (input: LoginInput) => Promise<SessionUser>;
  /** Signs in with the token of an e-mailed one-time link (/login/link). */
  loginWithLink: (token: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Re-reads GET /auth/me, e.g. after the user changed their profile or enabled 2FA. */
  reloadUser: () => Promise<void>;
  switchTenant: (tenantId: string) => Promise<void>;
  exitTenant: () => Promise<void>;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Renew a minute before the access token expires (a quarter of its life for short-lived tokens),
 * so requests rarely meet TOKEN_EXPIRED; the client's retry covers the rest (e.g. after sleep).
 */
export function renewDelayMs(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  const lead = Math.min(60_000, remaining / 4);
  return Math.max(5_000, remaining - lead);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const pathnameRef = useRef(pathname);
  useEffect(() => {
    pathnameRef.current = pathname;
  }, [pathname]);

  const adopt = useCallback((tokens: TokenResponse) => {
    setUser(tokens.user);
    setStatus('authenticated');
  }, []);

  const signOutLocally = useCallback(() => {
    tokenStore.clear();
    setUser(null);
    setStatus('signed-out');
    queryClient.clear();
  }, [queryClient]);

  // A reload has no access token: the refresh cookie, if any, gets one.
  useEffect(() => {
    let cancelled = false;
    void refreshAccessToken().then((tokens) => {
      if (cancelled) return;
      if (tokens) adopt(tokens);
      else setStatus('signed-out');
    });
    return () => {
      cancelled = true;
    };
  }, [adopt]);

  // When a refresh fails mid-session, or the API says the account is disabled or the organisation
  // suspended, the client calls this: back to login with the reason, then here again.
  useEffect(() => {
    onSignedOut((reason) => {
      signOutLocally();
      router.replace(loginPath(currentLocation(pathnameRef.current), reason));
    });
    onRefreshed(adopt);
    return () => {
      onSignedOut(null);
      onRefreshed(null);
    };
  }, [router, signOutLocally, adopt]);

  useRenewBeforeExpiry(status, adopt, signOutLocally);

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      user,
      login: async (input) => {
        const tokens = await loginRequest(input);
        queryClient.clear();
        adopt(tokens);
        return tokens.user;
      },
      loginWithLink: async (token) => {
        const tokens = await loginLinkRequest(token);
        queryClient.clear();
        adopt(tokens);
        return tokens.user;
      },
      logout: async () => {
        try {
          await logoutRequest();
        } finally {
          signOutLocally();
          router.replace('/login');
        }
      },
      reloadUser: async () => {
        setUser(await fetchSessionUser());
      },
      switchTenant: async (tenantId) => {
        const tokens = await switchTenantRequest(tenantId);
        queryClient.clear();
        adopt(tokens);
        router.push('/');
      },
      exitTenant: async () => {
        const tokens = await exitTenantRequest();
        queryClient.clear();
        adopt(tokens);
        router.push('/');
      },
    }),
    [status, user, adopt, signOutLocally, queryClient, router],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function useRenewBeforeExpiry(
  status: SessionStatus,
  adopt: (tokens: TokenResponse) => void,
  signOut: () => void,
) {
  const [expiresAt, setExpiresAt] = useState(tokenStore.expiresAt);
  useEffect(() => tokenStore.subscribe(() => setExpiresAt(tokenStore.expiresAt)), []);
  useEffect(() => {
    if (status !== 'authenticated' || expiresAt === null) return;
    const delay = renewDelayMs(expiresAt, Date.now());
    const timer = window.setTimeout(() => {
      void refreshAccessToken().then((tokens) => (tokens ? adopt(tokens) : signOut()));
    }, delay);
    return () => window.clearTimeout(timer);
  }, [status, expiresAt, adopt, signOut]);
}

function currentLocation(pathname: string): string {
  return typeof window === 'undefined' ? pathname : `${pathname}${window.location.search}`;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth must be used inside <AuthProvider>');
  return context;
}

/** The signed-in user; only call below the dashboard's auth guard, where a session exists. */
export function useSession(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useSession called without a session; render it inside the dashboard layout');
  return user;
}

export function hasPermission(user: SessionUser | null, permission: Permission): boolean {
  return Boolean(user?.permissions.includes(permission));
}

/** Platform admins without a tenant have no features; a tenant's flags default to off when absent. */
export function hasFeature(user: SessionUser | null, feature: FeatureKey): boolean {
  return Boolean(user?.features?.[feature]);
}

export function usePermission(permission: Permission): boolean {
  return hasPermission(useAuth().user, permission);
}

export function useFeature(feature: FeatureKey): boolean {
  return hasFeature(useAuth().user, feature);
}
