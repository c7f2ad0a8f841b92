import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { wsCloseCodes, type AccessClaims } from '@switchboard/contracts';
import { buildApp, type App } from '../../app';
import { QueryAudit } from '../../lib/query-audit';
import {
  activeAudits,
  bearer,
  createTestApp,
  createTestTenant,
  testConfig,
  TEST_PASSWORD,
  type TestApp,
  type TestTenant,
} from '../../../test/helpers';
import { listen, openSocket } from '../../realtime/ws-test-client';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let t: TestApp;
let base: string;
let tenant: TestTenant;
const extra: App[] = [];

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
  tenant = await createTestTenant(t.app);
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t?.close();
});

type Pair = { access_token: string; refresh_token: string };
async function signIn(app: App, email: string): Promise<Pair> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return res.json().data as Pair;
}
const me = (app: App, token: string) =>
  app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
const logout = (app: App, pair: Pair) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    headers: bearer(pair.access_token),
    payload: { refresh_token: pair.refresh_token },
  });

describe('A6, W8: every access token is bound to a live session', () => {
  it('after logout the same bearer gets 401 on /auth/me and its /ws upgrade is refused; other sessions live on', async () => {
    const mine = await signIn(t.app, tenant.agent.email);
    const other = await signIn(t.app, tenant.agent.email);
    expect((await me(t.app, mine.access_token)).statusCode).toBe(200);
    const s = await openSocket(base, { token: mine.access_token });
    const otherSocket = await openSocket(base, { token: other.access_token });
    expect([200, 204]).toContain((await logout(t.app, mine)).statusCode);
    const res = await me(t.app, mine.access_token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_INVALID');
    await expect(openSocket(base, { token: mine.access_token })).rejects.toThrow('HTTP 401');
    expect((await s.closed).code).toBe(wsCloseCodes.revoked);
    // Logout ends that session only.
    expect((await me(t.app, other.access_token)).statusCode).toBe(200);
    expect(otherSocket.ws.readyState).toBe(otherSocket.ws.OPEN);
    await otherSocket.close();
  });

  it('refresh reuse detection also refuses the access tokens of that family', async () => {
    const r1 = await signIn(t.app, tenant.supervisor.email);
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: r1.refresh_token } });
    const r2 = second.json().data as Pair;
    expect((await me(t.app, r2.access_token)).statusCode).toBe(200);
    const reuse = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: r1.refresh_token } });
    expect(reuse.statusCode).toBe(401);
    expect((await me(t.app, r2.access_token)).statusCode).toBe(401);
    expect((await me(t.app, r1.access_token)).statusCode).toBe(401);
    await expect(openSocket(base, { token: r2.access_token })).rejects.toThrow('HTTP 401');
  });

  it('refuses a validly signed token whose sid names no session', async () => {
    const { config } = t.app.container;
    const claims = decodeJwt(tenant.admin.token) as unknown as AccessClaims;
    const forged = await t.app.container.jwt.sign({ sub: claims.sub, tid: claims.tid, role: claims.role, pv: claims.pv, sid: randomUUID() });
    expect(config.JWT_SECRET).toBeTruthy();
    expect((await me(t.app, tenant.admin.token)).statusCode).toBe(200);
    const res = await me(t.app, forged);
    expect(res.statusCode).toBe(401);
    await expect(openSocket(base, { token: forged })).rejects.toThrow('HTTP 401');
    // Another user's live session id does not help either.
    const victim = decodeJwt(tenant.agent.token) as unknown as AccessClaims;
    const borrowed = await t.app.container.jwt.sign({ sub: claims.sub, tid: claims.tid, role: claims.role, pv: claims.pv, sid: victim.sid });
    expect((await me(t.app, borrowed)).statusCode).toBe(401);
  });

  it('a logout on instance A is refused on instance B within 1 s (via Redis), after B cached the session as live', async () => {
    const channel = `sbtest:${randomBytes(6).toString('hex')}`;
    const instance = async () => {
      const audit = new QueryAudit();
      activeAudits.push(audit);
      const app = await buildApp({ config: testConfig(t.url, { REDIS_URL: REDIS }), ports: { queryAudit: audit, realtime: { channel } } });
      extra.push(app);
      return app;
    };
    const one = await instance();
    const two = await instance();
    await expect.poll(() => one.container.realtime.bus.healthy() && two.container.realtime.bus.healthy()).toBe(true);
    const pair = await signIn(one, tenant.admin.email);
    expect((await me(two, pair.access_token)).statusCode).toBe(200); // now cached as live on two
    const twoBase = await listen(two);
    const s = await openSocket(twoBase, { token: pair.access_token });
    const started = Date.now();
    expect([200, 204]).toContain((await logout(one, pair)).statusCode);
    await expect.poll(async () => (await me(two, pair.access_token)).statusCode, { timeout: 1000, interval: 50 }).toBe(401);
    expect((await s.closed).code).toBe(wsCloseCodes.revoked);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
