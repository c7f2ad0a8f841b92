import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createPlatformAdmin,
  createTestApp,
  createTestTenant,
  uniqueSlug,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';

let t: TestApp;
let tenant: TestTenant;
let operator: { id: string; email: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTestTenant(t.app);
  operator = await createPlatformAdmin(t.app);
});
afterAll(async () => t?.close());

const post = (url: string, payload?: unknown, token?: string) =>
  t.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}), ...(token ? { headers: bearer(token) } : {}) });
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

describe('self-registration', () => {
  it('tells anyone, signed in or not, that sign-up is open', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/registration' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ enabled: true });
  });

  it('creates a tenant whose admin can sign in', async () => {
    const slug = uniqueSlug('acme');
    const res = await post('/api/v1/auth/register', {
      company_name: 'Acme Ltd',
      slug,
      name: 'Ann Owner',
      email: `ann@${slug}.test`,
      password: 'a-long-enough-password',
      timezone: 'Europe/Berlin',
    });
    expect(res.statusCode).toBe(202);
    await t.app.container.auth.background.drain();
    const login = await post('/api/v1/auth/login', { email: `ann@${slug}.test`, password: 'a-long-enough-password' });
    expect(login.statusCode).toBe(200);
    expect(login.json().data.user).toMatchObject({ role: 'admin', tenant_slug: slug, tenant_name: 'Acme Ltd', tenant_timezone: 'Europe/Berlin' });
  });

  it('a taken slug is 409 naming the field; bad input is 400', async () => {
    const res = await post('/api/v1/auth/register', {
      company_name: 'Copycat',
      slug: tenant.slug,
      name: 'Cat',
      email: `cat@${uniqueSlug()}.test`,
      password: 'a-long-enough-password',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.fields[0].path).toBe('body.slug');
    const bad = await post('/api/v1/auth/register', { company_name: 'X', slug: uniqueSlug(), name: 'X', email: 'x@y.test', password: 'short', tenant_id: 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('is refused when self-registration is off', async () => {
    const closed = await createTestApp({ env: { SELF_REGISTRATION: 'false' } });
    try {
      const res = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { company_name: 'No', slug: uniqueSlug(), name: 'No', email: 'no@no.test', password: 'a-long-enough-password' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('SELF_REGISTRATION_DISABLED');
      const status = await closed.app.inject({ method: 'GET', url: '/api/v1/auth/registration' });
      expect(status.json().data).toEqual({ enabled: false });
    } finally {
      await closed.close();
    }
  });
});

describe('operator switch', () => {
  it('a platform admin switches into a tenant, acts as its admin, and is audited on both sides', async () => {
    const res = await post('/api/v1/auth/switch-tenant', { tenant_id: tenant.tenantId }, operator.token);
    expect(res.statusCode).toBe(200);
    const session = res.json().data as { access_token: string; refresh_token: string; user: Record<string, unknown> };
    expect(session.user).toMatchObject({ tenant_id: tenant.tenantId, acting_as_operator: true, platform_admin: true, role: 'admin' });
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=operator.switched_in', headers: bearer(session.access_token) });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().data[0]).toMatchObject({ actor_id: operator.id, entity_id: tenant.tenantId });
    const platform = await t.app.inject({
      method: 'GET',
      url: '/api/v1/platform/audit?action=platform.tenant_switched_into',
      headers: bearer(session.access_token),
    });
    expect(platform.json().data[0]).toMatchObject({ actor_id: operator.id, entity_id: tenant.tenantId });

    // The replaced platform session is over; the operator session refreshes into the same tenant.
    const refreshed = await post('/api/v1/auth/refresh', { refresh_token: session.refresh_token });
    expect(refreshed.statusCode).toBe(200);
    const again = refreshed.json().data as { access_token: string; refresh_token: string };
    expect((await me(again.access_token)).json().data).toMatchObject({ tenant_id: tenant.tenantId, acting_as_operator: true });

    const exit = await post('/api/v1/auth/switch-tenant/exit', undefined, again.access_token);
    expect(exit.statusCode).toBe(200);
    const back = exit.json().data as { access_token: string };
    expect((await me(back.access_token)).json().data).toMatchObject({ tenant_id: null, acting_as_operator: false, role: 'platform_admin' });
    expect((await post('/api/v1/auth/refresh', { refresh_token: again.refresh_token })).statusCode).toBe(401);
    const tenantAudit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=operator.switched_out', headers: bearer(tenant.admin.token) });
    expect(tenantAudit.json().data).toHaveLength(1);
    operator.token = back.access_token;
  });

  it('an unknown tenant is 404; a tenant admin may not switch (403)', async () => {
    expect((await post('/api/v1/auth/switch-tenant', { tenant_id: 'no-such-tenant' }, operator.token)).statusCode).toBe(404);
    expect((await post('/api/v1/auth/switch-tenant', { tenant_id: tenant.tenantId }, tenant.admin.token)).statusCode).toBe(403);
    expect((await post('/api/v1/auth/switch-tenant/exit', undefined, operator.token)).statusCode).toBe(409);
  });
});
