import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import { bearer, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../../test/helpers';

const SECRET = new TextEncoder().encode('test-secret-test-secret-test-secret-0123456789');
let t: TestApp;
let tenant: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

type Tweak = { alg?: string; iss?: string; aud?: string; exp?: number; nbf?: number };

/** A token for the tenant's admin (in its live session), valid unless a tweak spoils one property. */
function forge(tweak: Tweak = {}) {
  const now = Math.floor(Date.now() / 1000);
  const sid = (decodeJwt(tenant.admin.token) as { sid: string }).sid;
  return new SignJWT({ tid: tenant.tenantId, role: 'admin', pv: 1, sid })
    .setProtectedHeader({ alg: tweak.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(tenant.admin.id)
    .setIssuer(tweak.iss ?? 'switchboard')
    .setAudience(tweak.aud ?? 'switchboard-api')
    .setIssuedAt(now - 10)
    .setNotBefore(tweak.nbf ?? now - 10)
    .setExpirationTime(tweak.exp ?? now + 600)
    .sign(SECRET);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });

describe('A4 access token verification', () => {
  it('a correctly made token is accepted (so the refusals below are about the tweak)', async () => {
    expect((await me(await forge())).statusCode).toBe(200);
  });

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: tenant.admin.id, tid: tenant.tenantId, role: 'admin', pv: 1, sid: 's', iss: 'switchboard', aud: 'switchboard-api', iat: now, nbf: now, exp: now + 600 };
    const res = await me(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_INVALID');
  });

  it.each([
    ['another algorithm (HS512)', { alg: 'HS512' }],
    ['a wrong issuer', { iss: 'someone-else' }],
    ['a wrong audience', { aud: 'another-api' }],
    ['a token not yet valid', { nbf: Math.floor(Date.now() / 1000) + 3600 }],
  ] as [string, Tweak][])('refuses %s', async (_name, tweak) => {
    const res = await me(await forge(tweak));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token', async () => {
    const res = await me(await forge({ exp: Math.floor(Date.now() / 1000) - 60 }));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token signed with another secret and a token whose permission version is outdated', async () => {
    const other = await new SignJWT({ tid: tenant.tenantId, role: 'admin', pv: 1, sid: 's' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(tenant.admin.id)
      .setIssuer('switchboard')
      .setAudience('switchboard-api')
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-completely-different-secret-of-enough-length'));
    expect((await me(other)).statusCode).toBe(401);
    const stale = await new SignJWT({ tid: tenant.tenantId, role: 'admin', pv: 0, sid: 's' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(tenant.admin.id)
      .setIssuer('switchboard')
      .setAudience('switchboard-api')
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('10m')
      .sign(SECRET);
    expect((await me(stale)).statusCode).toBe(401);
  });
});
