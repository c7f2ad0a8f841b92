import { systemRoleKeys, type SystemRoleKey } from '@switchboard/contracts';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import { provisionTenant } from '../tenants/tenant-provisioning';
import { createSeedRepository } from './seed.repository';
import type { DemoSeedContext, DemoSeedStep } from './demo-steps';

export const DEMO_TENANT = { name: 'Demo Company', slug: 'demo' } as const;

export type SeedLogin = { label: string; email: string; password: string; created: boolean };
export type SeedResult = { logins: SeedLogin[]; tenantId: string; failedSteps: string[] };

type SeedOptions = {
  db: Database;
  config: Pick<
    Config,
    'SEED_ADMIN_EMAIL' | 'SEED_ADMIN_PASSWORD' | 'PLATFORM_ADMIN_EMAIL' | 'PLATFORM_ADMIN_PASSWORD'
  > &
    Partial<Config>;
  steps: DemoSeedStep[];
  now?: Date;
  log?: (message: string) => void;
};

/** Supervisor and agents share the admin's e-mail domain and the seed password. */
function demoPeople(adminEmail: string) {
  const domain = adminEmail.split('@')[1] ?? 'demo.switchboard.local';
  return [
    {
      key: 'supervisor',
      role: 'supervisor',
      email: `supervisor@${domain}`,
      name: 'Sam Supervisor',
      label: 'Demo supervisor',
    },
    { key: 'agent1', role: 'agent', email: `agent1@${domain}`, name: 'Alex Agent', label: 'Demo agent 1' },
    { key: 'agent2', role: 'agent', email: `agent2@${domain}`, name: 'Robin Agent', label: 'Demo agent 2' },
  ] as const satisfies readonly {
    key: string;
    role: SystemRoleKey;
    email: string;
    name: string;
    label: string;
  }[];
}

/**
 * Creates the platform operator and the demo tenant with an admin, a supervisor and two agents,
 * then runs every demo step. Idempotent: existing rows are found by e-mail or slug and left
 * untouched, so a second run creates nothing and reports the same logins.
 */
export async function seedDemo({
  db,
  config,
  steps,
  now = new Date(),
  log = () => {},
}: SeedOptions): Promise<SeedResult> {
  const password = config.SEED_ADMIN_PASSWORD;
  const logins: SeedLogin[] = [];

  const core = await db.transaction(async (tx) => {
    const repo = createSeedRepository(tx);
    const operatorEmail = config.PLATFORM_ADMIN_EMAIL.toLowerCase();
    let created = false;
    if (!(await repo.findUserIdByEmail(operatorEmail))) {
      await repo.insertUser({
        tenantId: null,
        roleId: null,
        email: operatorEmail,
        name: 'Platform operator',
        password: config.PLATFORM_ADMIN_PASSWORD,
        platformAdmin: true,
        now,
      });
      created = true;
    }
    logins.push({
      label: 'Platform operator',
      email: operatorEmail,
      password: config.PLATFORM_ADMIN_PASSWORD,
      created,
    });

    const adminEmail = config.SEED_ADMIN_EMAIL.toLowerCase();
    let tenantId = await repo.findTenantIdBySlug(DEMO_TENANT.slug);
    let tenantCreated = false;
    if (!tenantId) {
      if (await repo.findUserIdByEmail(adminEmail)) {
        throw new Error(
          `SEED_ADMIN_EMAIL ${adminEmail} already belongs to another account; choose another address`,
        );
      }
      const made = await provisionTenant(tx, {
        ...DEMO_TENANT,
        admin: { email: adminEmail, name: 'Dana Admin', password },
        now,
      });
      tenantId = made.tenantId;
      tenantCreated = true;
    }
    const roleIds = await repo.systemRoleIds(tenantId);
    const missing = systemRoleKeys.filter((k) => !roleIds[k]);
    if (missing.length) throw new Error(`The demo tenant has lost its system roles: ${missing.join(', ')}`);
    const fullRoleIds = roleIds as Record<SystemRoleKey, string>;

    const users: DemoSeedContext['tenant']['users'] = {};
    let adminId = await repo.findUserIdByEmail(adminEmail);
    if (!adminId) {
      adminId = await repo.insertUser({
        tenantId,
        roleId: fullRoleIds.admin,
        email: adminEmail,
        name: 'Dana Admin',
        password,
        now,
      });
      tenantCreated = true;
    }
    users.admin = { id: adminId, email: adminEmail };
    logins.push({ label: 'Demo admin', email: adminEmail, password, created: tenantCreated });

    for (const person of demoPeople(adminEmail)) {
      let id = await repo.findUserIdByEmail(person.email);
      const personCreated = !id;
      id ??= await repo.insertUser({
        tenantId,
        roleId: fullRoleIds[person.role],
        email: person.email,
        name: person.name,
        password,
        now,
      });
      users[person.key] = { id, email: person.email };
      logins.push({ label: person.label, email: person.email, password, created: personCreated });
    }
    return { tenantId, roleIds: fullRoleIds, users };
  });

  const failedSteps: string[] = [];
  for (const step of steps) {
    try {
      await db.transaction(async (tx) =>
        step.run({
          tx,
          config: config as Config,
          now,
          tenant: { id: core.tenantId, slug: DEMO_TENANT.slug, roleIds: core.roleIds, users: core.users },
          log: (m) => log(`[${step.name}] ${m}`),
        }),
      );
      log(`demo step ${step.name}: done`);
    } catch (e) {
      failedSteps.push(step.name);
      log(`demo step ${step.name} FAILED: ${(e as Error).message}`);
    }
  }
  return { logins, tenantId: core.tenantId, failedSteps };
}
