import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wsCloseCodes } from '@switchboard/contracts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../test/helpers';
import { listen, openSocket } from './ws-test-client';

let t: TestApp;
let base: string;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  t = await createTestApp({
    ports: {
      realtime: {
        heartbeatMs: 200,
        maxPayloadBytes: 4096,
        rateLimitMessages: 20,
        rateLimitWindowMs: 60_000,
        maxSocketsPerUser: 3,
        maxRoomsPerSocket: 2,
      },
    },
  });
  base = await listen(t.app);
  a = await createTestTenant(t.app);
  b = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

describe('/ws upgrade (W1, W2)', () => {
  it('refuses an upgrade without a token with 401', async () => {
    await expect(openSocket(base)).rejects.toThrow('HTTP 401');
  });

  it('refuses a bad token with 401', async () => {
    await expect(openSocket(base, { token: 'not.a.valid.token' })).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign Origin with 403', async () => {
    await expect(openSocket(base, { token: a.agent.token, origin: 'https://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('accepts the token as a subprotocol and as ?token=, and answers pings', async () => {
    const s1 = await openSocket(base, { token: a.agent.token });
    expect(s1.ws.protocol).toBe('switchboard.v1');
    const welcome = s1.frames[0];
    expect(welcome).toMatchObject({ type: 'welcome', user_id: a.agent.id, tenant_id: a.tenantId });
    const s2 = await openSocket(base, { token: a.agent.token, viaQuery: true });
    s2.send({ type: 'ping', id: 'p1' });
    await s2.waitFor((m) => m.type === 'pong' && m.id === 'p1');
    await s1.close();
    await s2.close();
  });
});

describe('subscriptions (W3)', () => {
  it('allows own rooms and refuses foreign or unauthorized ones', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    s.send({
      type: 'subscribe',
      id: 's1',
      rooms: [
        `user:${a.agent.id}`,
        `tenant:${a.tenantId}`,
        `user:${a.admin.id}`,
        `tenant:${b.tenantId}`,
        `supervisor:${a.tenantId}`,
        'queue:nope',
      ],
    });
    const ack = await s.ack('s1');
    expect(ack.rooms?.sort()).toEqual([`tenant:${a.tenantId}`, `user:${a.agent.id}`].sort());
    const refused = s.frames.filter((m) => m.type === 'error').map((m) => (m as { room?: string }).room);
    expect(refused.sort()).toEqual(
      [`user:${a.admin.id}`, `tenant:${b.tenantId}`, `supervisor:${a.tenantId}`, 'queue:nope'].sort(),
    );
    await s.close();
  });

  it('lets a supervisor join the supervisor room of their own tenant only', async () => {
    const s = await openSocket(base, { token: a.supervisor.token });
    s.send({ type: 'subscribe', id: 's', rooms: [`supervisor:${a.tenantId}`, `supervisor:${b.tenantId}`] });
    const ack = await s.ack('s');
    expect(ack.rooms).toEqual([`supervisor:${a.tenantId}`]);
    await s.close();
  });

  it('answers malformed frames with an error and keeps the socket open', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    s.send('not json');
    s.send({ type: 'subscribe', id: 'bad', rooms: ['nope'] });
    s.send({ type: 'ping', id: 'after' });
    await s.waitFor((m) => m.type === 'pong' && m.id === 'after');
    const errors = s.frames.filter((m) => m.type === 'error');
    expect(errors.map((e) => (e as { code: string }).code)).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
    ]);
    await s.close();
  });
});

describe('limits', () => {
  it('closes with 1009 on a frame over the size limit (W4)', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    s.send({ type: 'ping', id: 'x'.repeat(5000) });
    expect((await s.closed).code).toBe(wsCloseCodes.messageTooBig);
  });

  it('answers within the budget and drops what is over it', async () => {
    const s = await openSocket(base, { token: a.admin.token });
    for (let i = 0; i < 25; i++) s.send({ type: 'ping', id: `b${i}` });
    await s.waitFor((m) => m.type === 'pong' && m.id === 'b19');
    await s.waitFor((m) => m.type === 'error' && m.code === 'RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 100));
    expect(s.frames.filter((m) => m.type === 'pong')).toHaveLength(20);
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    await s.close();
  });

  it('throttles, then closes a socket that floods (W5)', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    for (let i = 0; i < 60; i++) s.send({ type: 'ping', id: `f${i}` });
    const closed = await s.closed;
    expect(closed.code).toBe(wsCloseCodes.rateLimited);
    // Frames past the budget are dropped on arrival; queued ones die with the socket.
    const pongs = s.frames.filter((m) => m.type === 'pong').length;
    expect(pongs).toBeLessThanOrEqual(20);
    expect(s.frames.some((m) => m.type === 'error' && m.code === 'RATE_LIMITED')).toBe(true);
  });

  it('terminates a socket that stops answering pings within two heartbeats (W7)', async () => {
    const s = await openSocket(base, { token: a.agent.token, autoPong: false });
    const started = Date.now();
    const closed = await s.closed;
    expect(closed.code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(200 * 4);
  });

  it('caps sockets per user (429) and rooms per socket', async () => {
    const sockets = [
      await openSocket(base, { token: b.agent.token }),
      await openSocket(base, { token: b.agent.token }),
      await openSocket(base, { token: b.agent.token }),
    ];
    await expect(openSocket(base, { token: b.agent.token })).rejects.toThrow('HTTP 429');
    await Promise.all(sockets.map((x) => x.close()));
    const s = await openSocket(base, { token: b.admin.token });
    s.send({ type: 'subscribe', id: 'many', rooms: [`user:${b.admin.id}`, `tenant:${b.tenantId}`] });
    await s.ack('many');
    s.send({ type: 'subscribe', id: 'more', rooms: [`user:${b.admin.id}`, `supervisor:${b.tenantId}`] });
    expect(await s.waitFor((m) => m.type === 'error' && m.id === 'more')).toMatchObject({
      code: 'LIMIT_REACHED',
      room: `supervisor:${b.tenantId}`,
    });
    expect((await s.ack('more')).rooms).toHaveLength(2);
    await s.close();
    await expect
      .poll(async () => (await openSocket(base, { token: b.agent.token })).close().then(() => true))
      .toBe(true);
  });

  it('keeps a socket that answers pings', async () => {
    const s = await openSocket(base, { token: a.agent.token });
    await new Promise((r) => setTimeout(r, 900));
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    await s.close();
  });
});
