import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers';
import { createAriClient } from '../ari/client/ari-client';
import { startAriSimulator, type AriSimulator } from './simulator';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: mysql.Pool;
let sim: AriSimulator;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = mysql.createPool({ uri: database.url, connectionLimit: 2 });
  await pool.query(
    `INSERT INTO ps_endpoints (id, context, callerid, tenantid, accountcode) VALUES
     ('t7_1001', 't7-internal', '"Ann Agent" <1001>', 'tenant-7', 'tenant-7')`,
  );
  sim = await startAriSimulator({ timeScale: 0.02, araPool: pool, araRefreshMs: 60_000 });
});

afterAll(async () => {
  await sim?.stop();
  await pool?.end();
  await database?.drop();
});

describe('simulator endpoints from ps_endpoints', () => {
  it('knows provisioned phones, copies tenantid onto channels, and forgets deleted rows', async () => {
    const client = createAriClient({
      name: 'sim',
      url: sim.url,
      username: sim.username,
      password: sim.password,
      app: sim.app,
    });
    const channel = await client.channels.create({ endpoint: 'PJSIP/t7_1001', app: 'switchboard' });
    expect(channel).toMatchObject({
      name: expect.stringMatching(/^PJSIP\/t7_1001-[0-9a-f]{8}$/),
      tenantid: 'tenant-7',
      accountcode: 'tenant-7',
      caller: { name: 'Ann Agent', number: '1001' },
      dialplan: { context: 't7-internal' },
    });
    await client.channels.hangup(channel.id);

    await pool.query(`DELETE FROM ps_endpoints WHERE id = 't7_1001'`);
    await sim.syncEndpoints();
    await expect(
      client.channels.create({ endpoint: 'PJSIP/t7_1001', app: 'switchboard' }),
    ).rejects.toMatchObject({
      status: 500,
      message: 'Allocation failed',
    });
  });
});
