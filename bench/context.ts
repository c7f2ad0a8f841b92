import Fastify from 'fastify';
import mysql from 'mysql2/promise';
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

  async function startBare(): Promise<string> {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ success: true, data: { hello: 'world' } }));
    closers.push(() => app.close());
    return app.listen({ host: '127.0.0.1', port: 0 });
  }

  return {
    api: () => (api ??= startApi()),
    bareFastify: () => (bare ??= startBare()),
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
