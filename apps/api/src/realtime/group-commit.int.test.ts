import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../../test/helpers';
import type { BusEvent } from './bus';

let t: TestApp;
let a: TestTenant;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTestTenant(t.app);
});
afterAll(async () => t?.close());

describe('emits of one tenant asked for together', () => {
  it('are written together (fewer transactions than emits), with ids in the order they were asked for, each published once', async () => {
    const { events, bus } = t.app.container.realtime;
    const seen: BusEvent[] = [];
    const stop = bus.subscribe((m) => {
      if (m.kind === 'event' && m.tenantId === a.tenantId && m.event === 'test.burst') seen.push(m);
    });
    const before = t.audit.statements.length;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        events.emit(a.tenantId, [
          { room: `supervisor:${a.tenantId}`, event: 'test.burst', data: { i, n: 0 } },
          { room: `tenant:${a.tenantId}`, event: 'test.burst', data: { i, n: 1 } },
        ]),
      ),
    );
    stop();
    const inserts = t.audit.statements.slice(before).filter((q) => /^insert into `realtime_events`/i.test(q)).length;
    expect(inserts).toBeLessThan(50);
    // Each emit got its own two events back, in its order; ids increase in the order asked for.
    const ids = results.flatMap((r, i) => {
      expect(r.map((e) => e.data)).toEqual([{ i, n: 0 }, { i, n: 1 }]);
      return r.map((e) => e.id!);
    });
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(100);
    expect(seen.map((e) => e.id)).toEqual(ids);
    // They are in the log as returned (a reconnecting client replays them).
    const [rows] = (await t.app.container.dbHandle.pool.query(
      "SELECT id, JSON_EXTRACT(payload, '$.i') AS i FROM realtime_events WHERE tenant_id = ? AND type = 'test.burst' ORDER BY id",
      [a.tenantId],
    )) as unknown as [{ id: number; i: number }[]];
    expect(rows.map((r) => Number(r.id))).toEqual(ids);
  });
});
