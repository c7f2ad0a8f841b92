import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  login,
  TEST_PASSWORD,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let a: TestTenant;
let other: TestTenant;
let operator: { token: string };

beforeAll(async () => {
  t = await createTestApp();
  [a, other, operator] = await Promise.all([
    createTestTenant(t.app),
    createTestTenant(t.app),
    createPlatformAdmin(t.app),
  ]);
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
let seq = 0;
const newUser = (tenant: TestTenant, extra: Record<string, unknown> = {}) => ({
  email: `user${++seq}@${tenant.slug}.test`,
  name: `User ${seq}`,
  password: TEST_PASSWORD,
  role_id: tenant.roleIds.agent,
  ...extra,
});
const setLimits = (tenant: TestTenant, limits: Record<string, number | null>) =>
  call(operator.token, 'PUT', `/api/v1/tenants/${tenant.tenantId}/limits`, limits);

describe('users CRUD', () => {
  it('creates, reads, updates and soft-deletes a user; the e-mail can be reused afterwards', async () => {
    const input = newUser(a, { name: 'Ada Lovelace', locale: 'fr' });
    const created = await call(a.admin.token, 'POST', '/api/v1/users', input);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      email: input.email,
      name: 'Ada Lovelace',
      status: 'active',
      role_id: a.roleIds.agent,
      role_key: 'agent',
      locale: 'fr',
      totp_enabled: false,
    });
    expect(JSON.stringify(created.body)).not.toContain('password');
    const id = created.body.data.id as string;

    expect((await call(a.supervisor.token, 'GET', `/api/v1/users/${id}`)).body.data.name).toBe(
      'Ada Lovelace',
    );
    const patched = await call(a.admin.token, 'PATCH', `/api/v1/users/${id}`, {
      name: 'Ada King',
      email: `ADA@${a.slug}.test`,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Ada King', email: `ada@${a.slug}.test` });

    const agentToken = await login(t.app, `ada@${a.slug}.test`);
    expect((await call(agentToken, 'GET', '/api/v1/notifications')).status).toBe(200);

    const deleted = await call(a.admin.token, 'DELETE', `/api/v1/users/${id}`);
    expect(deleted.status).toBe(200);
    expect((await call(a.admin.token, 'GET', `/api/v1/users/${id}`)).status).toBe(404);
    expect((await call(agentToken, 'GET', '/api/v1/notifications')).status).toBe(401);
    const [rows] = (await t.app.container.db.execute(
      sql`SELECT email, status, deleted_at FROM users WHERE tenant_id = ${a.tenantId} AND id = ${id}`,
    )) as unknown as [{ email: string; status: string; deleted_at: Date | null }[]];
    expect(rows[0]).toMatchObject({ email: `${id}@deleted.invalid`, status: 'disabled' });
    expect(rows[0]!.deleted_at).not.toBeNull();

    const again = await call(
      a.admin.token,
      'POST',
      '/api/v1/users',
      newUser(a, { email: `ada@${a.slug}.test` }),
    );
    expect(again.status).toBe(201);
  });

  it('answers 409 ALREADY_EXISTS naming the e-mail, also for an address used in another tenant', async () => {
    for (const email of [a.agent.email, other.admin.email]) {
      const res = await call(a.admin.token, 'POST', '/api/v1/users', newUser(a, { email }));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ALREADY_EXISTS');
      expect(res.body.error.details.fields[0].path).toBe('body.email');
    }
    const res = await call(a.admin.token, 'PATCH', `/api/v1/users/${a.supervisor.id}`, {
      email: a.agent.email,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.fields[0].path).toBe('body.email');
  });

  it('names the invalid fields in a 400 and refuses unknown fields', async () => {
    const res = await call(
      a.admin.token,
      'POST',
      '/api/v1/users',
      newUser(a, { email: 'not-an-email', password: 'short' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));

    const extra = await call(
      a.admin.token,
      'POST',
      '/api/v1/users',
      newUser(a, { tenant_id: other.tenantId }),
    );
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.error.details.fields)).toContain('tenant_id');

    // Deleted users' addresses live under deleted.invalid; taking one could block a later delete.
    const reserved = await call(a.admin.token, 'PATCH', `/api/v1/users/${a.agent.id}`, {
      email: `${a.supervisor.id}@deleted.invalid`,
    });
    expect(reserved.status).toBe(400);
    expect(reserved.body.error.details.fields[0].path).toBe('body.email');

    const status = await call(a.admin.token, 'PUT', `/api/v1/users/${a.agent.id}/status`, { status: 'gone' });
    expect(status.status).toBe(400);
    expect(status.body.error.details.fields[0].path).toBe('body.status');
  });

  it("refuses another tenant's role in the body (T3) and writes nothing", async () => {
    const input = newUser(a, { role_id: other.roleIds.agent });
    const res = await call(a.admin.token, 'POST', '/api/v1/users', input);
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0].path).toBe('body.role_id');
    const list = await call(a.admin.token, 'GET', `/api/v1/users?search=${encodeURIComponent(input.email)}`);
    expect(list.body.data).toEqual([]);

    const assign = await call(a.admin.token, 'PUT', `/api/v1/users/${a.agent.id}/role`, {
      role_id: other.roleIds.admin,
    });
    expect(assign.status).toBe(422);
    expect((await call(a.admin.token, 'GET', `/api/v1/users/${a.agent.id}`)).body.data.role_key).toBe(
      'agent',
    );
    expect((await call(a.admin.token, 'GET', `/api/v1/users/${other.agent.id}`)).status).toBe(404);
  });
});

