import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { telephonyOwners } from '../db/schema/index';

/**
 * Heartbeats of the phone systems a worker routes for (table `telephony_owners`, platform-wide).
 * `lastSeen` is read at start, before this run's first beat, so it is the previous run's last sign
 * of life: the time calls left open by that run really ended (F7).
 */
export function createTelephonyOwnersRepository(db: Database) {
  return {
    async lastSeen(): Promise<Map<string, Date>> {
      const rows = await db.select().from(telephonyOwners);
      return new Map(rows.map((r) => [r.name, r.lastSeenAt]));
    },
    async beat(name: string, at: Date) {
      await db
        .insert(telephonyOwners)
        .values({ name, startedAt: at, lastSeenAt: at })
        .onDuplicateKeyUpdate({ set: { lastSeenAt: sql`GREATEST(${telephonyOwners.lastSeenAt}, ${at})` } });
    },
    async started(name: string, at: Date) {
      await db
        .insert(telephonyOwners)
        .values({ name, startedAt: at, lastSeenAt: at })
        .onDuplicateKeyUpdate({ set: { startedAt: at, lastSeenAt: at } });
    },
    async findLastSeen(name: string) {
      const [row] = await db.select().from(telephonyOwners).where(eq(telephonyOwners.name, name)).limit(1);
      return row?.lastSeenAt ?? null;
    },
  };
}
export type TelephonyOwnersRepository = ReturnType<typeof createTelephonyOwnersRepository>;
