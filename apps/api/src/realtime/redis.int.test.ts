import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { buildApp, type App } from '../app';
import { QueryAudit } from '../lib/query-audit';
import {
  activeAudits,
  createTestApp,
  createTestTenant,
  testConfig,
  type TestApp,
  type TestTenant,
} from '../../test/helpers';
import { listen, openSocket, type TestSocket } from './ws-test-client';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A TCP proxy in front of Redis that a test can cut and restore, as if Redis went away. */
function redisProxy() {
  const target = new URL(REDIS);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    start,
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    async cut() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

let t: TestApp;
const extra: App[] = [];
let a: TestTenant;

/** Another API instance on the same database (as behind one proxy). */
async function instance(env: Record<string, string>, channel: string) {
  const audit = new QueryAudit();
  activeAudits.push(audit);
  const app = await buildApp({
    config: testConfig(t.url, env),
    ports: { queryAudit: audit, realtime: { channel } },
  });
  extra.push(app);
  return { app, base: await listen(app) };
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t?.close();
});

async function subscribed(base: string, room: string): Promise<TestSocket> {
  const s = await openSocket(base, { token: a.admin.token });
  s.send({ type: 'subscribe', id: 'sub', rooms: [room] });
  await s.ack('sub');
  return s;
}

const numbers = (s: TestSocket) =>
  [...new Set(s.events().map((e) => (e.data as { n: number }).n))].sort((x, y) => x - y);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('Redis fan-out across instances', () => {
  it('delivers every event to sockets on both instances, and relays revocations', async () => {
    const channel = `sbtest:${randomBytes(6).toString('hex')}`;
    const one = await instance({ REDIS_URL: REDIS }, channel);
    const two = await instance({ REDIS_URL: REDIS }, channel);
    await expect
      .poll(() => one.app.container.realtime.bus.healthy() && two.app.container.realtime.bus.healthy())
      .toBe(true);
    const room = `tenant:${a.tenantId}`;
    const s1 = await subscribed(one.base, room);
    const s2 = await subscribed(two.base, room);
    for (let n = 0; n < 10; n++) {
      const from = n % 2 ? one : two;
      await from.app.container.realtime.events.emit(a.tenantId, [{ room, event: 'test.n', data: { n } }]);
    }
    await expect.poll(() => numbers(s1).length).toBe(10);
    await expect.poll(() => numbers(s2).length).toBe(10);
    expect(s1.events().map((e) => e.id)).toEqual(s2.events().map((e) => e.id));

    // A session revoked on one instance closes its sockets on the other (T7 across instances).
    one.app.container.sessionRevocations.revoke({
      userId: a.admin.id,
      tenantId: a.tenantId,
      reason: 'logout',
    });
    expect((await s2.closed).code).toBe(4003);
    expect((await s1.closed).code).toBe(4003);
  });

  it('F3: with Redis unreachable a single instance still delivers locally', async () => {
    const lone = await instance(
      { REDIS_URL: 'redis://127.0.0.1:1' },
      `sbtest:${randomBytes(6).toString('hex')}`,
    );
    expect(lone.app.container.realtime.bus.healthy()).toBe(false);
    const ready = await lone.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'degraded',
      checks: { realtime: { ok: false, detail: 'redis unreachable' } },
    });
    const room = `tenant:${a.tenantId}`;
    const s = await subscribed(lone.base, room);
    await lone.app.container.realtime.events.emit(a.tenantId, [{ room, event: 'test.n', data: { n: 1 } }]);
    await s.waitFor((m) => m.type === 'event' && m.event === 'test.n');
    await s.close();
  });

  it('F3: after a Redis outage fan-out resumes and sockets catch up from MySQL with nothing missing', async () => {
    const proxy = redisProxy();
    await proxy.start();
    const channel = `sbtest:${randomBytes(6).toString('hex')}`;
    const one = await instance({ REDIS_URL: proxy.url }, channel);
    const two = await instance({ REDIS_URL: REDIS }, channel);
    await expect
      .poll(() => one.app.container.realtime.bus.healthy() && two.app.container.realtime.bus.healthy())
      .toBe(true);
    const room = `tenant:${a.tenantId}`;
    const s1 = await subscribed(one.base, room);
    const s2 = await subscribed(two.base, room);
    const emit = (app: App, n: number) =>
      app.container.realtime.events.emit(a.tenantId, [{ room, event: 'test.n', data: { n } }]);

    await emit(one.app, 0);
    await expect.poll(() => numbers(s2)).toEqual([0]);

    await proxy.cut();
    await expect.poll(() => one.app.container.realtime.bus.healthy()).toBe(false);
    for (let n = 1; n <= 6; n++) await emit(n % 2 ? one.app : two.app, n);
    // Each side sees only its own instance's events while Redis is away from instance one.
    await expect.poll(() => numbers(s1)).toEqual([0, 1, 3, 5]);
    await expect.poll(() => numbers(s2)).toEqual([0, 2, 4, 6]);

    await proxy.start();
    await expect.poll(() => one.app.container.realtime.bus.healthy(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => numbers(s1), { timeout: 10_000 }).toEqual(range(0, 7));
    await expect.poll(() => numbers(s2), { timeout: 10_000 }).toEqual(range(0, 7));
    await emit(one.app, 7);
    await expect.poll(() => numbers(s2)).toEqual(range(0, 8));
    for (const s of [s1, s2]) {
      const ids = s.events().map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    await proxy.cut();
  }, 30_000);
});
