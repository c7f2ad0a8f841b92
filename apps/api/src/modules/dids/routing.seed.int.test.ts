import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { bearer, createTestApp, createTestTenant, type TestApp } from '../../../test/helpers';
import { createDb, type DbHandle } from '../../db/client';
import { seedDemo } from '../seed/seed.service';
import { DEMO_DID_NUMBER, routingDemoStep } from './routing.seed';

// Like the seed entrypoint, the seed runs on its own connection outside the T8 query audit.
let t: TestApp;
let handle: DbHandle;
beforeAll(async () => {
  t = await createTestApp();
  handle = createDb({ url: t.url, poolSize: 2 });
});
afterAll(async () => {
  await handle?.close();
  await t?.close();
});

const config = {
  SEED_ADMIN_EMAIL: 'admin@routing-seed.example',
  SEED_ADMIN_PASSWORD: 'seed-password-123',
  PLATFORM_ADMIN_EMAIL: 'operator@routing-seed.example',
  PLATFORM_ADMIN_PASSWORD: 'operator-password-123',
};
const q = async (sql: string, params: unknown[] = []) => (await handle.pool.query<RowDataPacket[]>(sql, params))[0];
const tableCounts = async () =>
  Object.fromEntries(
    await Promise.all(
      ['queues', 'queue_members', 'schedules', 'ivr_menus', 'dids'].map(async (table) => [table, Number((await q(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n)]),
    ),
  );

describe('routing demo seed', () => {
  it('gives the demo tenant queues with both agents, a menu, an office-hours schedule and an always-open DID', async () => {
    const result = await seedDemo({ db: handle.db, config, steps: [routingDemoStep] });
    expect(result.failedSteps).toEqual([]);
    const [tenant] = await q("SELECT id FROM tenants WHERE slug = 'demo'");
    const names = await q('SELECT name FROM queues WHERE tenant_id = ? ORDER BY name', [tenant!.id]);
    expect(names.map((r) => r.name)).toEqual(['Sales', 'Support']);
    const members = await q(
      'SELECT u.email FROM queue_members m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? ORDER BY u.email',
      [tenant!.id],
    );
    expect(members.map((r) => r.email)).toEqual([
      'agent1@routing-seed.example',
      'agent1@routing-seed.example',
      'agent2@routing-seed.example',
      'agent2@routing-seed.example',
    ]);
    const [did] = await q('SELECT destination_type, time_condition_mode FROM dids WHERE number = ?', [DEMO_DID_NUMBER]);
    expect(did).toEqual({ destination_type: 'ivr', time_condition_mode: null });
  });

  it('changes nothing when run again', async () => {
    const before = await tableCounts();
    const again = await seedDemo({ db: handle.db, config, steps: [routingDemoStep] });
    expect(again.failedSteps).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it('reads back through the API as valid configuration', async () => {
    const admin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: config.SEED_ADMIN_EMAIL, password: config.SEED_ADMIN_PASSWORD },
    });
    const token = admin.json().data.access_token;
    for (const url of ['/api/v1/queues', '/api/v1/ivr-menus', '/api/v1/dids', '/api/v1/schedules']) {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(res.statusCode, url).toBe(200);
      expect(res.json().data.length, url).toBeGreaterThan(0);
    }
    // A second tenant cannot take the demo number.
    const other = await createTestTenant(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dids',
      headers: bearer(other.admin.token),
      payload: { number: DEMO_DID_NUMBER, destination: { type: 'hangup' } },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('routing demo seed on a platform where the demo number is taken', () => {
  it('seeds everything but the DID', async () => {
    const fresh = await createTestApp();
    const own = createDb({ url: fresh.url, poolSize: 2 });
    try {
      const other = await createTestTenant(fresh.app);
      const taken = await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/dids',
        headers: bearer(other.admin.token),
        payload: { number: DEMO_DID_NUMBER, destination: { type: 'hangup' } },
      });
      expect(taken.statusCode).toBe(201);
      const result = await seedDemo({ db: own.db, config, steps: [routingDemoStep] });
      expect(result.failedSteps).toEqual([]);
      const [rows] = await own.pool.query<RowDataPacket[]>(
        "SELECT (SELECT COUNT(*) FROM ivr_menus m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'demo') AS menus, (SELECT tenant_id FROM dids WHERE number = ?) AS owner",
        [DEMO_DID_NUMBER],
      );
      expect(rows[0]).toEqual({ menus: 1, owner: other.tenantId });
    } finally {
      await own.close();
      await fresh.close();
    }
  });
});
