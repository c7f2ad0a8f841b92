import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { systemRolePermissions, type Permission } from '@switchboard/contracts';
import { refreshTokens, users } from '../../db/schema/index';
import type { MailMessage } from '../../lib/mail/mailer';
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

/**
 * Issue 16.1: a user may act on another user only when the target's permissions are a subset of
 * the caller's — the rule role grants use. Every user-changing action × caller × target.
 */
const outbox: MailMessage[] = [];
let t: TestApp;
let a: TestTenant;

type Method = 'PATCH' | 'PUT' | 'DELETE' | 'POST';
async function call(token: string, method: Method | 'GET', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

let seq = 0;
async function createRole(permissions: Permission[]) {
  const res = await call(a.admin.token, 'POST', '/api/v1/roles', { name: `Role ${++seq}`, permissions });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}
async function createUser(roleId: string) {
  const email = `priv${++seq}@${a.slug}.test`;
  const res = await call(a.admin.token, 'POST', '/api/v1/users', {
    email,
    name: `Priv ${seq}`,
    password: TEST_PASSWORD,
    role_id: roleId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.data.id as string, email };
}
async function snapshot(id: string) {
  const [row] = await t.app.container.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, a.tenantId), eq(users.id, id)));
  const live = await t.app.container.db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, id), isNull(refreshTokens.revokedAt)));
  const { updatedAt: _u, ...rest } = row!;
  return { ...rest, liveRefreshTokens: live.length };
}

type Caller = { name: string; token: string; permissions: Permission[]; peerRoleId: string; operator?: boolean };
type TargetKind = 'admin' | 'supervisor' | 'agent' | 'bigger' | 'peer';
type Action = {
  name: string;
  /** Prepares the target (as the tenant admin) before the caller acts. */
  setup?: (id: string) => Promise<void>;
  run: (token: string, id: string) => Promise<{ status: number; body: { error?: { message: string } } }>;
};

let smallRoleId: string;
const actions: Action[] = [
  { name: 'PATCH name', run: (tok, id) => call(tok, 'PATCH', `/api/v1/users/${id}`, { name: 'Taken over' }) },
  { name: 'PATCH locale', run: (tok, id) => call(tok, 'PATCH', `/api/v1/users/${id}`, { locale: 'de' }) },
  {
    name: 'PATCH email',
    run: (tok, id) => call(tok, 'PATCH', `/api/v1/users/${id}`, { email: `mine${++seq}@attacker.test` }),
  },
  { name: 'PUT role', run: (tok, id) => call(tok, 'PUT', `/api/v1/users/${id}/role`, { role_id: smallRoleId }) },
  {
    name: 'PUT status disabled',
    run: (tok, id) => call(tok, 'PUT', `/api/v1/users/${id}/status`, { status: 'disabled' }),
  },
  {
    name: 'PUT status active',
    setup: async (id) => {
      const res = await call(a.admin.token, 'PUT', `/api/v1/users/${id}/status`, { status: 'disabled' });
      expect(res.status).toBe(200);
    },
    run: (tok, id) => call(tok, 'PUT', `/api/v1/users/${id}/status`, { status: 'active' }),
  },
  { name: 'DELETE', run: (tok, id) => call(tok, 'DELETE', `/api/v1/users/${id}`) },
];

const callers: Caller[] = [];
const targetRoles = {} as Record<Exclude<TargetKind, 'peer'>, string>;
const targetPermissions = {} as Record<Exclude<TargetKind, 'peer'>, Permission[]>;

beforeAll(async () => {
  t = await createTestApp({ ports: { mailer: { send: async (m) => void outbox.push(m) } } });
  a = await createTestTenant(t.app);
  const op = await createPlatformAdmin(t.app);
  const lift = await call(op.token, 'PUT', `/api/v1/tenants/${a.tenantId}/limits`, { users: null, agents: null });
  expect(lift.status).toBe(200);
  smallRoleId = await createRole(['users.read']);

  const managerPerms: Permission[] = ['users.read', 'users.write', 'roles.read'];
  const seniorPerms = [...new Set<Permission>([...systemRolePermissions.supervisor, 'users.write', 'roles.read'])];
  const extra = systemRolePermissions.admin.find((p) => !seniorPerms.includes(p))!;
  const biggerPerms = [...seniorPerms, extra];

  for (const [name, permissions] of [
    ['custom [users.read, users.write, roles.read]', managerPerms],
    ['supervisor + users.write', seniorPerms],
  ] as const) {
    const roleId = await createRole([...permissions]);
    const u = await createUser(roleId);
    callers.push({ name, token: await login(t.app, u.email), permissions: [...permissions], peerRoleId: roleId });
  }
  callers.push({
    name: 'admin',
    token: a.admin.token,
    permissions: systemRolePermissions.admin,
    peerRoleId: a.roleIds.admin,
  });
  const sw = await call(op.token, 'POST', '/api/v1/auth/switch-tenant', { tenant_id: a.tenantId });
  expect(sw.status).toBe(200);
  callers.push({
    name: 'platform operator',
    token: sw.body.data.access_token,
    permissions: systemRolePermissions.admin,
    peerRoleId: a.roleIds.admin,
    operator: true,
  });

  targetRoles.admin = a.roleIds.admin;
  targetRoles.supervisor = a.roleIds.supervisor;
  targetRoles.agent = a.roleIds.agent;
  targetRoles.bigger = await createRole(biggerPerms);
  targetPermissions.admin = systemRolePermissions.admin;
  targetPermissions.supervisor = systemRolePermissions.supervisor;
  targetPermissions.agent = systemRolePermissions.agent;
  targetPermissions.bigger = biggerPerms;
}, 120_000);
afterAll(async () => t?.close());

