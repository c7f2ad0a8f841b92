import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../test/helpers';
import { listen, openSocket } from './ws-test-client';

let t: TestApp;
let base: string;
let a: TestTenant;

beforeAll(async () => {
  t = await createTestApp({ ports: { realtime: { replayLimit: 50 } } });
  base = await listen(t.app);
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

const emit = (room: string, n: number) =>
  t.app.container.realtime.events.emit(a.tenantId, [{ room, event: 'test.tick', data: { n } }]);

describe('resume from a cursor', () => {
  it('delivers live events, then after a reconnect exactly the missed ones, with nothing twice', async () => {
    const room = `user:${a.agent.id}`;
    const other = `tenant:${a.tenantId}`;
    const s1 = await openSocket(base, { token: a.agent.token });
    s1.send({ type: 'subscribe', id: 'sub', rooms: [room] });
    await s1.ack('sub');
    for (let i = 0; i < 5; i++) await emit(room, i);
    await s1.waitFor((m) => m.type === 'event' && (m.data as { n: number }).n === 4);
    const lastSeen = s1.events(room).at(-1)!.id!;
    await s1.close();

    // Missed while disconnected: 10 in the room, and some in a room the client never joined.
    for (let i = 5; i < 15; i++) {
      await emit(room, i);
      await emit(other, i);
    }

    const s2 = await openSocket(base, { token: a.agent.token, since: lastSeen });
    s2.send({ type: 'subscribe', id: 'sub', rooms: [room] });
    // Live events keep coming while the replay runs.
    const live = (async () => {
      for (let i = 15; i < 20; i++) await emit(room, i);
    })();
    const ack = await s2.ack('sub');
    await live;
    await s2.waitFor((m) => m.type === 'event' && (m.data as { n: number }).n === 19);
    expect(ack.truncated).toBe(false);

    const ids2 = s2.events().map((e) => e.id!);
    expect(new Set(ids2).size).toBe(ids2.length);
    expect(s2.events().every((e) => e.room === room)).toBe(true);
    // Exactly what was missed, then the live ones, in order: no gap, nothing twice.
    expect(s2.events().map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 5),
    );
    const all = [...s1.events(), ...s2.events()].map((e) => BigInt(e.id!));
    expect(all).toEqual([...all].sort((x, y) => (x < y ? -1 : 1)));
    await s2.close();
  });

  it('replays on an explicit resume message and flags a truncated replay', async () => {
    const room = `tenant:${a.tenantId}`;
    const s = await openSocket(base, { token: a.admin.token });
    const start = (s.frames[0] as { last_event_id: string }).last_event_id;
    s.send({ type: 'subscribe', id: 'sub', rooms: [room] });
    await s.ack('sub');
    await s.close();
    for (let i = 0; i < 60; i++) await emit(room, i);
    const s2 = await openSocket(base, { token: a.admin.token });
    s2.send({ type: 'subscribe', id: 'sub', rooms: [room] });
    await s2.ack('sub');
    s2.send({ type: 'resume', id: 'r', since: start });
    const ack = await s2.ack('r');
    expect(ack).toMatchObject({ replayed: 50, truncated: true });
    await s2.close();
  });

  it('records concurrent first events of a new tenant without deadlocks', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await createTestTenant(t.app);
      const room = `tenant:${fresh.tenantId}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          t.app.container.realtime.events.emit(fresh.tenantId, [{ room, event: 'test.n', data: { n } }]),
        ),
      );
      expect(new Set(results.flat().map((e) => e.id)).size).toBe(20);
    }
  });

  it('prunes events older than the retention window', async () => {
    const before = await t.app.container.realtime.eventLog.latestForTenant(a.tenantId);
    expect(before).toBeGreaterThan(0);
    const original = t.app.container.realtime.options.retentionMs;
    t.app.container.realtime.options.retentionMs = -1000;
    try {
      expect(await t.app.container.realtime.prune()).toBeGreaterThan(0);
    } finally {
      t.app.container.realtime.options.retentionMs = original;
    }
    expect(await t.app.container.realtime.eventLog.latestForTenant(a.tenantId)).toBe(0);
  });
});
