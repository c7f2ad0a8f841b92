import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../test/helpers';
import { listen, openSocket, type TestSocket } from './ws-test-client';

let t: TestApp;
let base: string;
let tenants: TestTenant[];

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t.app);
  tenants = [await createTestTenant(t.app), await createTestTenant(t.app), await createTestTenant(t.app)];
});
afterAll(async () => t?.close());

type Member = { tenant: number; socket: TestSocket; rooms: string[] };

describe('T6: fan-out never crosses tenants', () => {
  it('delivers 10k random events across 3 tenants only to sockets of the publishing tenant', async () => {
    const members: Member[] = [];
    for (const [i, tn] of tenants.entries()) {
      for (const who of [tn.admin, tn.supervisor, tn.agent]) {
        const socket = await openSocket(base, { token: who.token });
        const rooms = [
          `user:${who.id}`,
          `tenant:${tn.tenantId}`,
          ...(who === tn.agent ? [] : [`supervisor:${tn.tenantId}`]),
        ];
        socket.send({ type: 'subscribe', id: 'sub', rooms });
        expect((await socket.ack('sub')).rooms?.sort()).toEqual([...rooms].sort());
        members.push({ tenant: i, socket, rooms });
      }
    }
    // Room names are drawn from every tenant's ids, so a tenant publishes into rooms named after
    // another tenant's users and tenant id too: the hub alone must keep them apart. Published
    // straight on the bus, past the guard `events.emit` applies, as a buggy publisher would.
    const roomsOf = (i: number) => {
      const tn = tenants[i]!;
      return [
        `user:${tn.admin.id}`,
        `user:${tn.supervisor.id}`,
        `user:${tn.agent.id}`,
        `tenant:${tn.tenantId}`,
        `supervisor:${tn.tenantId}`,
      ];
    };
    const arb = fc.record({
      publisher: fc.integer({ min: 0, max: 2 }),
      roomTenant: fc.integer({ min: 0, max: 2 }),
      room: fc.integer({ min: 0, max: 4 }),
    });
    const events = fc.sample(arb, { numRuns: 10_000, seed: 42 });
    let expected = 0;
    for (const [seq, e] of events.entries()) {
      const room = roomsOf(e.roomTenant)[e.room]!;
      expected += members.filter((m) => m.tenant === e.publisher && m.rooms.includes(room)).length;
      t.app.container.realtime.bus.publish({
        kind: 'event',
        tenantId: tenants[e.publisher]!.tenantId,
        room,
        event: 'test.isolation',
        data: { publisher: e.publisher, seq },
        id: null,
        ts: new Date().toISOString(),
      });
    }
    // A marker per socket, sent last, says everything before it has arrived.
    for (const m of members) {
      t.app.container.realtime.bus.publish({
        kind: 'event',
        tenantId: tenants[m.tenant]!.tenantId,
        room: m.rooms[0]!,
        event: 'test.done',
        data: { publisher: m.tenant },
        id: null,
        ts: new Date().toISOString(),
      });
    }
    await Promise.all(
      members.map((m) => m.socket.waitFor((f) => f.type === 'event' && f.event === 'test.done', 20_000)),
    );

    let delivered = 0;
    let crossed = 0;
    for (const m of members) {
      for (const e of m.socket.events()) {
        if (e.event !== 'test.isolation') continue;
        delivered++;
        if ((e.data as { publisher: number }).publisher !== m.tenant) crossed++;
      }
    }
    expect(crossed).toBe(0);
    expect(delivered).toBe(expected);
    expect(delivered).toBeGreaterThan(1000);
    await Promise.all(members.map((m) => m.socket.close()));
  }, 60_000);

  it('refuses to publish into a room of another tenant', async () => {
    const [x, y] = tenants;
    await expect(
      t.app.container.realtime.events.emit(x!.tenantId, [
        { room: `tenant:${y!.tenantId}`, event: 'test.leak', data: {} },
      ]),
    ).rejects.toThrow(/does not belong/);
    expect(() =>
      t.app.container.realtime.events.emitEphemeral(x!.tenantId, {
        room: `supervisor:${y!.tenantId}`,
        event: 'test.leak',
        data: {},
      }),
    ).toThrow(/does not belong/);
  });
});
