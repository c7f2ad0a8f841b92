import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureKeys, permissions } from '@switchboard/contracts';
import { createTestApp, type TestApp } from './helpers';
import type { RegisteredRoute } from '../src/app';

/**
 * DESIGN §2: every route declares its access, and no /api/v1 route is public by accident.
 * Public /api/v1 routes are allowed only under the prefixes below, each with its reason.
 */
const PUBLIC_PREFIXES: { prefix: string; why: string }[] = [
  { prefix: '/api/v1/auth/', why: 'sign-in, refresh, reset and registration happen before there is a token' },
];
const PLUGIN_ROUTES = /^\/api\/docs(\/|$)/;

let t: TestApp;
let routes: RegisteredRoute[];
beforeAll(async () => {
  t = await createTestApp();
  routes = t.app.routeTable.filter(
    (r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !PLUGIN_ROUTES.test(r.url),
  );
});
afterAll(async () => t?.close());

function describeAccess(access: unknown): string {
  if (!access || typeof access !== 'object') return '(none)';
  const a = access as Record<string, unknown>;
  if (a.public) return 'public';
  if (a.authenticated) return 'authenticated';
  if (a.platform) return 'platform';
  if (typeof a.permission === 'string')
    return a.feature ? `${a.permission} [${String(a.feature)}]` : a.permission;
  return JSON.stringify(access);
}

describe('route access', () => {
  it('prints the access table', () => {
    const rows = routes
      .map((r) => ({ route: `${r.method} ${r.url}`, access: describeAccess(r.access) }))
      .sort((x, y) => x.route.localeCompare(y.route));
    const width = Math.max(...rows.map((r) => r.route.length));
    process.stdout.write(`\n${rows.map((r) => `${r.route.padEnd(width)}  ${r.access}`).join('\n')}\n\n`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('every route declares a known access rule', () => {
    const known = new Set<string>(permissions);
    const features = new Set<string>(featureKeys);
    const bad = routes.filter((r) => {
      const a = r.access as Record<string, unknown> | undefined;
      if (!a) return true;
      const kinds = ['public', 'authenticated', 'platform', 'permission'].filter((k) => k in a);
      if (kinds.length !== 1) return true;
      if ('permission' in a) {
        if (!known.has(String(a.permission))) return true;
        if (a.feature !== undefined && !features.has(String(a.feature))) return true;
      } else if (a[kinds[0]!] !== true) return true;
      return false;
    });
    expect(bad.map((r) => `${r.method} ${r.url}: ${JSON.stringify(r.access)}`)).toEqual([]);
  });

  it('no /api/v1 route outside the allowed prefixes is public', () => {
    const publicApi = routes.filter(
      (r) =>
        r.url.startsWith('/api/v1/') &&
        describeAccess(r.access) === 'public' &&
        !PUBLIC_PREFIXES.some((p) => r.url.startsWith(p.prefix)),
    );
    expect(publicApi.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('a route with a permission refuses a signed-out caller and a token it cannot verify', async () => {
    const guarded = routes.filter((r) => describeAccess(r.access) !== 'public' && !r.url.includes('*'));
    const wrong: string[] = [];
    for (const r of guarded) {
      const url = r.url.replace(/:([A-Za-z0-9_]+)/g, '00000000-0000-7000-8000-000000000000');
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
        const res = await t.app.inject({ method: r.method as 'GET', url, headers });
        if (res.statusCode !== 401)
          wrong.push(`${r.method} ${r.url} ${JSON.stringify(headers)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the outbound calling policy is read with tenant.read and changed with tenant.write (issue 16.6)', () => {
    const access = (key: string) => describeAccess(routes.find((r) => `${r.method} ${r.url}` === key)?.access);
    expect(access('GET /api/v1/tenant/outbound-policy')).toBe('tenant.read');
    expect(access('PUT /api/v1/tenant/outbound-policy')).toBe('tenant.write');
  });
});
