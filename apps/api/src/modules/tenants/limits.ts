import { eq } from 'drizzle-orm';
import type { LimitKey } from '@switchboard/contracts';
import type { Executor } from '../../db/client';
import { tenants } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';

/**
 * Counts what a tenant uses of each limited resource. Each module registers the counter for the
 * limits it owns (users → users module, endpoints → endpoints module, …); the usage endpoint and
 * `assertWithinLimit` read them from here.
 */
export type UsageCounter = (exec: Executor, tenantId: string) => Promise<number>;
const counters = new Map<LimitKey, UsageCounter>();

export function registerUsageCounter(key: LimitKey, counter: UsageCounter) {
  counters.set(key, counter);
}

export function usageCounter(key: LimitKey): UsageCounter | undefined {
  return counters.get(key);
}

const limitNames: Record<LimitKey, string> = {
  users: 'users',
  agents: 'agents',
  dids: 'phone numbers (DIDs)',
  queues: 'queues',
  endpoints: 'endpoints',
  concurrent_calls: 'concurrent calls',
  storage_mb: 'storage (MB)',
  chat_widgets: 'chat widgets',
};

/**
 * Refuses a create that would pass the tenant's limit, with a 409 LIMIT_REACHED naming the
 * limit. Call it inside the create transaction, after locking the tenant row (`FOR UPDATE`) so two
 * concurrent creates cannot both slip under the limit.
 */
export async function assertWithinLimit(exec: Executor, tenantId: string, key: LimitKey, adding = 1) {
  const [t] = await exec
    .select({ limits: tenants.limits })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .for('update');
  const limit = t?.limits[key] ?? null;
  if (limit === null) return;
  const counter = counters.get(key);
  if (!counter) throw new Error(`No usage counter registered for limit ${key}`);
  const used = await counter(exec, tenantId);
  if (used + adding > limit) {
    throw new AppError('LIMIT_REACHED', `Limit reached: this organisation may have at most ${limit} ${limitNames[key]}`, {
      limit: key,
      max: limit,
      used,
    });
  }
}
