import type { SignOutReason } from '@/lib/api/client';

const signOutReasons: readonly string[] = ['session_ended', 'account_disabled', 'tenant_suspended'];

/**
 * `/login?next=/users?status=active`: where to come back to after signing in; `reason` tells the
 * login page why the session ended, so it can say so.
 */
export function loginPath(next: string | null | undefined, reason?: SignOutReason): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (next && next !== '/' && !next.startsWith('/login')) params.set('next', next);
  const search = params.toString();
  return search ? `/login?${search}` : '/login';
}

/** The `reason` query parameter of the login page, if it is one the client sets. */
export function signOutReasonFrom(value: string | null | undefined): SignOutReason | null {
  return value && signOutReasons.includes(value) ? (value as SignOutReason) : null;
}

/**
 * Only same-site paths are followed after login; anything else ("//evil.example", "https://…")
 * would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
