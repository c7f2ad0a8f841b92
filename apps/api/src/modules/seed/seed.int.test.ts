import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestApp, testConfig, type TestApp } from '../../../test/helpers';
import type { Config } from '../../config';
import { createDb, type DbHandle } from '../../db/client';
import { roles, tenants, users } from '../../db/schema/index';
import { verifyPassword } from '../../lib/passwords';
import { seedDemo } from './seed.service';
import type { DemoSeedStep } from './demo-steps';

// The seed is a command, not request code: it runs on its own connection like the entrypoint,
// outside the T8 query audit (it counts and looks up rows across the whole database).
let t: TestApp;
let handle: DbHandle;
beforeAll(async () => {
  t = await createTestApp();
  handle = createDb({ url: t.url, poolSize: 2 });
  config = testConfig(t.url, seedSettings);
});
afterAll(async () => {
  await handle?.close();
  await t?.close();
});

let config: Config;
const seedSettings = {
  SEED_ADMIN_EMAIL: 'admin@seedtest.example',
  SEED_ADMIN_PASSWORD: 'seed-password-123',
  PLATFORM_ADMIN_EMAIL: 'operator@seedtest.example',
  PLATFORM_ADMIN_PASSWORD: 'operator-password-123',
};

async function counts() {
  const db = handle.db;
  const [u] = await db.select({ n: count() }).from(users);
  const [tn] = await db.select({ n: count() }).from(tenants);
  const [r] = await db.select({ n: count() }).from(roles);
  return { users: u!.n, tenants: tn!.n, roles: r!.n };
}

describe('seed', () => {
  const seen: string[] = [];
  const step: DemoSeedStep = {
    name: 'records-its-context',
    run: async (ctx) => {
      seen.push(`${ctx.tenant.slug}:${Object.keys(ctx.tenant.users).sort().join(',')}`);
    },
  };

  it('creates the operator, the demo tenant and its four people with working passwords', async () => {
    const result = await seedDemo({ db: handle.db, config, steps: [step] });
    expect(result.logins.map((l) => [l.email, l.created])).toEqual([
      ['operator@seedtest.example', true],
      ['admin@seedtest.example', true],
      ['supervisor@seedtest.example', true],
      ['agent1@seedtest.example', true],
      ['agent2@seedtest.example', true],
    ]);
    expect(result.failedSteps).toEqual([]);
    expect(seen).toEqual(['demo:admin,agent1,agent2,supervisor']);

    const [tenant] = await handle.db.select().from(tenants).where(eq(tenants.slug, 'demo'));
    expect(tenant?.name).toBe('Demo Company');
    const [agent] = await handle.db.select().from(users).where(eq(users.email, 'agent2@seedtest.example'));
    expect(agent?.tenantId).toBe(tenant?.id);
    expect(await verifyPassword(agent!.passwordHash, 'seed-password-123')).toBe(true);
    const [operator] = await handle.db
      .select()
      .from(users)
      .where(eq(users.email, 'operator@seedtest.example'));
    expect(operator).toMatchObject({ tenantId: null, isPlatformAdmin: true });
  });

  it('changes nothing when run again and reports the same logins', async () => {
    const before = await counts();
    const hashesBefore = await handle.db.select({ h: users.passwordHash }).from(users);
    const again = await seedDemo({ db: handle.db, config, steps: [step] });
    expect(await counts()).toEqual(before);
    expect(await handle.db.select({ h: users.passwordHash }).from(users)).toEqual(hashesBefore);
    expect(again.logins.every((l) => !l.created)).toBe(true);
    expect(again.logins.map((l) => l.email)).toHaveLength(5);
  });

  it('rolls a failing step back, names it, and still runs the others', async () => {
    const ran: string[] = [];
    const result = await seedDemo({
      db: handle.db,
      config,
      steps: [
        {
          name: 'breaks-half-way',
          run: async (ctx) => {
            await ctx.tx.update(tenants).set({ name: 'Half written' }).where(eq(tenants.id, ctx.tenant.id));
            throw new Error('boom');
          },
        },
        { name: 'after', run: async () => void ran.push('after') },
      ],
    });
    expect(result.failedSteps).toEqual(['breaks-half-way']);
    expect(ran).toEqual(['after']);
    const [tenant] = await handle.db.select().from(tenants).where(eq(tenants.slug, 'demo'));
    expect(tenant?.name).toBe('Demo Company');
  });
});
