/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, createTestTenant, login, type TestTenant } from '../helpers';
import type { CrossTenantModule, FixtureIds, PathValues, RouteCase } from './types';
import { createTenantSnapshotter, diffSnapshots } from './tenant-snapshot';

/**
 * RELIABILITY T1/T3/T4: every registered route × method is called with tenant A's admin token and
 * tenant B's ids. The route list comes from the app itself, so a new route without a case fails.
 */
const loaded = import.meta.glob<{ default: CrossTenantModule }>('./cases/*.ts', { eager: true });
const modules = Object.entries(loaded).map(([file, m]) => ({ file, ...m.default }));

const cases = new Map<string, { file: string; rc: RouteCase }>();
const duplicates: string[] = [];
for (const m of modules) {
  for (const [key, rc] of Object.entries(m.routes)) {
    if (cases.has(key)) duplicates.push(`${key} (${cases.get(key)!.file} and ${m.file})`);
    cases.set(key, { file: m.file, rc });
  }
}

const t = await createTestApp();
// Documentation pages, GET's automatic HEAD twins and the CORS preflight carry no tenant data.
const IGNORED = /^\/api\/docs(\/|$)/;
const routeKeys = [
  ...new Set(
    t.app.routeTable
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !IGNORED.test(r.url))
      .map((r) => `${r.method} ${r.url}`),
  ),
].sort();

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Short values (extensions, small numbers) could appear in an answer by coincidence.
const MIN_LEAK_LENGTH = 8;

let a: TestTenant;
let b: TestTenant;
const fixtures = new Map<string, { a: FixtureIds; b: FixtureIds } | Error>();
let bSecrets: string[] = [];
let aToken = '';
const snapshots = await createTenantSnapshotter(t.url);

beforeAll(async () => {
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
  aToken = a.admin.token;
  for (const m of modules) {
    if (!m.fixture) continue;
    try {
      fixtures.set(m.file, { b: await m.fixture(t.app, b), a: await m.fixture(t.app, a) });
    } catch (e) {
      fixtures.set(m.file, e as Error);
    }
  }
  const aValues = new Set<string>([a.tenantId, a.slug, a.admin.id, a.supervisor.id, a.agent.id]);
  const bValues = new Set<string>([
    b.tenantId,
    b.slug,
    b.admin.id,
    b.supervisor.id,
    b.agent.id,
    b.admin.email,
  ]);
  for (const f of fixtures.values()) {
    if (f instanceof Error) continue;
    Object.values(f.a).forEach((v) => aValues.add(String(v)));
    Object.values(f.b).forEach((v) => bValues.add(String(v)));
  }
  bSecrets = [...bValues].filter((v) => v.length >= MIN_LEAK_LENGTH && !aValues.has(v));
}, 120_000);

afterAll(async () => {
  await snapshots.close();
  await t.close();
});

function idsFor(file: string): { a: FixtureIds; b: FixtureIds } {
  const f = fixtures.get(file);
  if (f instanceof Error) throw new Error(`fixture in ${file} failed: ${f.message}`);
  return f ?? { a: {}, b: {} };
}

function fillPath(url: string, params: PathValues): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`case gives no value for path parameter :${name}`);
    return encodeURIComponent(v);
  });
}

function leaked(body: string, except: string[] = []): string[] {
  return bSecrets.filter((s) => !except.includes(s) && body.includes(s));
}

/** Calls as A's admin; signs in again once if an earlier call (password change …) ended the session. */
async function callAsA(method: string, url: string, payload: unknown) {
  const send = () =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(aToken),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  let res = await send();
  if (res.statusCode === 401) {
    aToken = await login(t.app, a.admin.email);
    res = await send();
  }
  return res;
}

async function checkRoute(key: string) {
  const entry = cases.get(key);
  if (!entry)
    throw new Error(`no cross-tenant case for "${key}": add it to a file in test/cross-tenant/cases/`);
  const { rc, file } = entry;
  if (typeof rc === 'object' && 'skip' in rc) {
    expect(rc.skip.trim().length, `skip reason for ${key}`).toBeGreaterThan(0);
    return;
  }
  const [method, url] = key.split(' ') as [string, string];
  const hasParams = url.includes(':');

  if (rc === 'list') {
    if (hasParams || method !== 'GET')
      throw new Error(`"list" fits GET routes without path parameters; ${key} needs a params case`);
    const res = await callAsA(method, url, undefined);
    expect(res.statusCode, `${key} as A: ${res.body.slice(0, 300)}`).toBe(200);
    expect(leaked(res.body), `B's values in the answer of ${key}`).toEqual([]);
    return;
  }

  const ids = idsFor(file);
  const before = WRITES.has(method) ? await snapshots.snapshot(b.tenantId) : null;
  let res;
  let sent: string[];
  if ('params' in rc) {
    const payload = rc.body?.(ids.b, ids.a);
    res = await callAsA(method, fillPath(url, rc.params(ids.b, ids.a)), payload);
    const expected = rc.expect ?? [404];
    expect(expected, `${key} answered ${res.statusCode}: ${res.body.slice(0, 300)}`).toContain(
      res.statusCode,
    );
    // A field error may name a foreign id the caller put in the body; never one from the path.
    sent = bSecrets.filter((s) => JSON.stringify(payload ?? '').includes(s));
  } else {
    if (hasParams) throw new Error(`${key} has path parameters; its case needs params`);
    const payload = rc.body?.(ids.b, ids.a);
    const query = rc.query?.(ids.b, ids.a);
    const missing = Object.entries(query ?? {}).filter(([, v]) => v === undefined);
    if (missing.length)
      throw new Error(`case gives no value for query ${missing.map(([k]) => k).join(', ')}`);
    const qs = query ? `?${new URLSearchParams(query as Record<string, string>).toString()}` : '';
    res = await callAsA(method, url + qs, payload);
    expect(rc.expect, `${key} answered ${res.statusCode}: ${res.body.slice(0, 300)}`).toContain(
      res.statusCode,
    );
    // T3 answers may name the ids the caller sent (a 422 field error); nothing else of B's.
    sent = bSecrets.filter(
      (s) => JSON.stringify(payload ?? '').includes(s) || qs.includes(encodeURIComponent(s)),
    );
  }
  expect(res.statusCode, `${key} must never fail with a 5xx`).toBeLessThan(500);
  expect(leaked(res.body, sent), `B's values in the answer of ${key}`).toEqual([]);
  if (before) {
    expect(diffSnapshots(before, await snapshots.snapshot(b.tenantId)), `B's rows changed by ${key}`).toEqual(
      [],
    );
  }
}

describe('cross-tenant matrix (T1/T3/T4)', () => {
  it('has exactly one case per route, and no case for a route that does not exist', () => {
    expect(duplicates, 'routes with cases in two files').toEqual([]);
    const registered = new Set(routeKeys);
    expect(
      [...cases.keys()].filter((k) => !registered.has(k)),
      'cases for routes that are not registered',
    ).toEqual([]);
    expect(
      routeKeys.filter((k) => !cases.has(k)),
      'registered routes without a case',
    ).toEqual([]);
  });

  it('ran every module fixture in both tenants', () => {
    const failed = [...fixtures.entries()]
      .filter(([, f]) => f instanceof Error)
      .map(([n, f]) => `${n}: ${(f as Error).message}`);
    expect(failed).toEqual([]);
  });

  for (const key of routeKeys) it(key, () => checkRoute(key));
});
