/** `/login?next=/users?status=active`: where to come back to after signing in. */
export function loginPath(next: string | null | undefined): string {
  if (!next || next === '/' || next.startsWith('/login')) return '/login';
  return `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Only same-site paths are followed after login; anything else ("//evil.example", "https://…")
 * would turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
