import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { decodeJwt } from 'jose';
import { buildApp, type App } from '../apps/api/src/app';
import { createTestDatabase, testConfig } from '../apps/api/test/helpers';
import { seedDemo } from '../apps/api/src/modules/seed/seed.service';
import { demoSeedSteps } from '../apps/api/src/modules/seed/demo-steps';

export type SeededApi = {
  app: App;
  baseUrl: string;
  databaseUrl: string;
  /** Access token of the seeded demo admin. */
  adminToken: string;
  logins: { label: string; email: string; password: string }[];
};

/**
 * What scenarios share, created on first use and closed once at the end: a throw-away seeded
 * database behind the real API on a real port, a bare Fastify, and a raw mysql2 pool.
 */
export function createBenchContext() {
  const closers: (() => Promise<void>)[] = [];
  let api: Promise<SeededApi> | null = null;
  let bare: Promise<string> | null = null;
  let bareQueue: Promise<{ url: string; queueId: string }> | null = null;
  let pool: mysql.Pool | null = null;

  async function startApi(): Promise<SeededApi> {
    const database = await createTestDatabase();
    closers.push(database.drop);
    const config = testConfig(database.url, { LOG_LEVEL: 'silent' });
    const app = await buildApp({ config });
    closers.push(() => app.close());
    const seeded = await seedDemo({ db: app.container.db, config, steps: demoSeedSteps });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const admin = seeded.logins.find((l) => l.label === 'Demo admin')!;
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    if (!res.ok) throw new Error(`login as the seeded admin failed: ${res.status} ${await res.text()}`);
    const { data } = (await res.json()) as { data: { access_token: string } };
    return { app, baseUrl, databaseUrl: database.url, adminToken: data.access_token, logins: seeded.logins };
  }

  /**
   * A bare Fastify route doing what `GET /api/v1/queues/:id` does at its core: one tenant-scoped
   * primary-key lookup through mysql2, with the API's pool settings. The floor for that scenario.
   */
  async function startBareQueue(): Promise<{ url: string; queueId: string }> {
    const { databaseUrl, adminToken } = await (api ??= startApi());
    const tenantId = decodeJwt(adminToken).tid as string;
    const queuePool = mysql.createPool({ uri: databaseUrl, connectionLimit: 10, queueLimit: 200, timezone: 'Z', supportBigNumbers: true, enableKeepAlive: true });
    closers.push(() => queuePool.end());
    const [rows] = await queuePool.query<mysql.RowDataPacket[]>(
      'SELECT id FROM queues WHERE tenant_id = ? LIMIT 1',
      [tenantId],
    );
    const queueId = rows[0]?.id as string | undefined;
    if (!queueId) throw new Error('the seeded demo tenant has no queue');
    const app = Fastify({ logger: false });
    app.get<{ Params: { id: string } }>('/queues/:id', async (req, reply) => {
      const [found] = await queuePool.execute<mysql.RowDataPacket[]>(
        'SELECT * FROM queues WHERE tenant_id = ? AND id = ? LIMIT 1',
        [tenantId, req.params.id],
      );
      if (!found[0]) return reply.code(404).send({ success: false });
      return { success: true, data: found[0] };
    });
    closers.push(() => app.close());
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url: `${base}/queues/`, queueId };
  }

  async function startBare(): Promise<string> {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ success: true, data: { hello: 'world' } }));
    closers.push(() => app.close());
    return app.listen({ host: '127.0.0.1', port: 0 });
  }

  return {
    api: () => (api ??= startApi()),
    bareFastify: () => (bare ??= startBare()),
    bareQueueLookup: () => (bareQueue ??= startBareQueue()),
    /** A raw pool on the benchmark database (created with the API). */
    async mysqlPool() {
      if (!pool) {
        const { databaseUrl } = await (api ??= startApi());
        pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 10 });
        const p = pool;
        closers.push(() => p.end());
      }
      return pool;
    },
    async close() {
      for (const close of closers.reverse()) await close().catch(() => {});
    },
  };
}

export type BenchContext = ReturnType<typeof createBenchContext>;
