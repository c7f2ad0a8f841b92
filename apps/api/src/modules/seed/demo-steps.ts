import type { Config } from '../../config';
import type { Transaction } from '../../db/client';
import type { SystemRoleKey } from '@switchboard/contracts';
import { notificationsDemoStep } from '../notifications/notifications.seed';
import { routingDemoStep } from '../dids/routing.seed';
import { endpointsDemoStep } from '../endpoints/endpoints.seed';

/** The settings the seed needs; the rest of the configuration is optional (tests pass only these). */
export type SeedConfig = Pick<
  Config,
  'SEED_ADMIN_EMAIL' | 'SEED_ADMIN_PASSWORD' | 'PLATFORM_ADMIN_EMAIL' | 'PLATFORM_ADMIN_PASSWORD'
> &
  Partial<Config>;

/** What a demo step gets: the demo tenant, its people, and the open transaction to write in. */
export type DemoSeedContext = {
  tx: Transaction;
  config: SeedConfig;
  now: Date;
  tenant: {
    id: string;
    slug: string;
    roleIds: Record<SystemRoleKey, string>;
    /** The seeded people by key: admin, supervisor, agent1, agent2. */
    users: Record<string, { id: string; email: string }>;
  };
  log: (message: string) => void;
};

/**
 * One named piece of demo data (queues, endpoints, DIDs, widgets, tickets …). A step must be
 * idempotent: look its rows up by a natural key and insert only what is missing, so re-running
 * `npm run db:seed` changes nothing. Each step runs in its own transaction, after the core users.
 */
export type DemoSeedStep = { name: string; run: (ctx: DemoSeedContext) => Promise<void> };

/** Demo steps, run in order. A module adds one line here (see modules/seed/README.md). */
export const demoSeedSteps: DemoSeedStep[] = [notificationsDemoStep, endpointsDemoStep, routingDemoStep];
