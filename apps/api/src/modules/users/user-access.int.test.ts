import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { systemRolePermissions } from '@switchboard/contracts';
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
import type { Revocation } from '../../lib/session-revocations';

let t: TestApp;
let a: TestTenant;
const revocations: Revocation[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
  t.app.container.sessionRevocations.onRevoked((r) => revocations.push(r));
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function call(token: string, method: Method, url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}
let seq = 0;
async function createUser(tenant: TestTenant, roleId: string) {
  const email = `access${++seq}@${tenant.slug}.test`;
  const res = await call(tenant.admin.token, 'POST', '/api/v1/users', {
    email,
    name: `Access ${seq}`,
    password: TEST_PASSWORD,
    role_id: roleId,
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id as string, email };
}
async function signIn(email: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return res.json().data as { access_token: string; refresh_token: string };
}
const refresh = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: token } });

describe('RBAC on users routes', () => {
  it('gives agents 403 on every users route and supervisors read-only access', async () => {
    const id = a.supervisor.id;
    const writes: [Method, string, object?][] = [
      [
        'POST',
        '/api/v1/users',
        { email: `x@${a.slug}.test`, name: 'X', password: TEST_PASSWORD, role_id: a.roleIds.agent },
      ],
      ['PATCH', `/api/v1/users/${id}`, { name: 'X' }],
      ['PUT', `/api/v1/users/${id}/role`, { role_id: a.roleIds.agent }],
      ['PUT', `/api/v1/users/${id}/status`, { status: 'disabled' }],
      ['DELETE', `/api/v1/users/${id}`],
    ];
    for (const [method, url, body] of writes) {
      for (const token of [a.agent.token, a.supervisor.token]) {
        const res = await call(token, method, url, body);
        expect(res.status, `${method} ${url}`).toBe(403);
        expect(res.body.error.message).toContain('users.write');
      }
    }
    expect((await call(a.agent.token, 'GET', '/api/v1/users')).status).toBe(403);
    expect((await call(a.supervisor.token, 'GET', '/api/v1/users')).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });
});

describe('self and last-admin protection', () => {
  it('refuses to disable, delete or change the role of oneself', async () => {
    for (const [method, url, body] of [
      ['PUT', `/api/v1/users/${a.admin.id}/status`, { status: 'disabled' }],
      ['DELETE', `/api/v1/users/${a.admin.id}`, undefined],
      ['PUT', `/api/v1/users/${a.admin.id}/role`, { role_id: a.roleIds.agent }],
    ] as [Method, string, object | undefined][]) {
      const res = await call(a.admin.token, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(res.body.error.message).toMatch(/your own account/);
    }
  });

  it('keeps at least one active admin, and nobody grants permissions they lack', async () => {
    const tenant = await createTestTenant(t.app);
    const manager = await call(tenant.admin.token, 'POST', '/api/v1/roles', {
      name: 'User manager',
      permissions: ['users.read', 'users.write', ...systemRolePermissions.agent],
    });
    expect(manager.status).toBe(201);
    const m = await createUser(tenant, manager.body.data.id);
    const mToken = await login(t.app, m.email);
    // Only a platform operator acting in the tenant holds more than the sole admin can lose.
    const op = await createPlatformAdmin(t.app);
    const sw = await call(op.token, 'POST', '/api/v1/auth/switch-tenant', { tenant_id: tenant.tenantId });
    expect(sw.status).toBe(200);
    const opToken = sw.body.data.access_token as string;

    for (const [method, url, body] of [
      ['PUT', `/api/v1/users/${tenant.admin.id}/status`, { status: 'disabled' }],
      ['DELETE', `/api/v1/users/${tenant.admin.id}`, undefined],
      ['PUT', `/api/v1/users/${tenant.admin.id}/role`, { role_id: tenant.roleIds.agent }],
    ] as [Method, string, object | undefined][]) {
      const refused = await call(mToken, method, url, body);
      expect(refused.status, `${method} ${url}`).toBe(403);
      expect(refused.body.error.message).toContain('permissions you do not hold');
      const res = await call(opToken, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(res.body.error.message).toContain('last active admin');
    }
    const escalate = await call(mToken, 'PUT', `/api/v1/users/${tenant.agent.id}/role`, {
      role_id: tenant.roleIds.admin,
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.message).toContain('cannot grant');

    // With a second admin, the first can be demoted.
    const second = await createUser(tenant, tenant.roleIds.admin);
    const demote = await call(opToken, 'PUT', `/api/v1/users/${tenant.admin.id}/role`, {
      role_id: tenant.roleIds.agent,
    });
    expect(demote.status).toBe(200);
    const last = await call(opToken, 'PUT', `/api/v1/users/${second.id}/status`, { status: 'disabled' });
    expect(last.status).toBe(409);
  });
});

describe('concurrent admin removal', () => {
  it('lets only one of two admins disable the other when both try at once', async () => {
    const tenant = await createTestTenant(t.app);
    const second = await createUser(tenant, tenant.roleIds.admin);
    const secondToken = await login(t.app, second.email);
    const [one, two] = await Promise.all([
      call(tenant.admin.token, 'PUT', `/api/v1/users/${second.id}/status`, { status: 'disabled' }),
      call(secondToken, 'PUT', `/api/v1/users/${tenant.admin.id}/status`, { status: 'disabled' }),
    ]);
    const statuses = [one.status, two.status].sort();
    // The loser is refused either as the last admin (409) or because its own account was just
    // disabled (403): never do both succeed.
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await call(
      one.status === 200 ? tenant.admin.token : secondToken,
      'GET',
      `/api/v1/users?role_id=${tenant.roleIds.admin}&status=active`,
    );
    expect(admins.body.data).toHaveLength(1);
  });
});

describe('access changes take effect at once', () => {
  it('disabling a user revokes its refresh tokens, closes its sockets and refuses its old access token', async () => {
    const u = await createUser(a, a.roleIds.agent);
    const session = await signIn(u.email);
    expect((await call(session.access_token, 'GET', '/api/v1/notifications')).status).toBe(200);

    const res = await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/status`, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('disabled');

    // The auth plugin checks the account's status before the token's perm version, so the old
    // access token is refused as ACCOUNT_DISABLED (403) rather than TOKEN_INVALID (401).
    const old = await call(session.access_token, 'GET', '/api/v1/notifications');
    expect(old.status).toBe(403);
    expect(old.body.error.code).toBe('ACCOUNT_DISABLED');
    expect((await refresh(session.refresh_token)).statusCode).toBe(401);
    const [rows] = (await t.app.container.db.execute(
      sql`SELECT revoked_at FROM refresh_tokens WHERE user_id = ${u.id}`,
    )) as unknown as [{ revoked_at: Date | null }[]];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
    expect(revocations).toContainEqual({ userId: u.id, tenantId: a.tenantId, reason: 'user_disabled' });
    const loginRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(loginRes.statusCode).not.toBe(200);

    expect(
      (await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/status`, { status: 'active' })).status,
    ).toBe(200);
    await signIn(u.email);
  });

  it('a role change ends old tokens, applies the new permissions and notifies the user', async () => {
    const u = await createUser(a, a.roleIds.agent);
    const oldToken = (await signIn(u.email)).access_token;
    expect((await call(oldToken, 'GET', '/api/v1/users')).status).toBe(403);

    const res = await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/role`, {
      role_id: a.roleIds.supervisor,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.role_key).toBe('supervisor');
    expect(revocations).toContainEqual({ userId: u.id, tenantId: a.tenantId, reason: 'role_changed' });

    expect((await call(oldToken, 'GET', '/api/v1/users')).status).toBe(401);
    const newToken = await login(t.app, u.email);
    expect((await call(newToken, 'GET', '/api/v1/users')).status).toBe(200);
    const bell = await call(newToken, 'GET', '/api/v1/notifications');
    expect(bell.body.data[0]).toMatchObject({
      kind: 'role_changed',
      title: 'Your role is now Supervisor',
      read_at: null,
    });
  });

  it('deleting a user ends its sessions', async () => {
    const u = await createUser(a, a.roleIds.agent);
    const session = await signIn(u.email);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(200);
    expect((await refresh(session.refresh_token)).statusCode).toBe(401);
    expect((await call(session.access_token, 'GET', '/api/v1/notifications')).status).toBe(401);
    expect(revocations).toContainEqual({ userId: u.id, tenantId: a.tenantId, reason: 'user_deleted' });
    expect((await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(404);
  });
});

describe('audit', () => {
  it('records create, update, role change, status change and delete with before/after and no secrets', async () => {
    const u = await createUser(a, a.roleIds.agent);
    await call(a.admin.token, 'PATCH', `/api/v1/users/${u.id}`, { name: 'Renamed' });
    await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/role`, { role_id: a.roleIds.supervisor });
    await call(a.admin.token, 'PUT', `/api/v1/users/${u.id}/status`, { status: 'disabled' });
    await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`);
    const log = await call(a.admin.token, 'GET', `/api/v1/audit?entity_type=user&entity_id=${u.id}`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'user.deleted',
      'user.disabled',
      'user.role_changed',
      'user.updated',
      'user.created',
    ]);
    const updated = log.body.data.find((e: { action: string }) => e.action === 'user.updated');
    expect(updated.before.name).toBe('Access ' + u.email.match(/access(\d+)@/)![1]);
    expect(updated.after.name).toBe('Renamed');
    expect(updated.actor_id).toBe(a.admin.id);
    expect(JSON.stringify(log.body.data)).not.toMatch(/argon2|password_hash/);
  });
});
