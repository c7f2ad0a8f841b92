import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '@switchboard/contracts';
import {
  bearer,
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
async function createRole(tenant: TestTenant, perms: string[], name = `Role ${++seq}`) {
  const res = await call(tenant.admin.token, 'POST', '/api/v1/roles', { name, permissions: perms });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; key: string; name: string; permissions: string[] };
}
async function createUser(tenant: TestTenant, roleId: string) {
  const email = `role-user${++seq}@${tenant.slug}.test`;
  const res = await call(tenant.admin.token, 'POST', '/api/v1/users', {
    email,
    name: 'Role user',
    password: TEST_PASSWORD,
    role_id: roleId,
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id as string, email };
}

describe('roles', () => {
  it('lists the system roles with user counts and walks pages of custom roles', async () => {
    const tenant = await createTestTenant(t.app);
    const first = await call(tenant.supervisor.token, 'GET', '/api/v1/roles');
    expect(first.status).toBe(200);
    expect(
      first.body.data.map((r: { key: string; user_count: number; system: boolean }) => [
        r.key,
        r.user_count,
        r.system,
      ]),
    ).toEqual([
      ['admin', 1, true],
      ['supervisor', 1, true],
      ['agent', 1, true],
    ]);
    for (let i = 0; i < 4; i++) await createRole(tenant, ['users.read'], `Custom ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(
        tenant.admin.token,
        'GET',
        `/api/v1/roles?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((r: { name: string }) => r.name));
      cursor = res.body.meta.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(['Admin', 'Supervisor', 'Agent', 'Custom 0', 'Custom 1', 'Custom 2', 'Custom 3']);
    const searched = await call(tenant.admin.token, 'GET', '/api/v1/roles?search=custom 2');
    expect(searched.body.data.map((r: { name: string }) => r.name)).toEqual(['Custom 2']);
  });

  it('creates a custom role with a generated key and normalised permissions; validates them', async () => {
    const res = await call(a.admin.token, 'POST', '/api/v1/roles', {
      name: 'Quality reviewer',
      description: 'Listens to recordings',
      permissions: ['recordings.listen', 'cdr.read', 'recordings.listen'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'Quality reviewer',
      system: false,
      user_count: 0,
      permissions: ['cdr.read', 'recordings.listen'],
    });
    expect(res.body.data.key).toMatch(/^custom-[0-9a-f]{10}$/);
    expect((await call(a.admin.token, 'GET', `/api/v1/roles/${res.body.data.id}`)).body.data.name).toBe(
      'Quality reviewer',
    );

    const unknown = await call(a.admin.token, 'POST', '/api/v1/roles', {
      name: 'Bad',
      permissions: ['users.read', 'root.everything'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].path).toBe('body.permissions.1');
    const dup = await call(a.admin.token, 'POST', '/api/v1/roles', {
      name: 'Quality reviewer',
      permissions: [],
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0].path).toBe('body.name');
    const sysName = await call(a.admin.token, 'POST', '/api/v1/roles', { name: 'Agent', permissions: [] });
    expect(sysName.status).toBe(409);
    const extra = await call(a.admin.token, 'POST', '/api/v1/roles', {
      name: 'X',
      permissions: [],
      system: true,
    });
    expect(extra.status).toBe(400);
  });

  it('keeps system roles read-only', async () => {
    for (const id of Object.values(a.roleIds)) {
      const upd = await call(a.admin.token, 'PATCH', `/api/v1/roles/${id}`, { permissions: ['users.read'] });
      expect(upd.status).toBe(409);
      expect(upd.body.error.message).toContain('read-only');
      expect((await call(a.admin.token, 'DELETE', `/api/v1/roles/${id}`)).status).toBe(409);
    }
  });

  it('deletes a custom role only when no user holds it', async () => {
    const role = await createRole(a, ['users.read']);
    const u = await createUser(a, role.id);
    const blocked = await call(a.admin.token, 'DELETE', `/api/v1/roles/${role.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.user_count).toBe(1);
    // A deleted user no longer holds the role.
    await call(a.admin.token, 'DELETE', `/api/v1/users/${u.id}`);
    expect((await call(a.admin.token, 'GET', `/api/v1/roles/${role.id}`)).body.data.user_count).toBe(0);
    expect((await call(a.admin.token, 'DELETE', `/api/v1/roles/${role.id}`)).status).toBe(200);
    expect((await call(a.admin.token, 'GET', `/api/v1/roles/${role.id}`)).status).toBe(404);
  });

  it("a permission change ends its holders' tokens and sockets and applies on their next sign-in (T7)", async () => {
    const role = await createRole(a, ['users.read', 'notifications.read']);
    const u = await createUser(a, role.id);
    const oldToken = await login(t.app, u.email);
    expect((await call(oldToken, 'GET', '/api/v1/users')).status).toBe(200);

    const renamed = await call(a.admin.token, 'PATCH', `/api/v1/roles/${role.id}`, { name: 'Renamed only' });
    expect(renamed.status).toBe(200);
    expect((await call(oldToken, 'GET', '/api/v1/users')).status).toBe(200);

    const res = await call(a.admin.token, 'PATCH', `/api/v1/roles/${role.id}`, {
      permissions: ['notifications.read'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ permissions: ['notifications.read'], user_count: 1 });
    expect(revocations).toContainEqual({ userId: u.id, tenantId: a.tenantId, reason: 'role_changed' });
    expect((await call(oldToken, 'GET', '/api/v1/users')).status).toBe(401);
    const newToken = await login(t.app, u.email);
    const denied = await call(newToken, 'GET', '/api/v1/users');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('users.read');
  });

  it('lets nobody grant permissions they do not hold', async () => {
    const editor = await createRole(a, ['roles.read', 'roles.write', 'notifications.read']);
    const u = await createUser(a, editor.id);
    const token = await login(t.app, u.email);
    const ok = await call(token, 'POST', '/api/v1/roles', { name: 'Subset', permissions: ['roles.read'] });
    expect(ok.status).toBe(201);
    const res = await call(token, 'POST', '/api/v1/roles', {
      name: 'Escalate',
      permissions: ['roles.read', 'audit.read'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.details.permissions).toEqual(['audit.read']);
    const upd = await call(token, 'PATCH', `/api/v1/roles/${ok.body.data.id}`, {
      permissions: ['users.write'],
    });
    expect(upd.status).toBe(403);
  });

  it('answers 403 without roles permissions and lists the permission catalog', async () => {
    expect((await call(a.agent.token, 'GET', '/api/v1/roles')).status).toBe(403);
    expect(
      (await call(a.supervisor.token, 'POST', '/api/v1/roles', { name: 'X', permissions: [] })).status,
    ).toBe(403);
    const res = await call(a.supervisor.token, 'GET', '/api/v1/permissions');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(permissions.length);
    expect(res.body.data).toContainEqual({
      key: 'users.write',
      group: 'Users',
      description: expect.any(String),
    });
  });

  it('audits create, update and delete with before/after', async () => {
    const role = await createRole(a, ['users.read'], 'Audited');
    await call(a.admin.token, 'PATCH', `/api/v1/roles/${role.id}`, {
      permissions: ['users.read', 'roles.read'],
    });
    await call(a.admin.token, 'DELETE', `/api/v1/roles/${role.id}`);
    const log = await call(a.admin.token, 'GET', `/api/v1/audit?entity_type=role&entity_id=${role.id}`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'role.deleted',
      'role.updated',
      'role.created',
    ]);
    expect(log.body.data[1].before.permissions).toEqual(['users.read']);
    expect(log.body.data[1].after.permissions).toEqual(['users.read', 'roles.read']);
  });
});
