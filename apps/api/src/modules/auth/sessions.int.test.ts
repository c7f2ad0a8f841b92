import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bearer, createTestApp, createTestTenant, TEST_PASSWORD, type TestApp, type TestTenant } from '../../../test/helpers';
import { refreshTokens, users } from '../../db/schema/index';
import { sha256 } from '../../lib/ids';

let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

type TokenBody = { data: { access_token: string; refresh_token: string; user: { id: string; role: string } } };

async function login(email = tenant.agent.email, password = TEST_PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
}
const refresh = (token: string, viaCookie = false) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    ...(viaCookie ? { cookies: { sb_refresh: token } } : { payload: { refresh_token: token } }),
  });

describe('sign-in, refresh and sign-out', () => {
  it('login answers a token pair, the session user and an httpOnly strict cookie on the auth path', async () => {
    const res = await login();
    expect(res.statusCode).toBe(200);
    const body = res.json() as TokenBody;
    expect(body.data).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(body.data.user).toMatchObject({
      id: tenant.agent.id,
      email: tenant.agent.email,
      tenant_id: tenant.tenantId,
      tenant_slug: tenant.slug,
      role: 'agent',
      role_name: 'Agent',
      platform_admin: false,
      acting_as_operator: false,
      totp_enabled: false,
    });
    const cookie = res.cookies.find((c) => c.name === 'sb_refresh');
    expect(cookie).toMatchObject({ value: body.data.refresh_token, httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(cookie?.maxAge).toBe(30 * 86400);
    expect(cookie?.secure).toBeFalsy();
    const [row] = await t.app.container.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(body.data.refresh_token)));
    expect(row).toBeDefined();
    const [u] = await t.app.container.db.select({ at: users.lastLoginAt }).from(users).where(and(eq(users.tenantId, tenant.tenantId), eq(users.id, tenant.agent.id)));
    expect(u?.at).toBeInstanceOf(Date);
  });

  it('the access token opens /me with the tenant, role and permissions', async () => {
    const { data } = (await login()).json() as TokenBody;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(data.access_token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().data).toMatchObject({ id: tenant.agent.id, tenant_name: `Tenant ${tenant.slug}`, tenant_timezone: 'UTC', locale: 'en' });
    expect(me.json().data.permissions.length).toBeGreaterThan(0);
  });

  it('unknown e-mail, wrong password and a disabled account answer the same 401', async () => {
    const unknown = await login('nobody@nowhere.test');
    const wrong = await login(tenant.supervisor.email, 'not-the-password');
    await t.app.container.db.update(users).set({ status: 'disabled' }).where(and(eq(users.tenantId, tenant.tenantId), eq(users.id, tenant.supervisor.id)));
    const disabled = await login(tenant.supervisor.email);
    await t.app.container.db.update(users).set({ status: 'active' }).where(and(eq(users.tenantId, tenant.tenantId), eq(users.id, tenant.supervisor.id)));
    for (const res of [unknown, wrong, disabled]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password' });
    }
  });

  it('refresh rotates the token (body or cookie) and the new pair works', async () => {
    const first = ((await login()).json() as TokenBody).data;
    const second = await refresh(first.refresh_token, true);
    expect(second.statusCode).toBe(200);
    const r2 = (second.json() as TokenBody).data;
    expect(r2.refresh_token).not.toBe(first.refresh_token);
    expect(second.cookies.find((c) => c.name === 'sb_refresh')?.value).toBe(r2.refresh_token);
    const [r1row] = await t.app.container.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(first.refresh_token)));
    const [r2row] = await t.app.container.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, sha256(r2.refresh_token)));
    expect(r1row?.usedAt).toBeInstanceOf(Date);
    expect(r1row?.replacedById).toBe(r2row?.id);
    expect(r2row?.familyId).toBe(r1row?.familyId);
    const third = await refresh(r2.refresh_token);
    expect(third.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer((third.json() as TokenBody).data.access_token) });
    expect(me.statusCode).toBe(200);
  });

  it('refresh without a token or with a made-up one is 401', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh' })).statusCode).toBe(401);
    expect((await refresh('x'.repeat(43))).statusCode).toBe(401);
  });

  it('logout revokes the session family and clears the cookie (A6)', async () => {
    const first = ((await login()).json() as TokenBody).data;
    const r2 = ((await refresh(first.refresh_token)).json() as TokenBody).data;
    const revoked: string[] = [];
    const off = t.app.container.sessionRevocations.onRevoked((r) => revoked.push(r.userId));
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { sb_refresh: r2.refresh_token } });
    off();
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'sb_refresh');
    expect(cleared?.value).toBe('');
    expect(revoked).toEqual([tenant.agent.id]);
    expect((await refresh(r2.refresh_token)).statusCode).toBe(401);
  });

  it('PATCH /me changes the own name and locale and is audited', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: bearer(tenant.admin.token),
      payload: { name: 'Ada Admin', locale: 'de' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ name: 'Ada Admin', locale: 'de' });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: bearer(tenant.admin.token), payload: { role: 'x' } });
    expect(bad.statusCode).toBe(400);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=user.profile_updated', headers: bearer(tenant.admin.token) });
    expect(audit.json().data[0]).toMatchObject({ actor_id: tenant.admin.id, after: { name: 'Ada Admin', locale: 'de' } });
  });

  it('a suspended tenant cannot sign in (403) once the password is right', async () => {
    const other = await createTestTenant(t.app);
    const { tenants } = await import('../../db/schema/index');
    await t.app.container.db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, other.tenantId));
    const res = await login(other.agent.email);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('TENANT_SUSPENDED');
    expect((await login(other.agent.email, 'wrong-password-here')).statusCode).toBe(401);
  });

  it('the cookie is Secure when COOKIE_SECURE is set', async () => {
    const secure = await createTestApp({ env: { COOKIE_SECURE: 'true', REFRESH_TOKEN_TTL_DAYS: '7' } });
    try {
      const other = await createTestTenant(secure.app);
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: other.agent.email, password: TEST_PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'sb_refresh');
      expect(cookie).toMatchObject({ secure: true, maxAge: 7 * 86400, httpOnly: true });
    } finally {
      await secure.close();
    }
  });
});