describe('extension', () => {
  it("shows the extension of the user's endpoint", async () => {
    const tenant = await createTestTenant(t.app);
    expect(
      (await call(tenant.admin.token, 'GET', `/api/v1/users/${tenant.agent.id}`)).body.data.extension,
    ).toBeNull();
    const ep = await call(tenant.admin.token, 'POST', '/api/v1/endpoints', {
      extension: '2001',
      display_name: 'Agent phone',
      user_id: tenant.agent.id,
    });
    expect(ep.status).toBe(201);
    expect(
      (await call(tenant.admin.token, 'GET', `/api/v1/users/${tenant.agent.id}`)).body.data.extension,
    ).toBe('2001');
    const list = await call(tenant.admin.token, 'GET', '/api/v1/users');
    const byId = Object.fromEntries(
      list.body.data.map((u: { id: string; extension: string | null }) => [u.id, u.extension]),
    );
    expect(byId).toEqual({
      [tenant.admin.id]: null,
      [tenant.supervisor.id]: null,
      [tenant.agent.id]: '2001',
    });
  });
});

describe('users list', () => {
  it('walks every page without duplicates or misses, and filters by role, status and search', async () => {
    const tenant = await createTestTenant(t.app);
    for (let i = 0; i < 5; i++) {
      const res = await call(
        tenant.admin.token,
        'POST',
        '/api/v1/users',
        newUser(tenant, { name: `Paged 100%_${i}` }),
      );
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(
        tenant.admin.token,
        'GET',
        `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((u: { id: string }) => u.id));
      cursor = res.body.meta.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen).toEqual(expect.arrayContaining([tenant.admin.id, tenant.supervisor.id, tenant.agent.id]));

    const agents = await call(
      tenant.admin.token,
      'GET',
      `/api/v1/users?role_id=${tenant.roleIds.agent}&limit=100`,
    );
    expect(agents.body.data).toHaveLength(6);
    // `%` and `_` are taken literally: only the five names holding "%_" match.
    const searched = await call(
      tenant.admin.token,
      'GET',
      `/api/v1/users?search=${encodeURIComponent('%_')}`,
    );
    expect(searched.body.data).toHaveLength(5);
    const one = await call(tenant.admin.token, 'GET', `/api/v1/users?search=${encodeURIComponent('100%_3')}`);
    expect(one.body.data.map((u: { name: string }) => u.name)).toEqual(['Paged 100%_3']);
    const byEmail = await call(tenant.admin.token, 'GET', `/api/v1/users?search=supervisor@`);
    expect(byEmail.body.data.map((u: { id: string }) => u.id)).toEqual([tenant.supervisor.id]);
    await call(tenant.admin.token, 'PUT', `/api/v1/users/${tenant.agent.id}/status`, { status: 'disabled' });
    const disabled = await call(tenant.admin.token, 'GET', '/api/v1/users?status=disabled');
    expect(disabled.body.data.map((u: { id: string }) => u.id)).toEqual([tenant.agent.id]);

    const bad = await call(tenant.admin.token, 'GET', '/api/v1/users?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('cursor');
  });
});

describe('users limits', () => {
  it('refuses the 4th user with 409 LIMIT_REACHED when the limit is 3, counting only active users', async () => {
    const tenant = await createTestTenant(t.app);
    expect((await setLimits(tenant, { users: 3 })).status).toBe(200);
    const res = await call(tenant.admin.token, 'POST', '/api/v1/users', newUser(tenant));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'LIMIT_REACHED',
      details: { limit: 'users', max: 3, used: 3 },
    });
    expect(res.body.error.message).toContain('3 users');

    await call(tenant.admin.token, 'PUT', `/api/v1/users/${tenant.agent.id}/status`, { status: 'disabled' });
    const made = await call(tenant.admin.token, 'POST', '/api/v1/users', newUser(tenant));
    expect(made.status).toBe(201);
    const reenable = await call(tenant.admin.token, 'PUT', `/api/v1/users/${tenant.agent.id}/status`, {
      status: 'active',
    });
    expect(reenable.status).toBe(409);
    expect(reenable.body.error.details.limit).toBe('users');
  });

  it('enforces the agents limit on create and on role change', async () => {
    const tenant = await createTestTenant(t.app);
    await setLimits(tenant, { agents: 1 });
    const res = await call(tenant.admin.token, 'POST', '/api/v1/users', newUser(tenant));
    expect(res.status).toBe(409);
    expect(res.body.error.details.limit).toBe('agents');
    const sup = await call(
      tenant.admin.token,
      'POST',
      '/api/v1/users',
      newUser(tenant, { role_id: tenant.roleIds.supervisor }),
    );
    expect(sup.status).toBe(201);
    const demote = await call(tenant.admin.token, 'PUT', `/api/v1/users/${sup.body.data.id}/role`, {
      role_id: tenant.roleIds.agent,
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.details.limit).toBe('agents');
  });

  it('lets concurrent creates never pass the limit', async () => {
    const tenant = await createTestTenant(t.app);
    await setLimits(tenant, { users: 5 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call(tenant.admin.token, 'POST', '/api/v1/users', newUser(tenant))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'LIMIT_REACHED')).toHaveLength(4);
    const usage = await call(tenant.admin.token, 'GET', '/api/v1/tenant/usage');
    expect(usage.body.data.users).toEqual({ used: 5, limit: 5 });
  });
});
