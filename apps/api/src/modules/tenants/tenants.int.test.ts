import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitKeys } from '@switchboard/contracts';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  login,
  uniqueSlug,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let operator: { id: string; token: string };
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp();
  [operator, a] = await Promise.all([createPlatformAdmin(t.app), createTestTenant(t.app)]);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
const op = (method: Method, url: string, payload?: object) => call(operator.token, method, url, payload);
const createTenant = async (extra: Record<string, unknown> = {}) => {
  const slug = uniqueSlug('op');
  const res = await op('POST', '/api/v1/tenants', { name: `Org ${slug}`, slug, ...extra });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; slug: string; name: string };
};

describe('tenant management by the platform operator', () => {
  it('creates a tenant with its first admin, who can sign in; the platform audit log has it', async () => {
    const slug = uniqueSlug('new');
    const res = await op('POST', '/api/v1/tenants', {
      name: 'New Org',
      slug: slug.toUpperCase(),
      timezone: 'Europe/Paris',
      limits: { users: 10 },
      features: { recording: false },
      admin: { email: `Boss@${slug}.test`, name: 'Boss', password: 'a-long-enough-password' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'New Org',
      slug,
      status: 'active',
      timezone: 'Europe/Paris',
      limits: { users: 10, agents: 25 },
      features: { recording: false, voice: true },
      deleted_at: null,
    });
    const id = res.body.data.id as string;
    const adminToken = await login(t.app, `boss@${slug}.test`, 'a-long-enough-password');
    const own = await call(adminToken, 'GET', '/api/v1/tenant');
    expect(own.body.data.id).toBe(id);
    const roles = await call(adminToken, 'GET', '/api/v1/roles');
    expect(roles.body.data.map((r: { key: string }) => r.key)).toEqual(['admin', 'supervisor', 'agent']);

    const log = await op('GET', `/api/v1/platform/audit?entity_type=tenant&entity_id=${id}`);
    expect(log.body.data[0]).toMatchObject({ action: 'tenant.created', actor_id: operator.id });
    expect(log.body.data[0].after.admin.email).toBe(`boss@${slug}.test`);
    expect(JSON.stringify(log.body.data)).not.toContain('a-long-enough-password');
    const tenantLog = await call(adminToken, 'GET', '/api/v1/audit?entity_type=tenant');
    expect(tenantLog.body.data).toEqual([]);
  });

  it('answers 409 naming the field for a taken slug or admin e-mail, 400 naming the field for bad input', async () => {
    const taken = await op('POST', '/api/v1/tenants', { name: 'Dup', slug: a.slug });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details.fields[0].path).toBe('body.slug');
    const email = await op('POST', '/api/v1/tenants', {
      name: 'Dup',
      slug: uniqueSlug(),
      admin: { email: a.admin.email, name: 'X', password: 'a-long-enough-password' },
    });
    expect(email.status).toBe(409);
    expect(email.body.error.details.fields[0].path).toBe('body.admin.email');

    const bad = await op('POST', '/api/v1/tenants', {
      name: '',
      slug: 'Not A Slug!',
      timezone: 'Mars/Olympus',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.slug', 'body.timezone']));
    const limits = await op('PUT', `/api/v1/tenants/${a.tenantId}/limits`, { users: -1, seats: 3 });
    expect(limits.status).toBe(400);
    expect(JSON.stringify(limits.body.error.details.fields)).toMatch(/body\.users|seats/);
  });

  it('lists with search, status filter and keyset pagination without duplicates or misses', async () => {
    const marker = uniqueSlug('page');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await op('POST', '/api/v1/tenants', {
        name: `Paged ${marker} ${i}`,
        slug: `${marker}-${i}`,
      });
      made.push(res.body.data.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await op(
        'GET',
        `/api/v1/tenants?search=${marker}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((x: { id: string }) => x.id));
      cursor = res.body.meta.next_cursor;
    } while (cursor);
    expect(seen).toEqual(made);

    await op('POST', `/api/v1/tenants/${made[1]}/suspend`);
    const suspended = await op('GET', `/api/v1/tenants?search=${marker}&status=suspended`);
    expect(suspended.body.data.map((x: { id: string }) => x.id)).toEqual([made[1]]);
    const bySlug = await op('GET', `/api/v1/tenants?search=${marker}-3`);
    expect(bySlug.body.data.map((x: { id: string }) => x.id)).toEqual([made[3]]);
  });

  it('updates name, slug, time zone and merges settings; audits before and after', async () => {
    const tenant = await createTenant();
    const newSlug = uniqueSlug('renamed');
    const res = await op('PATCH', `/api/v1/tenants/${tenant.id}`, {
      name: 'Renamed',
      slug: newSlug,
      timezone: 'America/New_York',
      settings: { short_abandon_seconds: 10 },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Renamed', slug: newSlug, timezone: 'America/New_York' });
    expect(res.body.data.settings).toMatchObject({ short_abandon_seconds: 10, locale: 'en' });
    expect(res.body.data.settings.business_hours.mon).toEqual([{ open: '09:00', close: '17:00' }]);
    const log = await op('GET', `/api/v1/platform/audit?entity_id=${tenant.id}&action=tenant.updated`);
    expect(log.body.data[0].before.name).toBe(tenant.name);
    expect(log.body.data[0].after.name).toBe('Renamed');
    expect((await op('PATCH', `/api/v1/tenants/${tenant.id}`, { slug: a.slug })).status).toBe(409);
    expect((await op('GET', '/api/v1/tenants/00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('suspends (users get 403 TENANT_SUSPENDED) and reactivates', async () => {
    const tenant = await createTestTenant(t.app);
    const res = await op('POST', `/api/v1/tenants/${tenant.tenantId}/suspend`);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('suspended');
    for (const token of [tenant.admin.token, tenant.agent.token]) {
      const denied = await call(token, 'GET', '/api/v1/notifications');
      expect(denied.status).toBe(403);
      expect(denied.body.error.code).toBe('TENANT_SUSPENDED');
    }
    expect((await op('POST', `/api/v1/tenants/${tenant.tenantId}/suspend`)).status).toBe(409);
    expect((await op('POST', `/api/v1/tenants/${tenant.tenantId}/reactivate`)).body.data.status).toBe(
      'active',
    );
    expect((await call(tenant.agent.token, 'GET', '/api/v1/notifications')).status).toBe(200);
    expect((await op('POST', `/api/v1/tenants/${tenant.tenantId}/reactivate`)).status).toBe(409);
    const log = await op('GET', `/api/v1/platform/audit?entity_id=${tenant.tenantId}`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'tenant.reactivated',
      'tenant.suspended',
    ]);
  });

  it('soft-deletes: status deleted, hidden from the default list, slug reserved, users locked out', async () => {
    const tenant = await createTestTenant(t.app);
    const res = await op('DELETE', `/api/v1/tenants/${tenant.tenantId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('deleted');
    expect(res.body.data.deleted_at).not.toBeNull();
    expect((await op('GET', `/api/v1/tenants?search=${tenant.slug}`)).body.data).toEqual([]);
    expect((await op('GET', `/api/v1/tenants?search=${tenant.slug}&status=deleted`)).body.data).toHaveLength(
      1,
    );
    expect((await op('GET', `/api/v1/tenants/${tenant.tenantId}`)).body.data.status).toBe('deleted');
    expect((await op('POST', '/api/v1/tenants', { name: 'Again', slug: tenant.slug })).status).toBe(409);
    expect((await op('PATCH', `/api/v1/tenants/${tenant.tenantId}`, { name: 'Zombie' })).status).toBe(409);
    expect((await op('DELETE', `/api/v1/tenants/${tenant.tenantId}`)).status).toBe(409);
    expect((await call(tenant.admin.token, 'GET', '/api/v1/tenant')).status).toBe(401);
  });

  it('reads and changes limits and features; usage reports every limit key', async () => {
    const tenant = await createTestTenant(t.app);
    const limits = await op('PUT', `/api/v1/tenants/${tenant.tenantId}/limits`, { users: 7, dids: null });
    expect(limits.status).toBe(200);
    expect(limits.body.data).toMatchObject({ users: 7, dids: null, agents: 25 });
    expect((await op('GET', `/api/v1/tenants/${tenant.tenantId}/limits`)).body.data).toEqual(
      limits.body.data,
    );

    const features = await op('PUT', `/api/v1/tenants/${tenant.tenantId}/features`, { chat: false });
    expect(features.body.data).toMatchObject({ chat: false, voice: true });
    expect((await op('GET', `/api/v1/tenants/${tenant.tenantId}/features`)).body.data.chat).toBe(false);
    expect((await call(tenant.admin.token, 'GET', '/api/v1/tenant')).body.data.features.chat).toBe(false);

    const usage = await op('GET', `/api/v1/tenants/${tenant.tenantId}/usage`);
    expect(usage.status).toBe(200);
    expect(Object.keys(usage.body.data).sort()).toEqual([...limitKeys].sort());
    expect(usage.body.data.users).toEqual({ used: 3, limit: 7 });
    expect(usage.body.data.agents).toEqual({ used: 1, limit: 25 });
    expect(usage.body.data.dids.limit).toBeNull();

    const log = await op('GET', `/api/v1/platform/audit?entity_id=${tenant.tenantId}`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'tenant.features_changed',
      'tenant.limits_changed',
    ]);
    expect(log.body.data[1].before.limits.users).toBe(50);
    expect(log.body.data[1].after.limits.users).toBe(7);
  });

  it('refuses tenant users (403) and anonymous callers (401)', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/tenants'],
      ['POST', '/api/v1/tenants'],
      ['GET', `/api/v1/tenants/${a.tenantId}`],
      ['PUT', `/api/v1/tenants/${a.tenantId}/limits`],
      ['POST', `/api/v1/tenants/${a.tenantId}/suspend`],
    ] as [Method, string][]) {
      const res = await call(a.admin.token, method, url, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tenants' })).statusCode).toBe(401);
  });
});
