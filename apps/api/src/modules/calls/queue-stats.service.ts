import type { QueueStats } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { tenants } from '../../db/schema/index';
import type { Clock } from '../../lib/clock';
import { startOfLocalDay } from '../../lib/time-zones';
import type { QueueStatsRepository } from './queue-stats.repository';

const pct = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 10 : null);
const avg = (total: number, count: number) => (count > 0 ? Math.round((total / count) * 10) / 10 : null);

/**
 * Live queue figures for today in the tenant's time zone, with the GLOSSARY formulas:
 * SL% = answered within T ÷ (offered − short abandons); abandon rate = (abandoned − short) ÷
 * (offered − short); ASA = wait of answered ÷ answered; AHT = (talk + hold + wrap-up) ÷ handled.
 */
export function createQueueStatsService(deps: { db: Database; repo: QueueStatsRepository; clock: Clock }) {
  return {
    async forTenant(tenantId: string, queueIds?: string[]): Promise<QueueStats[]> {
      const [tenant] = await deps.db
        .select({ timezone: tenants.timezone, settings: tenants.settings })
        .from(tenants)
        .where(eq(tenants.id, tenantId))
        .limit(1);
      if (!tenant) return [];
      const now = deps.clock.now();
      const since = startOfLocalDay(tenant.timezone, now);
      const shortAbandon = tenant.settings.short_abandon_seconds ?? 5;
      const [qs, counts, waiting, agents] = await Promise.all([
        deps.repo.queues(tenantId, queueIds),
        deps.repo.counts(tenantId, since, shortAbandon),
        deps.repo.waiting(tenantId),
        deps.repo.agentsByState(tenantId),
      ]);
      return qs.map((q) => {
        const c = counts.find((x) => x.queueId === q.id);
        const w = waiting.find((x) => x.queueId === q.id);
        const byState: Record<string, number> = {};
        for (const a of agents.filter((x) => x.queueId === q.id)) byState[a.state] = a.count;
        const offered = c?.offered ?? 0;
        const short = c?.shortAbandoned ?? 0;
        return {
          queue_id: q.id,
          queue_name: q.name,
          service_level_seconds: q.serviceLevelSeconds,
          waiting: w?.waiting ?? 0,
          longest_wait_seconds: w?.oldest ? Math.max(0, Math.round((now.getTime() - w.oldest.getTime()) / 1000)) : 0,
          agents: byState,
          offered,
          answered: c?.answered ?? 0,
          abandoned: c?.abandoned ?? 0,
          short_abandoned: short,
          overflowed: c?.overflowed ?? 0,
          answered_within_sl: c?.answeredWithinSl ?? 0,
          service_level_pct: pct(c?.answeredWithinSl ?? 0, offered - short),
          abandon_rate_pct: pct((c?.abandoned ?? 0) - short, offered - short),
          asa_seconds: avg(c?.answeredWait ?? 0, c?.answered ?? 0),
          aht_seconds: avg(c?.handleSeconds ?? 0, c?.handled ?? 0),
          as_of: now.toISOString(),
        };
      });
    },
  };
}
export type QueueStatsService = ReturnType<typeof createQueueStatsService>;
