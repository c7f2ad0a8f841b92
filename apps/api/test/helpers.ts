import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { TenantLimits } from '@switchboard/contracts';
import { loadConfig, type Config } from '../src/config';
import { buildApp, type App } from '../src/app';
import { migrate } from '../src/db/migrator';
import { parseDatabaseUrl } from '../src/db/client';
import { QueryAudit } from '../src/lib/query-audit';
import type { Ports } from '../src/container';
import { provisionTenant } from '../src/modules/tenants/tenant-provisioning';
import { newId } from '../src/lib/ids';
import { hashPassword } from '../src/lib/passwords';
import { users } from '../src/db/schema/index';

export const activeAudits: QueryAudit[] = [];

const ROOT_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

/** Creates a fresh, migrated database for one test file; returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sbt_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const conn = parseDatabaseUrl(ROOT_URL);
  const c = await mysql.createConnection({ host: conn.host, port: conn.port, user: conn.user, password: conn.password });
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
  const u = new URL(ROOT_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  return {
    url,
    drop: async () => {
      const d = await mysql.createConnection({ host: conn.host, port: conn.port, user: conn.user, password: conn.password });
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    },
  };
}

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_MAX: '100000',
    AUTH_RATE_LIMIT_MAX: '100000',
    SELF_REGISTRATION: 'true',
    PUBLIC_URL: 'http://localhost:3000',
    ...overrides,
  });
}

export type TestApp = { app: App; url: string; audit: QueryAudit; close: () => Promise<void> };

/** Builds the real app on its own database, with the T8 query audit switched on. */
export async function createTestApp(
  opts: { env?: Record<string, string>; ports?: Partial<Ports> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const audit = new QueryAudit();
  activeAudits.push(audit);
  const app = await buildApp({ config: testConfig(database.url, opts.env), ports: { queryAudit: audit, ...opts.ports } });
  await app.ready();
  return {
    app,
    url: database.url,
    audit,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export const uniqueSlug = (prefix = 't') => `${prefix}-${randomBytes(4).toString('hex')}`;
export const TEST_PASSWORD = 'correct-horse-battery-staple';

export type TestTenant = {
  tenantId: string;
  slug: string;
  roleIds: { admin: string; supervisor: string; agent: string };
  admin: { id: string; email: string; token: string };
  supervisor: { id: string; email: string; token: string };
  agent: { id: string; email: string; token: string };
};

/** Logs in through the real endpoint and returns the access token. */
export async function login(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { data: { access_token: string } }).data.access_token;
}

/**
 * A tenant with an admin, a supervisor and an agent, each signed in. `limits` overrides some of
 * the tenant's limits (the demo plan allows 25 agents; a benchmark's lab tenants may need more).
 */
export async function createTestTenant(
  app: App,
  opts: { slug?: string; limits?: Partial<TenantLimits> } = {},
): Promise<TestTenant> {
  const slug = opts.slug ?? uniqueSlug();
  const now = new Date();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const made = await app.container.db.transaction(async (tx) => {
    const p = await provisionTenant(tx, { name: `Tenant ${slug}`, slug, now, limits: opts.limits });
    const mk = async (key: 'admin' | 'supervisor' | 'agent') => {
      const id = newId();
      const email = `${key}@${slug}.test`;
      await tx.insert(users).values({
        id,
        tenantId: p.tenantId,
        email,
        name: `${key} ${slug}`,
        passwordHash,
        status: 'active',
        roleId: p.roleIds[key],
        isPlatformAdmin: false,
        locale: 'en',
        permVersion: 1,
        failedLogins: 0,
        createdAt: now,
        updatedAt: now,
      });
      return { id, email };
    };
    return { ...p, admin: await mk('admin'), supervisor: await mk('supervisor'), agent: await mk('agent') };
  });
  return {
    tenantId: made.tenantId,
    slug,
    roleIds: made.roleIds,
    admin: { ...made.admin, token: await login(app, made.admin.email) },
    supervisor: { ...made.supervisor, token: await login(app, made.supervisor.email) },
    agent: { ...made.agent, token: await login(app, made.agent.email) },
  };
}

/** A platform operator (no tenant), signed in. */
export async function createPlatformAdmin(app: App): Promise<{ id: string; email: string; token: string }> {
  const id = newId();
  const email = `operator-${randomBytes(4).toString('hex')}@platform.test`;
  const now = new Date();
  await app.container.db.insert(users).values({
    id,
    tenantId: null,
    email,
    name: 'Operator',
    passwordHash: await hashPassword(TEST_PASSWORD),
    status: 'active',
    roleId: null,
    isPlatformAdmin: true,
    locale: 'en',
    permVersion: 1,
    failedLogins: 0,
    createdAt: now,
    updatedAt: now,
  });
  return { id, email, token: await login(app, email) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