describe('acting on another user needs every permission the target holds', () => {
  it('allows or refuses each action for each caller × target, and a refusal changes nothing', async () => {
    const results: string[] = [];
    const wrong: string[] = [];
    for (const caller of callers) {
      for (const kind of ['admin', 'supervisor', 'agent', 'bigger', 'peer'] as TargetKind[]) {
        const roleId = kind === 'peer' ? caller.peerRoleId : targetRoles[kind];
        const perms = kind === 'peer' ? caller.permissions : targetPermissions[kind];
        const allowed = caller.operator || perms.every((p) => caller.permissions.includes(p));
        for (const action of actions) {
          const target = await createUser(roleId);
          await action.setup?.(target.id);
          const before = await snapshot(target.id);
          const res = await action.run(caller.token, target.id);
          const label = `${caller.name} → ${kind}: ${action.name} = ${res.status}`;
          results.push(label);
          if (allowed) {
            if (res.status !== 200) wrong.push(`${label} (expected 200) ${JSON.stringify(res.body)}`);
          } else {
            if (res.status !== 403) wrong.push(`${label} (expected 403)`);
            else if (!/permissions you do not hold/.test(res.body.error?.message ?? ''))
              wrong.push(`${label} unclear message: ${res.body.error?.message}`);
            const after = await snapshot(target.id);
            if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${label} changed the database`);
          }
        }
      }
    }
    expect(wrong, results.join('\n')).toEqual([]);
  }, 300_000);

  it('marks each listed user as manageable or not for the viewer', async () => {
    const manager = callers[0]!;
    const peer = await createUser(manager.peerRoleId);
    const listed = async (email: string) => {
      const res = await call(manager.token, 'GET', `/api/v1/users?search=${encodeURIComponent(email)}`);
      expect(res.status).toBe(200);
      return (res.body.data as { email: string; manageable: boolean }[]).find((r) => r.email === email);
    };
    expect((await listed(a.admin.email))?.manageable).toBe(false);
    expect((await listed(peer.email))?.manageable).toBe(true);
    const one = await call(manager.token, 'GET', `/api/v1/users/${a.admin.id}`);
    expect(one.body.data.manageable).toBe(false);
    const asAdmin = await call(a.admin.token, 'GET', `/api/v1/users/${peer.id}`);
    expect(asAdmin.body.data.manageable).toBe(true);
  });

  it('refuses the reported takeover: the custom manager cannot re-address the admin', async () => {
    const manager = callers[0]!;
    const res = await call(manager.token, 'PATCH', `/api/v1/users/${a.admin.id}`, { email: 'mine@attacker.test' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/You cannot change a user who holds permissions you do not hold/);
    expect((await snapshot(a.admin.id)).email).toBe(a.admin.email);
  });
});

describe("changing another user's e-mail", () => {
  it("revokes the target's refresh tokens, ends its access token and tells the old address", async () => {
    const target = await createUser(a.roleIds.agent);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: target.email, password: TEST_PASSWORD },
    });
    const session = signIn.json().data as { access_token: string; refresh_token: string };
    const revoked: string[] = [];
    t.app.container.sessionRevocations.onRevoked((r) => revoked.push(r.userId));
    outbox.length = 0;

    const res = await call(a.admin.token, 'PATCH', `/api/v1/users/${target.id}`, { email: 'new-address@example.test' });
    expect(res.status).toBe(200);
    expect((await snapshot(target.id)).liveRefreshTokens).toBe(0);
    expect(revoked).toContain(target.id);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: session.refresh_token },
    });
    expect(refresh.statusCode).toBe(401);
    expect((await call(session.access_token, 'GET', '/api/v1/auth/me')).status).toBe(401);

    const notice = outbox.find((m) => m.to === target.email);
    expect(notice, 'a notice to the old address').toBeDefined();
    expect(notice!.text).toContain('new-address@example.test');
    expect(outbox.some((m) => m.to === 'new-address@example.test' && /token=/.test(m.text))).toBe(false);
  });

  it('does not end sessions when only the name changes', async () => {
    const target = await createUser(a.roleIds.agent);
    await login(t.app, target.email);
    const res = await call(a.admin.token, 'PATCH', `/api/v1/users/${target.id}`, { name: 'Renamed' });
    expect(res.status).toBe(200);
    expect((await snapshot(target.id)).liveRefreshTokens).toBe(1);
  });

  it('sends the own e-mail change to the profile, where the password is asked', async () => {
    const res = await call(a.admin.token, 'PATCH', `/api/v1/users/${a.admin.id}`, { email: 'self@example.test' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/profile/);
    expect((await snapshot(a.admin.id)).email).toBe(a.admin.email);
  });
});

describe('changing the own e-mail (PATCH /auth/me)', () => {
  it('needs the current password: missing → 400 naming it, wrong → 400, right → changed, old address told', async () => {
    const u = await createUser(a.roleIds.agent);
    const token = await login(t.app, u.email);
    const missing = await call(token, 'PATCH', '/api/v1/auth/me', { email: 'moved@example.test' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error)).toContain('body.current_password');
    const wrong = await call(token, 'PATCH', '/api/v1/auth/me', {
      email: 'moved@example.test',
      current_password: 'not-the-password',
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.error)).toContain('body.current_password');
    expect((await snapshot(u.id)).email).toBe(u.email);

    outbox.length = 0;
    const right = await call(token, 'PATCH', '/api/v1/auth/me', {
      email: 'moved@example.test',
      current_password: TEST_PASSWORD,
    });
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.data.email).toBe('moved@example.test');
    expect(outbox.some((m) => m.to === u.email)).toBe(true);
    const taken = await call(token, 'PATCH', '/api/v1/auth/me', {
      email: a.admin.email,
      current_password: TEST_PASSWORD,
    });
    expect(taken.status).toBe(409);
  });

  it('still changes the name without a password', async () => {
    const u = await createUser(a.roleIds.agent);
    const token = await login(t.app, u.email);
    const res = await call(token, 'PATCH', '/api/v1/auth/me', { name: 'Only the name' });
    expect(res.status).toBe(200);
  });
});

describe('phones and roles follow the same rule', () => {
  let phoneManager: string;
  let roleEditor: string;
  beforeAll(async () => {
    const perms: Permission[] = ['users.read', 'endpoints.read', 'endpoints.write', 'roles.read', 'roles.write'];
    const u = await createUser(await createRole(perms));
    phoneManager = await login(t.app, u.email);
    roleEditor = phoneManager;
  });
  let ext = 7100;
  async function phone(userId: string | null) {
    const res = await call(a.admin.token, 'POST', '/api/v1/endpoints', {
      extension: String(++ext),
      display_name: `Phone ${ext}`,
      ...(userId ? { user_id: userId } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.id as string;
  }
  const ownerOf = async (id: string) => (await call(a.admin.token, 'GET', `/api/v1/endpoints/${id}`)).body.data.user_id;

  it("refuses giving a phone to, taking it from, or reading the SIP password of a more privileged user's phone", async () => {
    const adminPhone = await phone(a.admin.id);
    const free = await phone(null);
    const peerPhone = await phone(null);

    const give = await call(phoneManager, 'PATCH', `/api/v1/endpoints/${free}`, { user_id: a.admin.id });
    expect(give.status).toBe(403);
    expect(give.body.error.message).toMatch(/permissions you do not hold/);
    expect(await ownerOf(free)).toBeNull();
    const create = await call(phoneManager, 'POST', '/api/v1/endpoints', {
      extension: '7199',
      display_name: 'For the admin',
      user_id: a.admin.id,
    });
    expect(create.status).toBe(403);

    const take = await call(phoneManager, 'PATCH', `/api/v1/endpoints/${adminPhone}`, { user_id: null });
    expect(take.status).toBe(403);
    expect(await ownerOf(adminPhone)).toBe(a.admin.id);
    expect((await call(phoneManager, 'POST', `/api/v1/endpoints/${adminPhone}/reveal-password`)).status).toBe(403);
    expect((await call(phoneManager, 'POST', `/api/v1/endpoints/${adminPhone}/regenerate-password`)).status).toBe(403);

    // Phones of nobody, or of users within the caller's permissions, stay theirs to manage.
    expect((await call(phoneManager, 'POST', `/api/v1/endpoints/${free}/reveal-password`)).status).toBe(200);
    const small = await createUser(smallRoleId);
    const assign = await call(phoneManager, 'PATCH', `/api/v1/endpoints/${peerPhone}`, { user_id: small.id });
    expect(assign.status).toBe(200);
    expect((await call(a.admin.token, 'PATCH', `/api/v1/endpoints/${free}`, { user_id: a.admin.id })).status).toBe(200);
  });

  it('refuses changing the permissions of a role that holds permissions the editor lacks', async () => {
    const bigger = targetRoles.bigger;
    const before = (await call(a.admin.token, 'GET', `/api/v1/roles/${bigger}`)).body.data.permissions;
    const res = await call(roleEditor, 'PATCH', `/api/v1/roles/${bigger}`, { permissions: ['users.read'] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/You cannot change a role that holds permissions you do not hold/);
    expect((await call(a.admin.token, 'GET', `/api/v1/roles/${bigger}`)).body.data.permissions).toEqual(before);
    const own = await call(roleEditor, 'PATCH', `/api/v1/roles/${smallRoleId}`, { permissions: ['users.read', 'roles.read'] });
    expect(own.status).toBe(200);
  });
});
