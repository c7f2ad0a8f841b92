import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { wsCloseCodes, type AccessClaims } from '@switchboard/contracts';
import {
  bearer,
  createTestApp,
  createTestTenant,
  login,
  type TestApp,
  type TestTenant,
} from '../../test/helpers';
import { createJwtService } from '../lib/jwt';
import { listen, openSocket } from './ws-test-client';

let t: TestApp;
let base: string;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp({ ports: { realtime: { maxBufferedBytes: 256 * 1024 } } });
  base = await listen(t.app);
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

/** The same claims as `token`, re-signed to expire in `seconds`. */
async function shortLived(token: string, seconds: number) {
  const { config } = t.app.container;
  const jwt = createJwtService({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: seconds,
  });
  const { sub, tid, role, pv, sid, op } = decodeJwt(token) as unknown as AccessClaims;
  return jwt.sign({ sub, tid, role, pv, sid, ...(op ? { op } : {}) } as AccessClaims);
}

describe('T7, W8: access changes reach open sockets', () => {
  it('closes the socket within 1 s of a role change (4001: re-authenticate)', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    const started = Date.now();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${a.agent.id}/role`,
      headers: bearer(a.admin.token),
      payload: { role_id: a.roleIds.supervisor },
    });
    expect(res.statusCode).toBe(200);
    const closed = await s.closed;
    expect(closed.code).toBe(wsCloseCodes.reauthenticate);
    expect(Date.now() - started).toBeLessThan(1000);
    // The old token no longer opens a socket; a fresh one does.
    await expect(openSocket(base, { token: a.agent.token })).rejects.toThrow('HTTP 401');
    a.agent.token = await login(t.app, a.agent.email);
    (await openSocket(base, { token: a.agent.token })).close();
  });

  it('closes the socket within 1 s when the user is disabled (4003: revoked)', async () => {
    const s = await openSocket(base, { token: a.supervisor.token });
    const started = Date.now();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${a.supervisor.id}/status`,
      headers: bearer(a.admin.token),
      payload: { status: 'disabled' },
    });
    expect(res.statusCode).toBe(200);
    expect((await s.closed).code).toBe(wsCloseCodes.revoked);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(openSocket(base, { token: a.supervisor.token })).rejects.toThrow('HTTP 403');
  });

  it('closes with 4001 when the access token expires', async () => {
    const s = await openSocket(base, { token: await shortLived(a.admin.token, 1) });
    const closed = await s.closed;
    expect(closed.code).toBe(wsCloseCodes.reauthenticate);
  });

  it('stays open when the client re-authenticates before expiry, but not as someone else', async () => {
    const s = await openSocket(base, { token: await shortLived(a.admin.token, 1) });
    s.send({ type: 'auth', id: 'other', token: a.agent.token });
    const refused = await s.waitFor((m) => m.type === 'error' && m.id === 'other');
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    s.send({ type: 'auth', id: 'again', token: a.admin.token });
    await s.ack('again');
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    await s.close();
  });
});

describe('W6: slow consumers', () => {
  it('cuts off a socket whose reader stopped reading once its buffer passes the bound', async () => {
    const s = await openSocket(base, { token: a.admin.token });
    s.send({ type: 'subscribe', id: 'sub', rooms: [`tenant:${a.tenantId}`] });
    await s.ack('sub');
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (s.ws as unknown as { _socket: { pause: () => void } })._socket.pause();
    const blob = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 2000; i++) {
      t.app.container.realtime.events.emitEphemeral(a.tenantId, {
        room: `tenant:${a.tenantId}`,
        event: 'test.blob',
        data: { blob },
      });
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 1500));
    const metrics = await t.app.container.metrics.getSingleMetricAsString('ws_cut_off_total');
    expect(metrics).toMatch(/ws_cut_off_total\{reason="slow consumer"\} 1/);
    (s.ws as unknown as { _socket: { resume: () => void } })._socket.resume();
    await s.closed;
  });
});

describe('F8: graceful shutdown', () => {
  it('closes sockets with 1012 when the app stops', async () => {
    const other = await createTestApp();
    const otherBase = await listen(other.app);
    const tenant = await createTestTenant(other.app);
    const s = await openSocket(otherBase, { token: tenant.agent.token });
    const closing = other.close();
    expect((await s.closed).code).toBe(wsCloseCodes.serviceRestart);
    await closing;
  });
});
