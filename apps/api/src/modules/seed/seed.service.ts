import { systemRoleKeys, type SystemRoleKey } from '@switchboard/contracts';
import type { Database, Transaction } from '../../db/client';
import { provisionTenant } from '../tenants/tenant-provisioning';
import { createSeedRepository } from './seed.repository';
import type { DemoSeedContext, DemoSeedStep, SeedConfig } from './demo-steps';

export const DEMO_TENANT = { name: 'Demo Company', slug: 'demo' } as const;

export type SeedLogin = { label: string; email: string; password: string; created: boolean };
export type SeedResult = { logins: SeedLogin[]; tenantId: string; failedSteps: string[] };

type SeedOptions = {
  db: Database;
  config: SeedConfig;
  steps: DemoSeedStep[];
  now?: Date;
  log?: (message: string) => void;
};

type SeedRepository = ReturnType<typeof createSeedRepository>;
type DemoTenant = DemoSeedContext['tenant'];

/** The demo tenant's people; supervisor and agents share the admin's e-mail domain and password. */
function demoPeople(adminEmail: string) {
  const domain = adminEmail.split('@')[1] ?? 'demo.switchboard.local';
  const people: { key: string; role: SystemRoleKey; email: string; name: string; label: string }[] = [
    { key: 'admin', role: 'admin', email: adminEmail, name: 'Dana Admin', label: 'Demo admin' },
    {
      key: 'supervisor',
      role: 'supervisor',
      email: `supervisor@${domain}`,
      name: 'Sam Supervisor',
      label: 'Demo supervisor',
    },
    { key: 'agent1', role: 'agent', email: `agent1@${domain}`, name: 'Alex Agent', label: 'Demo agent 1' },
    { key: 'agent2', role: 'agent', email: `agent2@${domain}`, name: 'Robin Agent', label: 'Demo agent 2' },
  ];
  return people;
}

async function ensureOperator(repo: SeedRepository, config: SeedConfig, now: Date): Promise<SeedLogin> {
  const email = config.PLATFORM_ADMIN_EMAIL.toLowerCase();
  const password = config.PLATFORM_ADMIN_PASSWORD;
  const existing = await repo.findUserByEmail(email);
  if (existing && existing.tenantId !== null) {
    throw new Error(`PLATFORM_ADMIN_EMAIL ${email} already belongs to a tenant user; choose another address`);
  }
  if (!existing) {
    await repo.insertUser({
      tenantId: null,
      roleId: null,
      email,
      name: 'Platform operator',
      password,
      platformAdmin: true,
      now,
    });
  }
  return { label: 'Platform operator', email, password, created: !existing };
}

/** Finds or creates "Demo Company" and its people; an e-mail taken outside the tenant is an error. */
async function ensureDemoTenant(
  tx: Transaction,
  repo: SeedRepository,
  config: SeedConfig,
  now: Date,
): Promise<{ tenant: DemoTenant; logins: SeedLogin[] }> {
  const password = config.SEED_ADMIN_PASSWORD;
  const people = demoPeople(config.SEED_ADMIN_EMAIL.toLowerCase());
  const tenantId =
    (await repo.findTenantIdBySlug(DEMO_TENANT.slug)) ??
    (await provisionTenant(tx, { ...DEMO_TENANT, now })).tenantId;
  const found = await repo.systemRoleIds(tenantId);
  const missing = systemRoleKeys.filter((k) => !found[k]);
  if (missing.length) throw new Error(`The demo tenant has lost its system roles: ${missing.join(', ')}`);
  const roleIds = found as Record<SystemRoleKey, string>;

  const users: DemoTenant['users'] = {};
  const logins: SeedLogin[] = [];
  for (const person of people) {
    const existing = await repo.findUserByEmail(person.email);
    if (existing && existing.tenantId !== tenantId) {
      throw new Error(
        `${person.email} already belongs to an account outside the demo tenant; set SEED_ADMIN_EMAIL to another domain`,
      );
    }
    const id =
      existing?.id ??
      (await repo.insertUser({
        tenantId,
        roleId: roleIds[person.role],
        email: person.email,
        name: person.name,
        password,
        now,
      }));
    users[person.key] = { id, email: person.email };
    logins.push({ label: person.label, email: person.email, password, created: !existing });
  }
  return { tenant: { id: tenantId, slug: DEMO_TENANT.slug, roleIds, users }, logins };
}

/** Each step in its own transaction: a failing one is rolled back and named, the others still run. */
async function runDemoSteps(opts: Required<SeedOptions>, tenant: DemoTenant): Promise<string[]> {
  const failed: string[] = [];
  for (const step of opts.steps) {
    try {
      await opts.db.transaction((tx) =>
        step.run({
          tx,
          config: opts.config,
          now: opts.now,
          tenant,
          log: (m) => opts.log(`[${step.name}] ${m}`),
        }),
      );
      opts.log(`demo step ${step.name}: done`);
    } catch (e) {
      failed.push(step.name);
      opts.log(`demo step ${step.name} FAILED: ${(e as Error).message}`);
    }
  }
  return failed;
}

/**
 * Creates the platform operator and the demo tenant with an admin, a supervisor and two agents,
 * then runs every demo step. Idempotent: existing rows are found by e-mail or slug and left
 * untouched, so a second run creates nothing and reports the same logins.
 */
export async function seedDemo(options: SeedOptions): Promise<SeedResult> {
  const opts: Required<SeedOptions> = { now: new Date(), log: () => {}, ...options };
  const core = await opts.db.transaction(async (tx) => {
    const repo = createSeedRepository(tx);
    const operator = await ensureOperator(repo, opts.config, opts.now);
    const demo = await ensureDemoTenant(tx, repo, opts.config, opts.now);
    return { tenant: demo.tenant, logins: [operator, ...demo.logins] };
  });
  const failedSteps = await runDemoSteps(opts, core.tenant);
  return { logins: core.logins, tenantId: core.tenant.id, failedSteps };
}
