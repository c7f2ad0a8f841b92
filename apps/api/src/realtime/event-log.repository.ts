import { and, desc, eq, gt, gte, inArray, lt, lte, or } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { realtimeEvents } from '../db/schema/index';
import { allowUnscoped, registerTenantTables } from '../lib/query-audit';

registerTenantTables('realtime_events');
allowUnscoped(
  'realtime: retention prunes old events of every tenant by age',
  /^delete from `realtime_events` where `realtime_events`\.`created_at` < \?/i,
);

export type EventLogRow = typeof realtimeEvents.$inferSelect;
export type NewEventLogRow = Omit<typeof realtimeEvents.$inferInsert, 'id'>;

export function createEventLogRepository(db: Database) {
  return {
    db,
    /** Inserts rows in order; returns them with their ids. */
    async insertMany(rows: NewEventLogRow[], exec: Executor = db): Promise<EventLogRow[]> {
      const out: EventLogRow[] = [];
      // One INSERT per row: mysql2 reports only the first id of a multi-row insert, and these
      // batches are a handful of rooms.
      for (const row of rows) {
        const [res] = await exec.insert(realtimeEvents).values(row);
        out.push({ ...row, id: Number(res.insertId) });
      }
      return out;
    },
    async findCreatedAt(tenantId: string, id: number): Promise<Date | null> {
      const [row] = await db
        .select({ createdAt: realtimeEvents.createdAt })
        .from(realtimeEvents)
        .where(and(eq(realtimeEvents.tenantId, tenantId), eq(realtimeEvents.id, id)))
        .limit(1);
      return row?.createdAt ?? null;
    },
    /**
     * Events of some rooms after `since`, oldest first. `lookbackFrom` also returns older rows
     * created from that time on: a row with a lower id can commit after a higher one, so the
     * client dedupes by id and nothing committed late is skipped.
     */
    async listSince(tenantId: string, rooms: string[], since: number, lookbackFrom: Date | null, limit: number) {
      if (rooms.length === 0) return [];
      const after = gt(realtimeEvents.id, since);
      return db
        .select()
        .from(realtimeEvents)
        .where(
          and(
            eq(realtimeEvents.tenantId, tenantId),
            inArray(realtimeEvents.room, rooms),
            lookbackFrom
              ? or(after, and(lte(realtimeEvents.id, since), gte(realtimeEvents.createdAt, lookbackFrom)))
              : after,
          ),
        )
        .orderBy(realtimeEvents.id)
        .limit(limit);
    },
    async latestForTenant(tenantId: string): Promise<number> {
      const [row] = await db
        .select({ id: realtimeEvents.id })
        .from(realtimeEvents)
        .where(eq(realtimeEvents.tenantId, tenantId))
        .orderBy(desc(realtimeEvents.id))
        .limit(1);
      return row?.id ?? 0;
    },
    async pruneOlderThan(cutoff: Date): Promise<number> {
      const [res] = await db.delete(realtimeEvents).where(lt(realtimeEvents.createdAt, cutoff)).limit(5000);
      return res.affectedRows;
    },
  };
}
export type EventLogRepository = ReturnType<typeof createEventLogRepository>;
