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

type Pair = { access_token: string; refresh_token: string };
async function signIn(email: string, password = TEST_PASSWORD): Promise<Pair> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  expect(res.statusCode).toBe(200);
  return res.json().data as Pair;
}
const refresh = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: token } });

describe('A5 refresh rotation and reuse detection', () => {
  it('R1 gives R2; presenting R1 again is refused and revokes R2 (the family)', async () => {
    const r1 = await signIn(tenant.agent.email);
    const second = await refresh(r1.refresh_token);
    expect(second.statusCode).toBe(200);
    const r2 = second.json().data as Pair;
    const reuse = await refresh(r1.refresh_token);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('TOKEN_INVALID');
    expect((await refresh(r2.refresh_token)).statusCode).toBe(401);
    const [row] = await t.app.container.db
      .select({ reason: refreshTokens.revokedReason })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(r2.refresh_token)));
    expect(row?.reason).toBe('reuse');
  });

  it('two refreshes of one token at once: one wins, the other is a reuse', async () => {
    const r1 = await signIn(tenant.agent.email);
    const results = await Promise.all([refresh(r1.refresh_token), refresh(r1.refresh_token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    const winner = results.find((r) => r.statusCode === 200)!.json().data as Pair;
    expect((await refresh(winner.refresh_token)).statusCode).toBe(401);
  });

  it('an unrelated session of the same user survives a reuse in another family', async () => {
    const a = await signIn(tenant.agent.email);
    const b = await signIn(tenant.agent.email);
    await refresh(a.refresh_token);
    await refresh(a.refresh_token);
    expect((await refresh(b.refresh_token)).statusCode).toBe(200);
  });

  it('an expired refresh token is refused', async () => {
    const r = await signIn(tenant.agent.email);
    await t.app.container.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.tokenHash, sha256(r.refresh_token)));
    const res = await refresh(r.refresh_token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
  });
});

describe('A6 sessions end on logout, password change and disable', () => {
  it('logout by body token ends that session only', async () => {
    const a = await signIn(tenant.supervisor.email);
    const b = await signIn(tenant.supervisor.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: { refresh_token: a.refresh_token } });
    expect(out.statusCode).toBe(200);
    expect((await refresh(a.refresh_token)).statusCode).toBe(401);
    expect((await refresh(b.refresh_token)).statusCode).toBe(200);
  });

  it('a password change ends every other session and old access tokens, and signs this browser in afresh', async () => {
    const other = await signIn(tenant.admin.email);
    const current = await signIn(tenant.admin.email);
    const revoked: string[] = [];
    const off = t.app.container.sessionRevocations.onRevoked((r) => revoked.push(r.reason));
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(current.access_token),
      payload: { current_password: 'not-my-password', new_password: 'a-brand-new-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('body.current_password');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: bearer(current.access_token),
      payload: { current_password: TEST_PASSWORD, new_password: 'a-brand-new-password' },
    });
    off();
    expect(res.statusCode).toBe(200);
    expect(revoked).toEqual(['password_changed']);
    const fresh = res.json().data as Pair;
    expect(res.cookies.find((c) => c.name === 'sb_refresh')?.value).toBe(fresh.refresh_token);
    expect((await refresh(other.refresh_token)).statusCode).toBe(401);
    expect((await refresh(current.refresh_token)).statusCode).toBe(401);
    const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect((await me(other.access_token)).statusCode).toBe(401);
    expect((await me(fresh.access_token)).statusCode).toBe(200);
    expect((await refresh(fresh.refresh_token)).statusCode).toBe(200);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.password_changed', headers: bearer(fresh.access_token) });
    expect(audit.json().data).toHaveLength(1);
    await signIn(tenant.admin.email, 'a-brand-new-password');
  });

  it('a disabled user cannot refresh, and the session is revoked', async () => {
    const r = await signIn(tenant.agent.email);
    const scope = and(eq(users.tenantId, tenant.tenantId), eq(users.id, tenant.agent.id));
    await t.app.container.db.update(users).set({ status: 'disabled' }).where(scope);
    const res = await refresh(r.refresh_token);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
    await t.app.container.db.update(users).set({ status: 'active' }).where(scope);
    expect((await refresh(r.refresh_token)).statusCode).toBe(401);
  });
});
